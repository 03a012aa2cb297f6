// Transitional re-export for modules being replaced by the shared run lifecycle; import apps/api/src/modules/auth/roles.ts.
export * from '../modules/auth/roles.ts';
