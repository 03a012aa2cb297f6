'use client';
import type { Role } from '@distillery/graphql-schema/types';
import Link from 'next/link';
import { useParams, usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

import { hasRole, ProjectContext } from '../../../components/shell/project-context.tsx';
import { ProjectRoleDocument } from '../../../graphql/generated/graphql.ts';
import { useGqlQuery } from '../../../lib/graphql/hooks.ts';

const NAV: { href: string; label: string; min?: Role }[] = [
  { href: '', label: 'Overview' },
  { href: '/runs', label: 'Runs' },
  { href: '/compare', label: 'Compare' },
  { href: '/ensembles', label: 'Ensembles' },
  { href: '/results', label: 'Distillation results' },
  { href: '/lineage', label: 'Lineage' },
  { href: '/launch', label: 'Launch', min: 'MEMBER' },
  { href: '/audit', label: 'Audit', min: 'SUPERVISOR' },
  { href: '/settings', label: 'Settings' },
];

export default function ProjectLayout({ children }: { children: ReactNode }) {
  const { projectId } = useParams<{ projectId: string }>();
  const path = usePathname();
  const { data } = useGqlQuery(ProjectRoleDocument, { id: projectId });
  const role = data?.project?.myRole ?? null;
  const base = `/p/${projectId}`;
  return (
    <ProjectContext.Provider value={{ id: projectId, name: data?.project?.name ?? '', role }}>
      <div className="project-frame">
        <nav className="sidebar" aria-label="Project">
          <div className="project-name" title={data?.project?.name}>
            <Link href="/projects" className="muted">
              ←
            </Link>{' '}
            {data?.project?.name ?? '…'}
          </div>
          {NAV.filter((n) => !n.min || hasRole(role, n.min)).map((n) => {
            const href = base + n.href;
            const active = n.href === '' ? path === base : path.startsWith(href);
            return (
              <Link key={n.href} href={href} className={active ? 'active' : ''}>
                {n.label}
              </Link>
            );
          })}
          {role && <div className="role muted">Your role: {role.toLowerCase()}</div>}
        </nav>
        <main className="page">{children}</main>
      </div>
    </ProjectContext.Provider>
  );
}
