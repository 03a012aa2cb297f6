'use client';
import type { Role } from '@distillery/graphql-schema/types';
import { createContext, useContext } from 'react';

const ORDER: Record<Role, number> = { VIEWER: 0, MEMBER: 1, SUPERVISOR: 2, ADMIN: 3 };

/** The open project and the caller's role in it. */
export interface ProjectInfo {
  id: string;
  name: string;
  role: Role | null;
}

export const ProjectContext = createContext<ProjectInfo>({ id: '', name: '', role: null });

export function useProject(): ProjectInfo {
  return useContext(ProjectContext);
}

/** True when `role` is at least `min` (VIEWER < MEMBER < SUPERVISOR < ADMIN). */
export function hasRole(role: Role | null, min: Role): boolean {
  return role !== null && ORDER[role] >= ORDER[min];
}
