// Transitional re-export for modules being replaced by the shared run lifecycle; import apps/api/src/modules/audit/append.ts.
export * from '../modules/audit/append.ts';
