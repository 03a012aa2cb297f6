import type { Resolvers } from '../../generated/resolvers-types.ts';
import { loadOrThrow } from '../../loaders/batch.ts';
import { deleteSavedView } from '../../modules/saved-view/delete-saved-view.ts';
import { listSavedViews } from '../../modules/saved-view/list-saved-views.ts';
import { saveView } from '../../modules/saved-view/save-view.ts';

export const savedViewResolvers: Resolvers = {
  Query: {
    savedViews: (_p, a, ctx) => listSavedViews(ctx, a.projectId),
  },
  Mutation: {
    saveView: (_p, a, ctx) => saveView(ctx, a.input),
    deleteSavedView: (_p, a, ctx) => deleteSavedView(ctx, a.id),
  },
  SavedView: {
    owner: (v, _a, ctx) => loadOrThrow(ctx.loaders.user, 'User', v.ownerId!),
    mine: (v, _a, ctx) => ctx.actor.kind === 'USER' && v.ownerId === ctx.actor.userId,
  },
};
