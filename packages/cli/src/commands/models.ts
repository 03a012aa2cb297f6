// models list|download|promote|stage, predict: trained models out of the platform, the registry, and
// batch prediction.
import { resolve } from 'node:path';

import {
  EnsembleArtifactsDocument,
  ModelVersionDocument,
  PredictDocument,
  PromoteModelDocument,
  RegisteredModelsDocument,
  RunModelArtifactsDocument,
  SetModelStageDocument,
  StudentArtifactsDocument,
  type ArtifactFieldsFragment,
  type ModelStage,
} from '@distillery/client';
import { downloadArtifact } from '@distillery/client/node';
import { AppError, AppErrorCode } from '@distillery/errors';
import type { Command } from 'commander';

import type { CliContext } from '../context.ts';
import { printList } from '../output.ts';
import type { Register } from '../program.ts';
import { isUuid } from '../resolve.ts';
import { pickRules } from '../vocabulary.ts';

const FORMATS: Record<string, ArtifactFieldsFragment['kind'][]> = {
  tfjs: ['TFJS_MODEL'],
  safetensors: ['SAFETENSORS'],
  checkpoint: ['CHECKPOINT'],
  all: ['TFJS_MODEL', 'SAFETENSORS', 'CHECKPOINT'],
};
const STAGES = ['none', 'staging', 'production', 'archived'];

function stageOf(s: string): ModelStage {
  if (!STAGES.includes(s.toLowerCase()))
    throw new AppError(AppErrorCode.BAD_USER_INPUT, `stage must be ${STAGES.join(', ')}, got "${s}"`);
  return s.toUpperCase() as ModelStage;
}

/** The final artifacts of a model reference, a student, an ensemble, or a teacher/student run. */
async function artifactsOf(ctx: CliContext, ref: string): Promise<readonly ArtifactFieldsFragment[]> {
  const client = ctx.client();
  if (!isUuid(ref)) {
    const { modelVersion } = await client.request(ModelVersionDocument, {
      projectId: await ctx.projectId(),
      reference: ref,
    });
    if (!modelVersion) throw new AppError(AppErrorCode.NOT_FOUND, `no model version ${ref}`);
    return modelVersion.artifacts;
  }
  const { student } = await client.request(StudentArtifactsDocument, { id: ref });
  if (student) return student.artifacts;
  const { ensemble } = await client.request(EnsembleArtifactsDocument, { id: ref });
  if (ensemble) return ensemble.artifacts;
  const { run } = await client.request(RunModelArtifactsDocument, { id: ref });
  const found = run && (run.teacher ?? run.student ?? run.ensemble);
  if (!found)
    throw new AppError(AppErrorCode.NOT_FOUND, `${ref} is no model version, student, ensemble or model run`);
  return found.artifacts;
}

