'use client';
import { isUuid } from '@distillery/domain';
import type { Role } from '@distillery/graphql-schema/types';
import { useParams, usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

import { hasRole, ProjectContext } from '../../../components/shell/project-context.tsx';
import { ProjectRoleDocument } from '../../../graphql/generated/graphql.ts';
import { useGqlQuery } from '../../../lib/graphql/hooks.ts';
import { QueryError } from '../../../components/shell/query-error.tsx';
import { PageLink } from '../../../components/shell/page-link.tsx';

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
  const { data, error } = useGqlQuery(ProjectRoleDocument, { id: projectId });
  const role = data?.project?.myRole ?? null;
  const base = `/p/${projectId}`;
  // The URL may name the project by slug (as the API's project(id:) accepts): pages get its UUID, a
  // UUID at once, a slug once the API resolved it, so no page sends a slug where an id is needed.
  const id = isUuid(projectId) ? projectId : (data?.project?.id ?? '');
  const missing = data !== undefined && data.project === null;
  return (
    <ProjectContext.Provider value={{ id, name: data?.project?.name ?? '', role }}>
      <div className="project-frame">
        <nav className="sidebar" aria-label="Project">
          <div className="project-name" title={data?.project?.name}>
            <PageLink href="/projects" className="muted">
              ←
            </PageLink>{' '}
            {data?.project?.name ?? '…'}
          </div>
          {NAV.filter((n) => !n.min || hasRole(role, n.min)).map((n) => {
            const href = base + n.href;
            const active = n.href === '' ? path === base : path.startsWith(href);
            return (
              <PageLink key={n.href} href={href} className={active ? 'active' : ''}>
                {n.label}
              </PageLink>
            );
          })}
          {role && <div className="role muted">Your role: {role.toLowerCase()}</div>}
        </nav>
        <main className="page">
          <QueryError error={error} />
          {missing && <div className="empty">No project “{projectId}” here, or you are not a member.</div>}
          {id && !missing && children}
        </main>
      </div>
    </ProjectContext.Provider>
  );
}
