// The run page's per-class table: derived from the confusion matrix the runner stores with the FINAL
// checkpoint's predictions, with the class names of the dataset the split belongs to.
import { classReport } from '@distillery/domain';

import type { Context } from '../../context.ts';
import { confusionRows } from '../ensemble/ensemble-results.ts';

type SplitRole = 'TRAIN' | 'VAL' | 'TEST';

/** The per-class report of `runId`'s final predictions on `splitRole`, or null when none were stored. */
export async function runClassReport(ctx: Context, runId: string, splitRole: SplitRole) {
  const p = await ctx.deps.prisma.prediction.findFirst({
    where: { runId, splitRole, checkpoint: { kind: 'FINAL' }, NOT: { confusion: { isEmpty: true } } },
    orderBy: { createdAt: 'desc' },
    select: {
      checkpointId: true,
      classes: true,
      confusion: true,
      split: { select: { dataset: { select: { classNames: true } } } },
    },
  });
  if (!p || p.confusion.length !== p.classes * p.classes) return null;
  const names = p.split.dataset.classNames;
  // A class list that does not match the model's outputs names nothing: show the indices instead.
  const classNames =
    names.length === p.classes ? names : Array.from({ length: p.classes }, (_, i) => String(i));
  const report = classReport(p.confusion, p.classes);
  return {
    splitRole,
    checkpointId: p.checkpointId,
    samples: report.samples,
    accuracy: report.accuracy,
    macroF1: report.macroF1,
    weightedF1: report.weightedF1,
    classNames,
    classes: report.classes.map((c, index) => ({ index, name: classNames[index]!, ...c })),
    confusion: confusionRows(p.confusion),
  };
}
