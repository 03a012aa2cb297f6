import type { JobKind } from '@distillery/domain';

import type { JobDefinition } from './define-job.ts';
import { distillStudentJob } from './distill-student/definition.ts';
import { evaluateEnsembleJob } from './evaluate-ensemble/definition.ts';
import { experimentPlanJob } from './experiment-plan/definition.ts';
import { predictJob } from './predict/definition.ts';
import { trainBaselineJob } from './train-baseline/definition.ts';
import { trainTeacherJob } from './train-teacher/definition.ts';

/** Every job kind the runner can execute. */
export const JOB_DEFINITIONS: Record<JobKind, JobDefinition> = {
  'train-teacher': trainTeacherJob,
  'train-baseline': trainBaselineJob,
  predict: predictJob,
  'evaluate-ensemble': evaluateEnsembleJob,
  'distill-student': distillStudentJob,
  'experiment-plan': experimentPlanJob,
};
