// The callbacks every training job hands the ML core's engine: metrics streamed at the batch step,
// validation at the step of its epoch end, a checkpoint per epoch, the run's cancel signal, and the
// checkpoint to resume from when this attempt continues an interrupted one.
import { teacherMetricKey, type TeacherMetric } from '@distillery/domain';
import { AppError, AppErrorCode } from '@distillery/errors';
import {
  nativeExecutorFactory,
  type EngineOptions,
  type EpochMetrics,
  type StepExecutorFactory,
  type StepMetrics,
} from '@distillery/ml';

import type { JobContext } from '../context.ts';
import type { RunEnvironment } from './run-environment.ts';

/** What differs between teacher/baseline and student runs. */
export interface HookOptions {
  stepsPerEpoch: number;
  teacherId: string | null;
  /** `val_loss` for teachers and baselines, `val_student_loss` for students (the original's names). */
  valLossKey: 'val_loss' | 'val_student_loss';
  /** Completed with the step executor the engine picks. */
  environment: RunEnvironment;
}

type Hooks = Required<
  Pick<
    EngineOptions,
    'stepEvery' | 'onStep' | 'onEpochEnd' | 'onCheckpoint' | 'signal' | 'executors' | 'onExecutor'
  >
> &
  Pick<EngineOptions, 'resumeFrom'>;

/**
 * The step executors of the runner's engine choice: `auto` tries the native engine (which logs why
 * when it declines) before tfjs, `native` refuses to fall back (CONFIG), `tfjs` never tries it.
 */
export function stepExecutors(choice: JobContext['engine']): StepExecutorFactory[] {
  if (choice.engine === 'tfjs') return [];
  const native = nativeExecutorFactory({
    cpu: choice.nativeCpu,
    ...(choice.nativeThreads ? { threads: choice.nativeThreads } : {}),
  });
  if (choice.engine === 'auto') return [native];
  return [
    {
      name: 'native (required)',
      create(spec) {
        const exec = native.create(spec);
        if (!exec)
          throw new AppError(
            AppErrorCode.CONFIG,
            `ML_ENGINE=native but the native engine declined: ${native.declined}`,
            {
              field: 'ML_ENGINE',
              value: 'native',
            },
          );
        return exec;
      },
    },
  ];
}

// One console line per epoch, the figures a person scans for (the charts hold the rest).
function epochLine(m: EpochMetrics): string {
  const val =
    m.valAccuracy !== undefined
      ? `, val_loss ${m.valLoss?.toFixed(4) ?? '—'}, val_accuracy ${(m.valAccuracy * 100).toFixed(2)} %`
      : '';
  return `epoch ${m.epoch}: loss ${m.loss.toFixed(4)}, accuracy ${(m.accuracy * 100).toFixed(2)} %${val}, ${Math.round(m.samplesPerSec)} samples/s`;
}

// The per-teacher figures under their domain names (`val_head_kl/2`: member 2, head 2).
const PER_TEACHER: Record<keyof NonNullable<EpochMetrics['valTeachers']>, TeacherMetric> = {
  agreement: 'val_agreement',
  headAgreement: 'val_head_agreement',
  headKl: 'val_head_kl',
  headAccuracy: 'val_head_accuracy',
  aggregatorShare: 'aggregator_share',
};

function logPerTeacher(ctx: JobContext, step: number, t: NonNullable<EpochMetrics['valTeachers']>) {
  for (const [field, metric] of Object.entries(PER_TEACHER) as [keyof typeof t, TeacherMetric][])
    t[field]?.forEach((v, i) => ctx.log(teacherMetricKey(metric, i), step, v));
}

/** Engine options that connect a run to its context (about 50 step points per epoch). */
export async function engineHooks(ctx: JobContext, o: HookOptions): Promise<Hooks> {
  const resumeFrom = ctx.resume ? await ctx.artifacts.get(ctx.resume.artifactUri) : undefined;
  return {
    stepEvery: Math.max(1, Math.floor(o.stepsPerEpoch / 50)),
    signal: ctx.signal,
    executors: stepExecutors(ctx.engine),
    onExecutor: (name: string) => {
      o.environment.setEngine(name);
      ctx.logger.info(`step engine: ${name}`);
    },
    ...(resumeFrom ? { resumeFrom } : {}),
    onStep: (m: StepMetrics) => {
      ctx.log('loss', m.globalStep, m.loss);
      ctx.log('accuracy', m.globalStep, m.accuracy);
      ctx.log('lr', m.globalStep, m.learningRate);
      if (m.studentLoss !== undefined) ctx.log('student_loss', m.globalStep, m.studentLoss);
      if (m.distillationLoss !== undefined) ctx.log('distillation_loss', m.globalStep, m.distillationLoss);
    },
    onEpochEnd: async (m: EpochMetrics) => {
      const step = m.globalStep;
      ctx.log('epoch', step, m.epoch);
      ctx.log('epoch_loss', step, m.loss);
      ctx.log('epoch_accuracy', step, m.accuracy);
      ctx.log('samples_per_sec', step, m.samplesPerSec);
      if (m.valLoss !== undefined) ctx.log(o.valLossKey, step, m.valLoss);
      if (m.valAccuracy !== undefined) ctx.log('val_accuracy', step, m.valAccuracy);
      // Students: the share of validation samples where the student's argmax is the teachers' ensemble's.
      if (m.valAgreement !== undefined) ctx.log('val_agreement', step, m.valAgreement);
      if (m.valTeachers) logPerTeacher(ctx, step, m.valTeachers);
      ctx.logger.info(epochLine(m));
      await ctx.flush();
    },
    onCheckpoint: async (bytes: Uint8Array, epoch: number) => {
      await ctx.saveCheckpoint({ epoch, step: epoch * o.stepsPerEpoch, bytes, teacherId: o.teacherId });
    },
  };
}
