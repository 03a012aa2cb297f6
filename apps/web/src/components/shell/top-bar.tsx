'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';

import { MeDocument } from '../../graphql/generated/graphql.ts';
import { useGqlQuery, useToken } from '../../lib/graphql/hooks.ts';
import { endSession } from '../../lib/session.ts';
import { SessionWatch } from './session-watch.tsx';
import { useTheme } from './theme.tsx';

/** Brand, signed-in user, theme switch and sign-out. */
export function TopBar() {
  const token = useToken();
  const { theme, toggle } = useTheme();
  const me = useGqlQuery(MeDocument, {}, { skip: !token });
  const router = useRouter();
  const user = token ? me.data?.me : null;
  return (
    <header className="topbar">
      <Link href={token ? '/projects' : '/'} className="brand">
        <span className="brand-mark">◆</span> Distillery
      </Link>
      <div className="topbar-right">
        <button
          type="button"
          className="ghost"
          onClick={toggle}
          aria-label="Toggle theme"
          title="Toggle light/dark"
        >
          {theme === 'dark' ? '☀' : '☾'}
        </button>
        {user && (
          <Link href="/workers" className="ghost-link" title="Runners and job queues">
            Workers
          </Link>
        )}
        {user?.isSiteAdmin && (
          <Link href="/admin/users" className="ghost-link">
            Admin
          </Link>
        )}
        {user && (
          <Link href="/settings" className="ghost-link" title="Profile, password and API tokens">
            {user.name}
          </Link>
        )}
        {token && <SessionWatch />}
        {token && (
          <button
            type="button"
            className="ghost"
            onClick={async () => {
              await endSession();
              router.push('/sign-in');
            }}
          >
            Sign out
          </button>
        )}
      </div>
    </header>
  );
}
