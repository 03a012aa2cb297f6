import type { Resolvers } from '../../generated/resolvers-types.ts';
import { acceptInvitation, readInvitation } from '../../modules/invitation/accept-invitation.ts';
import { createInvitation } from '../../modules/invitation/create-invitation.ts';
import {
  listInvitations,
  projectInvitations,
  revokeInvitation,
} from '../../modules/invitation/list-invitations.ts';

export const invitationResolvers: Resolvers = {
  Query: {
    invitations: (_p, a, ctx) => listInvitations(ctx, a.projectId, a.pendingOnly ?? true),
    invitation: (_p, a, ctx) => readInvitation(ctx, a.token),
  },
  Mutation: {
    createInvitation: (_p, a, ctx) => createInvitation(ctx, a.input),
    revokeInvitation: (_p, a, ctx) => revokeInvitation(ctx, a.id),
    acceptInvitation: (_p, a, ctx) => acceptInvitation(ctx, a.input),
  },
  Project: {
    invitations: (p, _a, ctx) => projectInvitations(ctx, p.id!),
  },
  Invitation: {
    project: (i, _a, ctx) => (i.projectId ? ctx.loaders.project.load(i.projectId) : null),
    invitedBy: (i, _a, ctx) => (i.invitedById ? ctx.loaders.user.load(i.invitedById) : null),
  },
};