export const registerModelCommands: Register = (program: Command, action) => {
  const models = program.command('models').description('download trained models, and the model registry');
  models
    .command('download <ref>')
    .description(
      'download a model: name@production|name@staging|name@<version>, or a student, ensemble or run id',
    )
    .option('--format <f>', 'tfjs (model.json + shards), safetensors, checkpoint or all', 'tfjs')
    .option('--out <dir>', 'folder to write into (default: ./<ref>)')
    .addHelpText(
      'after',
      `
Every file is checked against the sha256 the API lists. A tfjs folder loads with
tf.loadLayersModel('file://…/model.json') (tfjs-node) or from any web server.

Examples:
  $ distillery models download corrosion@production --out ./model
  $ distillery models download $STUDENT --format safetensors`,
    )
    .action(
      action(async (ctx, ref: string, opts: { format: string; out?: string }) => {
        const kinds = FORMATS[opts.format];
        if (!kinds)
          throw new AppError(
            AppErrorCode.BAD_USER_INPUT,
            `--format must be ${Object.keys(FORMATS).join(', ')}`,
          );
        const chosen = (await artifactsOf(ctx, ref)).filter((a) => kinds.includes(a.kind));
        if (chosen.length === 0)
          throw new AppError(
            AppErrorCode.NOT_FOUND,
            `${ref} has no ${opts.format} artifact (was it exported?)`,
          );
        const dir = resolve(ctx.io.cwd, opts.out ?? ref.replace(/[^\w.@-]/g, '_'));
        const { token } = ctx.connection();
        for (const a of chosen) {
          const written = await downloadArtifact(a, dir, token);
          ctx.io.out(written.map((p) => `${p}\n`).join(''));
        }
      }),
    );
  models
    .command('list')
    .description('registered models and their versions')
    .action(
      action(async (ctx) => {
        const { registeredModels } = await ctx
          .client()
          .request(RegisteredModelsDocument, { projectId: await ctx.projectId() });
        const rows = registeredModels.flatMap((m) => m.versions.map((v) => ({ name: m.name, ...v })));
        printList(ctx.io, ctx.json, rows, [
          { header: 'model', get: (r) => r.name },
          { header: 'version', get: (r) => r.version },
          { header: 'stage', get: (r) => r.stage },
          {
            header: 'from',
            get: (r) => (r.student ? `student ${r.student.id}` : `ensemble ${r.ensemble?.id}`),
          },
          { header: 'created', get: (r) => r.createdAt },
        ]);
      }),
    );
  models
    .command('promote <source>')
    .description('make a student (or ensemble, with --ensemble) the next version of a named model')
    .requiredOption('--name <name>', 'registered model name')
    .option('--stage <stage>', 'staging or production (production needs SUPERVISOR)', 'staging')
    .option('--ensemble', 'the source is an ensemble id')
    .option('--rule <rule>', 'ensembles: the fusion rule to serve with')
    .option('-q, --quiet', 'print only name@version')
    .action(
      action(
        async (
          ctx,
          source: string,
          o: { name: string; stage: string; ensemble?: boolean; rule?: string; quiet?: boolean },
        ) => {
          const { promoteModel } = await ctx.client().request(PromoteModelDocument, {
            input: {
              name: o.name,
              stage: stageOf(o.stage),
              ...(o.ensemble ? { ensembleId: source } : { studentId: source }),
              ...(o.rule ? { rule: pickRules('--rule', o.rule)[0] } : {}),
            },
          });
          ctx.io.out(
            o.quiet ? `${promoteModel.reference}\n` : `${promoteModel.reference} ${promoteModel.stage}\n`,
          );
        },
      ),
    );
  models
    .command('stage <name> <version> <stage>')
    .description('move a version to none, staging, production or archived')
    .action(
      action(async (ctx, name: string, version: string, stage: string) => {
        const { setModelStage } = await ctx.client().request(SetModelStageDocument, {
          input: { projectId: await ctx.projectId(), name, version: Number(version), stage: stageOf(stage) },
        });
        ctx.io.out(`${setModelStage.reference} ${setModelStage.stage}\n`);
      }),
    );
  program
    .command('predict <model>')
    .description('queue batch prediction of a model (a run id or name@stage) on a split role')
    .requiredOption('--split <id>', 'a split of a dataset with the model’s classes and shape')
    .option('--role <role>', 'train, val or test', 'test')
    .option('-q, --quiet', 'print only the run id')
    .action(
      action(async (ctx, model: string, o: { split: string; role: string; quiet?: boolean }) => {
        const role = o.role.toUpperCase();
        if (!['TRAIN', 'VAL', 'TEST'].includes(role))
          throw new AppError(
            AppErrorCode.BAD_USER_INPUT,
            `--role must be train, val or test, got "${o.role}"`,
          );
        const { predict } = await ctx.client().request(PredictDocument, {
          input: {
            ...(isUuid(model)
              ? { runId: model }
              : { modelReference: model, projectId: await ctx.projectId() }),
            splitId: o.split,
            splitRole: role as 'TEST',
          },
        });
        ctx.io.out(o.quiet ? `${predict.id}\n` : `${predict.id} ${predict.name} ${predict.status}\n`);
      }),
    );
};
