import type { Resolvers } from '../../generated/resolvers-types.ts';
import { loadOrThrow } from '../../loaders/batch.ts';
import { modelArtifacts } from '../../modules/artifact/artifact.service.ts';
import { modelVersionInputs } from '../../modules/model/model-inputs.ts';
import {
  findModelVersion,
  getModel,
  listModels,
  promoteModel,
  setModelStage,
} from '../../modules/model/model.service.ts';
import { predict } from '../../modules/model/predict.ts';
import { lineage } from '../../modules/result/lineage.ts';

export const modelResolvers: Resolvers = {
  Query: {
    registeredModels: (_p, a, ctx) => listModels(ctx, a.projectId),
    registeredModel: (_p, a, ctx) => getModel(ctx, a.projectId, a.name),
    modelVersion: (_p, a, ctx) => findModelVersion(ctx, a.projectId, a.reference),
  },
  Mutation: {
    promoteModel: (_p, a, ctx) => promoteModel(ctx, a.input),
    setModelStage: (_p, a, ctx) => setModelStage(ctx, a.input),
    predict: (_p, a, ctx) => predict(ctx, a.input),
  },
  RegisteredModel: {
    versions: (m, _a, ctx) => ctx.loaders.versionsOfModel.load(m.id!),
    version: async (m, a, ctx) =>
      a.stage || a.number
        ? ((await ctx.loaders.versionsOfModelWhere.load([m.id!, `${a.stage ?? ''}:${a.number ?? ''}`]))[0] ??
          null)
        : null,
  },
  ModelVersion: {
    model: (v, _a, ctx) => loadOrThrow(ctx.loaders.registeredModel, 'RegisteredModel', v.modelId!),
    reference: async (v, _a, ctx) =>
      `${(await loadOrThrow(ctx.loaders.registeredModel, 'RegisteredModel', v.modelId!)).name}@${v.version}`,
    run: (v, _a, ctx) => loadOrThrow(ctx.loaders.run, 'Run', v.runId!),
    student: (v, _a, ctx) => (v.studentId ? ctx.loaders.student.load(v.studentId) : null),
    ensemble: (v, _a, ctx) => (v.ensembleId ? ctx.loaders.ensemble.load(v.ensembleId) : null),
    classNames: async (v, _a, ctx) => (await modelVersionInputs(ctx, v.runId!)).classNames,
    inputShape: async (v, _a, ctx) => (await modelVersionInputs(ctx, v.runId!)).inputShape,
    artifacts: (v, _a, ctx) => modelArtifacts(ctx, v.runId!),
    lineage: (v, _a, ctx) => lineage(ctx, v.studentId ?? v.ensembleId!),
  },
};
