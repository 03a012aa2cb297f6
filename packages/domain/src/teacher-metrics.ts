import type { DistillMode } from './distill-modes.ts';

/**
 * Per-teacher distillation metrics, logged by distill-student at every epoch end as
 * `<metric>/<position>`: position is the member's index in the student's StudentTeacher order (head i
 * ↔ member i), not a teacher id, because one teacher run can give several members (snapshot/FGE).
 * All are measured on the validation split; what "contribution of teacher i" means depends on the
 * mode (mtkd-method.md §4.2), so each metric names the modes that have it.
 */
export const TEACHER_METRICS = {
  /** Every mode: share of samples whose student argmax (the head mean) equals teacher i's argmax. */
  val_agreement: ['OUTPUT_AVG', 'LOSS_AVG', 'MIMIC_ALL', 'SUPERNET', 'SUPERNET2'],
  /** mimic_all: share of samples where head i's argmax equals its own teacher i's argmax. */
  val_head_agreement: ['MIMIC_ALL'],
  /** mimic_all: mean KL(teacher i ‖ head i) of the softmax outputs (T = 1, Keras clipping). */
  val_head_kl: ['MIMIC_ALL'],
  /** mimic_all: accuracy of head i alone against the labels (val_accuracy is the head mean's). */
  val_head_accuracy: ['MIMIC_ALL'],
  /**
   * supernet/supernet2: teacher i's share of the aggregator's logits, Σ|x_i·W_i| / Σ_j Σ|x_j·W_j|
   * over samples and classes (x_i its logits or features, W_i its block of the Dense kernel). The
   * aggregator is fitted before the student and frozen, so the share is the same every epoch.
   */
  aggregator_share: ['SUPERNET', 'SUPERNET2'],
} as const satisfies Record<string, readonly DistillMode[]>;

/** One per-teacher metric. */
export type TeacherMetric = keyof typeof TEACHER_METRICS;

/** The metric key of `metric` for the member at `position`, e.g. `val_head_kl/2`. */
export function teacherMetricKey(metric: TeacherMetric, position: number): string {
  return `${metric}/${position}`;
}

/** `{metric, position}` of a per-teacher metric key, else null (`val_agreement` alone is the ensemble's). */
export function parseTeacherMetricKey(key: string): { metric: TeacherMetric; position: number } | null {
  const m = /^([a-z_]+)\/(\d+)$/.exec(key);
  if (!m || !Object.hasOwn(TEACHER_METRICS, m[1]!)) return null;
  return { metric: m[1] as TeacherMetric, position: Number(m[2]) };
}

/** The per-teacher metrics a mode logs, in display order. */
export function teacherMetricsOf(mode: DistillMode): TeacherMetric[] {
  return (Object.keys(TEACHER_METRICS) as TeacherMetric[]).filter((k) =>
    (TEACHER_METRICS[k] as readonly DistillMode[]).includes(mode),
  );
}
