import type { Resolvers } from '../../generated/resolvers-types.ts';
import { listAuditEvents, listSiteAuditEvents } from '../../modules/audit/audit.service.ts';
import { verifyAuditChain, verifySiteAuditChain } from '../../modules/audit/verify-chain.ts';

export const auditResolvers: Resolvers = {
  Query: {
    auditLog: (_p, a, ctx) => listAuditEvents(ctx, a.filter, a.first, a.after),
    verifyAuditChain: (_p, a, ctx) => verifyAuditChain(ctx, a.projectId),
    siteAuditLog: (_p, a, ctx) => listSiteAuditEvents(ctx, a.filter, a.first, a.after),
    verifySiteAuditChain: (_p, _a, ctx) => verifySiteAuditChain(ctx),
  },
  AuditEvent: {
    actor: (e, _a, ctx) => (e.actorId ? ctx.loaders.user.load(e.actorId) : null),
  },
};
