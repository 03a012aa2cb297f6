import type { Resolvers } from '../../generated/resolvers-types.ts';
import { addMember } from '../../modules/member/add-member.ts';
import { leaveProject, removeMember, setMemberRole } from '../../modules/member/change-member.ts';

export const memberResolvers: Resolvers = {
  Mutation: {
    addMember: (_p, a, ctx) => addMember(ctx, a.input),
    setMemberRole: (_p, a, ctx) => setMemberRole(ctx, a.input),
    removeMember: (_p, a, ctx) => removeMember(ctx, a.input),
    leaveProject: (_p, a, ctx) => leaveProject(ctx, a.projectId),
  },
};
