import { mergeResolvers } from '@graphql-tools/merge';

import type { Resolvers } from '../generated/resolvers-types.ts';
import { auditFailures } from '../modules/audit/audit-failures.ts';
import { refuseReadOnly } from '../modules/token/refuse-read-only.ts';
import { artifactResolvers } from './artifact/resolvers.ts';
import { auditResolvers } from './audit/resolvers.ts';
import { authResolvers } from './auth/resolvers.ts';
import { baseResolvers } from './base/resolvers.ts';
import { baselineResolvers } from './baseline/resolvers.ts';
import { classReportResolvers } from './class-report/resolvers.ts';
import { dataResolvers } from './data/resolvers.ts';
import { ensembleResolvers } from './ensemble/resolvers.ts';
import { experimentResolvers } from './experiment/resolvers.ts';
import { invitationResolvers } from './invitation/resolvers.ts';
import { memberResolvers } from './member/resolvers.ts';
import { metricResolvers } from './metric/resolvers.ts';
import { misclassifiedResolvers } from './misclassified/resolvers.ts';
import { modelResolvers } from './model/resolvers.ts';
import { projectResolvers } from './project/resolvers.ts';
import { resultResolvers } from './result/resolvers.ts';
import { runResolvers } from './run/resolvers.ts';
import { runLogResolvers } from './run-log/resolvers.ts';
import { runnerResolvers } from './runner/resolvers.ts';
import { savedViewResolvers } from './saved-view/resolvers.ts';
import { ssoResolvers } from './sso/resolvers.ts';
import { studentResolvers } from './student/resolvers.ts';
import { teacherResolvers } from './teacher/resolvers.ts';
import { tokenResolvers } from './token/resolvers.ts';
import { userResolvers } from './user/resolvers.ts';
import { vocabularyResolvers } from './vocabulary/resolvers.ts';

const merged = mergeResolvers([
  baseResolvers,
  authResolvers,
  projectResolvers,
  dataResolvers,
  runResolvers,
  teacherResolvers,
  studentResolvers,
  ensembleResolvers,
  baselineResolvers,
  experimentResolvers,
  runLogResolvers,
  classReportResolvers,
  misclassifiedResolvers,
  metricResolvers,
  resultResolvers,
  auditResolvers,
  runnerResolvers,
  artifactResolvers,
  modelResolvers,
  vocabularyResolvers,
  userResolvers,
  invitationResolvers,
  memberResolvers,
  tokenResolvers,
  ssoResolvers,
  savedViewResolvers,
] as Resolvers[]) as Resolvers;

/** Every module's resolvers; read-only tokens run no mutation, and every mutation's failure is audited. */
export const resolvers: Resolvers = {
  ...merged,
  Mutation: auditFailures(
    refuseReadOnly(merged.Mutation as Record<string, unknown>),
  ) as Resolvers['Mutation'],
};
