import type { Resolvers } from '../../generated/resolvers-types.ts';
import { changePassword } from '../../modules/user/change-password.ts';
import { listUsers } from '../../modules/user/list-users.ts';
import { setSiteAdmin, setUserDisabled } from '../../modules/user/manage-users.ts';
import { createPasswordReset, readPasswordLink, resetPassword } from '../../modules/user/password-links.ts';
import { updateProfile } from '../../modules/user/update-profile.ts';

export const userResolvers: Resolvers = {
  Query: {
    users: (_p, a, ctx) => listUsers(ctx, a.filter, a.first, a.after),
    passwordLink: (_p, a, ctx) => readPasswordLink(ctx, a.token),
  },
  Mutation: {
    updateProfile: (_p, a, ctx) => updateProfile(ctx, a.input),
    changePassword: (_p, a, ctx) => changePassword(ctx, a.input),
    createPasswordReset: (_p, a, ctx) => createPasswordReset(ctx, a.userId),
    resetPassword: (_p, a, ctx) => resetPassword(ctx, a.input),
    disableUser: (_p, a, ctx) => setUserDisabled(ctx, a.id, true),
    enableUser: (_p, a, ctx) => setUserDisabled(ctx, a.id, false),
    setSiteAdmin: (_p, a, ctx) => setSiteAdmin(ctx, a.id, a.isSiteAdmin),
  },
  User: {
    hasPassword: (u) => Boolean(u.passwordHash),
  },
};
