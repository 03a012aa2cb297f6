'use client';
import { useRouter } from 'next/navigation';

import { MeDocument } from '../../graphql/generated/graphql.ts';
import { useGqlQuery, useToken } from '../../lib/graphql/hooks.ts';
import { endSession } from '../../lib/session.ts';
import { SessionWatch } from './session-watch.tsx';
import { useTheme } from './theme.tsx';
import { PageLink } from './page-link.tsx';

/** Brand, signed-in user, theme switch and sign-out. */
export function TopBar() {
  const token = useToken();
  const { theme, toggle } = useTheme();
  const me = useGqlQuery(MeDocument, {}, { skip: !token });
  const router = useRouter();
  const user = token ? me.data?.me : null;
  return (
    <header className="topbar">
      <PageLink href={token ? '/projects' : '/'} className="brand">
        <span className="brand-mark">◆</span> Distillery
      </PageLink>
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
          <PageLink href="/workers" className="ghost-link" title="Runners and job queues">
            Workers
          </PageLink>
        )}
        {user?.isSiteAdmin && (
          <PageLink href="/admin/users" className="ghost-link">
            Admin
          </PageLink>
        )}
        {user && (
          <PageLink href="/settings" className="ghost-link" title="Profile, password and API tokens">
            {user.name}
          </PageLink>
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
