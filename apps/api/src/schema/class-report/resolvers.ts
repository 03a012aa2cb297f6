import type { Resolvers } from '../../generated/resolvers-types.ts';
import { runClassReport } from '../../modules/run/class-report.ts';

export const classReportResolvers: Resolvers = {
  Run: {
    // Reading the run checked the caller's role in its project; the report is part of the run.
    classReport: (r, a, ctx) => runClassReport(ctx, r.id!, a.splitRole ?? 'TEST'),
  },
};
