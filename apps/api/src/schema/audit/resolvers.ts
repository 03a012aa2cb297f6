import type { Resolvers } from '../../generated/resolvers-types.ts';
import { listAuditEvents, verifyAuditChain } from '../../modules/audit/audit.service.ts';

export const auditResolvers: Resolvers = {
  Query: {
    auditLog: (_p, a, ctx) => listAuditEvents(ctx, a.filter, a.first, a.after),
    verifyAuditChain: (_p, a, ctx) => verifyAuditChain(ctx, a.projectId),
  },
};
