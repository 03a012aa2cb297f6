/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> =
  T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type CheckpointKind = 'BEST' | 'EPOCH' | 'FGE' | 'FINAL' | 'SNAPSHOT';

/** Comparison on a JSON path of params or summary. */
export type CompareOp =
  | 'EQ'
  /** Matches when the path is present (value ignored). */
  | 'EXISTS'
  | 'GT'
  | 'GTE'
  /** value must be a JSON array; matches when the path equals one of its items. */
  | 'IN'
  | 'LT'
  | 'LTE'
  | 'NE';

export type CreateApiTokenInput = {
  /** Lifetime in days (1–365); no expiry when omitted. */
  expiresInDays?: number | null | undefined;
  kind?: TokenKind;
  name: string;
  /** Required for RUNNER tokens (the caller must be ADMIN there); optional scope note for USER tokens. */
  projectId?: string | number | null | undefined;
};

/** A named experiment that scripts file runs under one by one (launchExperiment creates its own). */
export type CreateExperimentInput = {
  name: string;
  /** Free-form description of the plan (configuration, budget), stored as given. */
  plan?: unknown;
  projectId: string | number;
};

export type CreateProjectInput = {
  description?: string | null | undefined;
  name: string;
  /** URL-safe, 2–64 characters: lowercase letters, digits and dashes. */
  slug: string;
};

export type CreateRunInput = {
  kind?: RunKind;
  name: string;
  params?: unknown;
  projectId: string | number;
  seed?: number | null | undefined;
  tags?: Array<string> | null | undefined;
};

export type CreateSplitInput = {
  /** Precomputed assignment, one byte per training sample (0 train, 1 val, 2 test, 3 unused), base64. Required for STRATIFIED (the API has no labels). */
  assignmentBase64?: string | null | undefined;
  datasetId: string | number;
  method?: SplitMethod;
  seed: number;
  /** 0 keeps the dataset's own test set (the method's setting). */
  testFraction?: number;
  /** Share of the dataset's training samples the split uses at all, in (0, 1] (a compute budget); the rest are marked unused (byte 3) and belong to no role. The dataset's own test set is kept whole. */
  useFraction?: number;
  /** Fraction of training samples held out for validation, in [0, 0.9]. */
  valFraction: number;
};

export type DatasetSource = 'FASHION_MNIST' | 'FOLDER' | 'MNIST' | 'PRESET';

export type DistillMode = 'LOSS_AVG' | 'MIMIC_ALL' | 'OUTPUT_AVG' | 'SUPERNET' | 'SUPERNET2';

export type DistillStudentInput = {
  /** Weight of the hard-label loss, in [0, 1]. */
  alpha: number;
  architectureKey: string;
  epochs?: number | null | undefined;
  /** Experiment to file the run(s) under (same project); results pages filter by it. */
  experimentId?: string | number | null | undefined;
  mode: DistillMode;
  seed?: number;
  tags?: Array<string> | null | undefined;
  teacherIds: Array<string | number>;
  temperature?: number;
  temperatureMode?: TemperatureMode;
};

export type EvaluateEnsembleInput = {
  checkpointIds?: Array<string | number> | null | undefined;
  /** Experiment to file the run(s) under (same project); results pages filter by it. */
  experimentId?: string | number | null | undefined;
  name: string;
  /** Fusion rules by name: mean, weighted-mean, geometric-mean, product, max, median, stacking, plurality, borda, dowdall, symmetric-borda, copeland, simpson, baldwin, nanson, bucklin, stv, condorcet. */
  rules: Array<string>;
  /** Tags of the evaluation run. */
  tags?: Array<string> | null | undefined;
  /** Teachers (their final checkpoints) or explicit checkpoints, in member order. */
  teacherIds?: Array<string | number> | null | undefined;
  weights?: Array<number> | null | undefined;
};

/** How a script ends the run it created: the final status, plus summary keys merged into the run's summary. */
export type FinishRunInput = {
  failureReason?: string | null | undefined;
  runId: string | number;
  /** SUCCEEDED, FAILED or CANCELLED. */
  status: RunStatus;
  /** Final scalar metrics, e.g. {"test_accuracy": 0.981}; merged into the run's summary. */
  summary?: unknown;
};

export type GenerateSubsetsInput = {
  /** Fractions p in (0, 1]. */
  fractions: Array<number>;
  /** Optional labels, one per (fraction, seed) in order, e.g. the uuid of an imported `subset_<p>_<uuid>.csv`. */
  labels?: Array<string> | null | undefined;
  /** Precomputed members for STRATIFIED_EXACT: little-endian uint32 indices, base64, one per (fraction, seed) in order. */
  membersBase64?: Array<string> | null | undefined;
  method?: SubsetMethod;
  /** One subset per seed per fraction. */
  seeds: Array<number>;
  splitId: string | number;
};

export type JsonPredicate = {
  op: CompareOp;
  /** Dotted path, e.g. `optimizer.lr` (letters, digits, _ and - per segment). */
  path: string;
  value?: unknown;
};

/** The method's experiment grid: for each repetition and fraction p, max(teacherCounts) teachers; for each N, mode and α a student; plus ensembles and baselines. */
export type LaunchExperimentInput = {
  alphas: Array<number>;
  epochs?: number | null | undefined;
  fractions: Array<number>;
  includeBaselines?: boolean;
  modes: Array<DistillMode>;
  name: string;
  repetitions: number;
  rules?: Array<string>;
  splitId: string | number;
  studentArchitecture: string;
  teacherArchitecture: string;
  teacherCounts: Array<number>;
  temperature?: number;
  temperatureMode?: TemperatureMode;
};

/** One logged value. `wallTime` defaults to the server's time. */
export type MetricPointInput = {
  key: string;
  step: number;
  value: number;
  wallTime?: string | null | undefined;
};

export type RegisterDatasetInput = {
  /** Jitter and RandAugment settings. */
  augmentation?: unknown;
  channels?: number | null | undefined;
  classNames?: Array<string> | null | undefined;
  /** SHA-256 of the raw samples and labels (64 hex characters). */
  contentHash: string;
  height?: number | null | undefined;
  name: string;
  /** A preset fills shape, classes and counts (mnist, fmnist, emnist, cifar10, cifar100, corrosion_320); explicit fields override it. */
  preset?: string | null | undefined;
  projectId: string | number;
  source?: DatasetSource | null | undefined;
  sourceUri?: string | null | undefined;
  testCount?: number | null | undefined;
  trainCount?: number | null | undefined;
  width?: number | null | undefined;
};

export type ReportRunStatusInput = {
  attempt: number;
  failureReason?: string | null | undefined;
  parameterCount?: number | null | undefined;
  runId: string | number;
  /** RUNNING, SUCCEEDED, FAILED or CANCELLED. */
  status: RunStatus;
  /** Merged into the run's summary. */
  summary?: unknown;
};

/** Grouping dimensions of the results tables. */
export type ResultGroupField =
  | 'ALPHA'
  | 'ARCHITECTURE'
  | 'EXPERIMENT'
  /** Subset fraction p of the (student's) teachers. */
  | 'FRACTION'
  | 'KIND'
  | 'MODE'
  /** Number of teachers of a student. */
  | 'TEACHER_COUNT'
  | 'TEMPERATURE_MODE';

/** A project role, ordered VIEWER < MEMBER < SUPERVISOR < ADMIN. */
export type Role =
  /** Also manages members and runner tokens. */
  | 'ADMIN'
  /** Also registers data, launches work and logs metrics. */
  | 'MEMBER'
  /** Also reads and verifies the audit log and deletes runs. */
  | 'SUPERVISOR'
  /** Reads everything in the project and subscribes to it. */
  | 'VIEWER';

/** Run filter; all given fields must match, combined with `and`/`or`/`not` sub-filters. */
export type RunFilter = {
  and?: Array<RunFilter> | null | undefined;
  datasetId?: string | number | null | undefined;
  experimentId?: string | number | null | undefined;
  kind?: Array<RunKind> | null | undefined;
  nameContains?: string | null | undefined;
  not?: RunFilter | null | undefined;
  or?: Array<RunFilter> | null | undefined;
  params?: Array<JsonPredicate> | null | undefined;
  parentRunId?: string | number | null | undefined;
  status?: Array<RunStatus> | null | undefined;
  summary?: Array<JsonPredicate> | null | undefined;
  /** Runs carrying every one of these tags. */
  tagsAll?: Array<string> | null | undefined;
  /** Runs carrying at least one of these tags. */
  tagsAny?: Array<string> | null | undefined;
};

export type RunKind = 'BASELINE' | 'ENSEMBLE_EVAL' | 'EXPERIMENT' | 'PREDICT' | 'STUDENT' | 'TEACHER';

export type RunOrder = {
  direction?: SortDirection;
  field?: RunOrderField;
  path?: string | null | undefined;
};

export type RunOrderField =
  | 'CREATED_AT'
  | 'NAME'
  /** Numeric value at `path` of params (runs without it last). */
  | 'PARAM'
  | 'STATUS'
  /** Numeric value at `path` of summary (runs without it last). */
  | 'SUMMARY';

export type RunStatus = 'CANCELLED' | 'FAILED' | 'QUEUED' | 'RUNNING' | 'SUCCEEDED';

/** Sort direction. */
export type SortDirection = 'ASC' | 'DESC';

export type SplitMethod = 'BERNOULLI' | 'STRATIFIED';

export type SplitRole = 'TEST' | 'TRAIN' | 'VAL';

export type SubsetMethod = 'BERNOULLI' | 'BOOTSTRAP' | 'STRATIFIED_EXACT';

export type TeacherOrigin = 'FGE' | 'INDEPENDENT' | 'SNAPSHOT';

export type TemperatureMode = 'AS_ORIGINAL' | 'HINTON';

/** Kind of an API token: USER tokens act with the user's memberships; RUNNER tokens may only claim jobs and write their project's runs. */
export type TokenKind = 'RUNNER' | 'USER';

export type TrainBaselineInput = {
  architectureKey: string;
  epochs?: number | null | undefined;
  /** Experiment to file the run(s) under (same project); results pages filter by it. */
  experimentId?: string | number | null | undefined;
  seed?: number;
  splitId: string | number;
  tags?: Array<string> | null | undefined;
};

export type TrainTeachersInput = {
  architectureKey: string;
  /** Snapshot/FGE cycles per run (1 for INDEPENDENT). */
  cycles?: number;
  epochs?: number | null | undefined;
  /** Experiment to file the run(s) under (same project); results pages filter by it. */
  experimentId?: string | number | null | undefined;
  origin?: TeacherOrigin;
  /** …or one teacher per seed on the whole training split. */
  seeds?: Array<number> | null | undefined;
  splitId: string | number;
  /** One teacher per subset… */
  subsetIds?: Array<string | number> | null | undefined;
  tags?: Array<string> | null | undefined;
};

export type RunFieldsFragment = {
  id: string;
  name: string;
  kind: RunKind;
  status: RunStatus;
  projectId: string;
  experimentId: string | null;
  datasetId: string | null;
  splitId: string | null;
  architectureKey: string | null;
  seed: number;
  attempt: number;
  tags: Array<string>;
  params: unknown;
  summary: unknown;
  parameterCount: number | null;
  failureReason: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

export type DatasetFieldsFragment = {
  id: string;
  projectId: string;
  name: string;
  source: DatasetSource;
  sourceUri: string | null;
  preset: string | null;
  height: number;
  width: number;
  channels: number;
  classNames: Array<string>;
  trainCount: number;
  testCount: number;
  contentHash: string;
  createdAt: string;
};

export type SubsetFieldsFragment = {
  id: string;
  splitId: string;
  fraction: number;
  seed: number;
  method: SubsetMethod;
  size: number;
  label: string | null;
  createdAt: string;
};

export type SignInMutationVariables = Exact<{
  email: string;
  password: string;
}>;

export type SignInMutation = {
  signIn: { token: string; expiresAt: string; user: { id: string; email: string; name: string } };
};

export type SignOutMutationVariables = Exact<{ [key: string]: never }>;

export type SignOutMutation = { signOut: boolean };

export type CreateApiTokenMutationVariables = Exact<{
  input: CreateApiTokenInput;
}>;

export type CreateApiTokenMutation = {
  createApiToken: {
    secret: string;
    token: { id: string; name: string; prefix: string; expiresAt: string | null };
  };
};

export type CreateProjectMutationVariables = Exact<{
  input: CreateProjectInput;
}>;

export type CreateProjectMutation = { createProject: { id: string; slug: string; name: string } };

export type RegisterDatasetMutationVariables = Exact<{
  input: RegisterDatasetInput;
}>;

export type RegisterDatasetMutation = {
  registerDataset: {
    id: string;
    projectId: string;
    name: string;
    source: DatasetSource;
    sourceUri: string | null;
    preset: string | null;
    height: number;
    width: number;
    channels: number;
    classNames: Array<string>;
    trainCount: number;
    testCount: number;
    contentHash: string;
    createdAt: string;
  };
};

export type CreateSplitMutationVariables = Exact<{
  input: CreateSplitInput;
}>;

export type CreateSplitMutation = {
  createSplit: {
    id: string;
    datasetId: string;
    seed: number;
    method: SplitMethod;
    valFraction: number;
    trainCount: number;
    valCount: number;
    testCount: number;
  };
};

export type GenerateSubsetsMutationVariables = Exact<{
  input: GenerateSubsetsInput;
}>;

export type GenerateSubsetsMutation = {
  generateSubsets: Array<{
    id: string;
    splitId: string;
    fraction: number;
    seed: number;
    method: SubsetMethod;
    size: number;
    label: string | null;
    createdAt: string;
  }>;
};

export type ClaimRunMutationVariables = Exact<{
  runId: string | number;
  runnerId: string;
}>;

export type ClaimRunMutation = {
  claimRun: {
    attempt: number;
    run: {
      id: string;
      name: string;
      kind: RunKind;
      status: RunStatus;
      projectId: string;
      experimentId: string | null;
      datasetId: string | null;
      splitId: string | null;
      architectureKey: string | null;
      seed: number;
      attempt: number;
      tags: Array<string>;
      params: unknown;
      summary: unknown;
      parameterCount: number | null;
      failureReason: string | null;
      createdAt: string;
      startedAt: string | null;
      finishedAt: string | null;
    };
  };
};

export type ReportRunStatusMutationVariables = Exact<{
  input: ReportRunStatusInput;
}>;

export type ReportRunStatusMutation = {
  reportRunStatus: {
    id: string;
    name: string;
    kind: RunKind;
    status: RunStatus;
    projectId: string;
    experimentId: string | null;
    datasetId: string | null;
    splitId: string | null;
    architectureKey: string | null;
    seed: number;
    attempt: number;
    tags: Array<string>;
    params: unknown;
    summary: unknown;
    parameterCount: number | null;
    failureReason: string | null;
    createdAt: string;
    startedAt: string | null;
    finishedAt: string | null;
  };
};

export type TrainTeachersMutationVariables = Exact<{
  input: TrainTeachersInput;
}>;

export type TrainTeachersMutation = {
  trainTeachers: Array<{
    id: string;
    name: string;
    kind: RunKind;
    status: RunStatus;
    projectId: string;
    experimentId: string | null;
    datasetId: string | null;
    splitId: string | null;
    architectureKey: string | null;
    seed: number;
    attempt: number;
    tags: Array<string>;
    params: unknown;
    summary: unknown;
    parameterCount: number | null;
    failureReason: string | null;
    createdAt: string;
    startedAt: string | null;
    finishedAt: string | null;
    teacher: { id: string } | null;
  }>;
};

export type TrainBaselineMutationVariables = Exact<{
  input: TrainBaselineInput;
}>;

export type TrainBaselineMutation = {
  trainBaseline: {
    id: string;
    name: string;
    kind: RunKind;
    status: RunStatus;
    projectId: string;
    experimentId: string | null;
    datasetId: string | null;
    splitId: string | null;
    architectureKey: string | null;
    seed: number;
    attempt: number;
    tags: Array<string>;
    params: unknown;
    summary: unknown;
    parameterCount: number | null;
    failureReason: string | null;
    createdAt: string;
    startedAt: string | null;
    finishedAt: string | null;
  };
};

export type DistillStudentMutationVariables = Exact<{
  input: DistillStudentInput;
}>;

export type DistillStudentMutation = {
  distillStudent: {
    id: string;
    name: string;
    kind: RunKind;
    status: RunStatus;
    projectId: string;
    experimentId: string | null;
    datasetId: string | null;
    splitId: string | null;
    architectureKey: string | null;
    seed: number;
    attempt: number;
    tags: Array<string>;
    params: unknown;
    summary: unknown;
    parameterCount: number | null;
    failureReason: string | null;
    createdAt: string;
    startedAt: string | null;
    finishedAt: string | null;
    student: { id: string } | null;
  };
};

export type EvaluateEnsembleMutationVariables = Exact<{
  input: EvaluateEnsembleInput;
}>;

export type EvaluateEnsembleMutation = {
  evaluateEnsemble: { id: string; name: string; rules: Array<string>; runId: string | null };
};

export type LaunchExperimentMutationVariables = Exact<{
  input: LaunchExperimentInput;
}>;

export type LaunchExperimentMutation = {
  launchExperiment: { runCount: number; jobCount: number; experiment: { id: string; name: string } };
};

export type CreateRunMutationVariables = Exact<{
  input: CreateRunInput;
}>;

export type CreateRunMutation = {
  createRun: {
    id: string;
    name: string;
    kind: RunKind;
    status: RunStatus;
    projectId: string;
    experimentId: string | null;
    datasetId: string | null;
    splitId: string | null;
    architectureKey: string | null;
    seed: number;
    attempt: number;
    tags: Array<string>;
    params: unknown;
    summary: unknown;
    parameterCount: number | null;
    failureReason: string | null;
    createdAt: string;
    startedAt: string | null;
    finishedAt: string | null;
  };
};

export type CancelRunMutationVariables = Exact<{
  runId: string | number;
}>;

export type CancelRunMutation = {
  cancelRun: {
    id: string;
    name: string;
    kind: RunKind;
    status: RunStatus;
    projectId: string;
    experimentId: string | null;
    datasetId: string | null;
    splitId: string | null;
    architectureKey: string | null;
    seed: number;
    attempt: number;
    tags: Array<string>;
    params: unknown;
    summary: unknown;
    parameterCount: number | null;
    failureReason: string | null;
    createdAt: string;
    startedAt: string | null;
    finishedAt: string | null;
  };
};

export type LogMetricsMutationVariables = Exact<{
  runId: string | number;
  points: Array<MetricPointInput> | MetricPointInput;
  attempt?: number | null | undefined;
}>;

export type LogMetricsMutation = { logMetrics: { accepted: number; maxStep: number | null } };

export type CreateExperimentMutationVariables = Exact<{
  input: CreateExperimentInput;
}>;

export type CreateExperimentMutation = {
  createExperiment: { id: string; name: string; plan: unknown; projectId: string };
};

export type FinishRunMutationVariables = Exact<{
  input: FinishRunInput;
}>;

export type FinishRunMutation = {
  finishRun: {
    id: string;
    name: string;
    kind: RunKind;
    status: RunStatus;
    projectId: string;
    experimentId: string | null;
    datasetId: string | null;
    splitId: string | null;
    architectureKey: string | null;
    seed: number;
    attempt: number;
    tags: Array<string>;
    params: unknown;
    summary: unknown;
    parameterCount: number | null;
    failureReason: string | null;
    createdAt: string;
    startedAt: string | null;
    finishedAt: string | null;
  };
};

export type DatasetsQueryVariables = Exact<{
  projectId: string | number;
}>;

export type DatasetsQuery = {
  datasets: Array<{
    id: string;
    projectId: string;
    name: string;
    source: DatasetSource;
    sourceUri: string | null;
    preset: string | null;
    height: number;
    width: number;
    channels: number;
    classNames: Array<string>;
    trainCount: number;
    testCount: number;
    contentHash: string;
    createdAt: string;
    splits: Array<{
      id: string;
      seed: number;
      method: SplitMethod;
      valFraction: number;
      trainCount: number;
      valCount: number;
      testCount: number;
    }>;
  }>;
};

export type DatasetQueryVariables = Exact<{
  id: string | number;
}>;

export type DatasetQuery = {
  dataset: {
    id: string;
    projectId: string;
    name: string;
    source: DatasetSource;
    sourceUri: string | null;
    preset: string | null;
    height: number;
    width: number;
    channels: number;
    classNames: Array<string>;
    trainCount: number;
    testCount: number;
    contentHash: string;
    createdAt: string;
  } | null;
};

export type SplitQueryVariables = Exact<{
  id: string | number;
}>;

export type SplitQuery = {
  split: {
    id: string;
    datasetId: string;
    seed: number;
    method: SplitMethod;
    stratified: boolean;
    valFraction: number;
    testFraction: number;
    trainCount: number;
    valCount: number;
    testCount: number;
    createdAt: string;
    dataset: {
      id: string;
      projectId: string;
      name: string;
      source: DatasetSource;
      sourceUri: string | null;
      preset: string | null;
      height: number;
      width: number;
      channels: number;
      classNames: Array<string>;
      trainCount: number;
      testCount: number;
      contentHash: string;
      createdAt: string;
    };
    subsets: Array<{
      id: string;
      splitId: string;
      fraction: number;
      seed: number;
      method: SubsetMethod;
      size: number;
      label: string | null;
      createdAt: string;
    }>;
  } | null;
};

export type SubsetMembersQueryVariables = Exact<{
  id: string | number;
  limit?: number | null | undefined;
  offset?: number | null | undefined;
}>;

export type SubsetMembersQuery = {
  subset: {
    memberIndices: Array<number>;
    id: string;
    splitId: string;
    fraction: number;
    seed: number;
    method: SubsetMethod;
    size: number;
    label: string | null;
    createdAt: string;
    split: { id: string; datasetId: string };
  } | null;
};

export type ArchitecturesQueryVariables = Exact<{ [key: string]: never }>;

export type ArchitecturesQuery = {
  architectures: Array<{
    key: string;
    name: string;
    family: string;
    description: string;
    trainingParams: unknown;
  }>;
};

export type MeQueryVariables = Exact<{ [key: string]: never }>;

export type MeQuery = {
  me: {
    id: string;
    email: string;
    name: string;
    isSiteAdmin: boolean;
    memberships: Array<{ role: Role; project: { id: string; slug: string; name: string } }>;
  } | null;
};

export type ProjectsQueryVariables = Exact<{ [key: string]: never }>;

export type ProjectsQuery = {
  projects: Array<{
    id: string;
    slug: string;
    name: string;
    description: string;
    runCount: number;
    myRole: Role;
    createdAt: string;
  }>;
};

export type ProjectQueryVariables = Exact<{
  id: string | number;
}>;

export type ProjectQuery = {
  project: {
    id: string;
    slug: string;
    name: string;
    description: string;
    runCount: number;
    myRole: Role;
    createdAt: string;
  } | null;
};

export type ProjectExperimentsQueryVariables = Exact<{
  id: string | number;
}>;

export type ProjectExperimentsQuery = {
  project: {
    id: string;
    experiments: Array<{ id: string; name: string; plan: unknown; createdAt: string }>;
  } | null;
};

export type ResultsTableQueryVariables = Exact<{
  projectId: string | number;
  metric: string;
  groupBy: Array<ResultGroupField> | ResultGroupField;
  kinds?: Array<RunKind> | RunKind | null | undefined;
  experimentId?: string | number | null | undefined;
}>;

export type ResultsTableQuery = {
  resultsTable: {
    metric: string;
    groupBy: Array<ResultGroupField>;
    rows: Array<{ group: unknown; mean: number; sem: number | null; n: number; min: number; max: number }>;
  };
};

export type TeachersQueryVariables = Exact<{
  projectId: string | number;
  first?: number | null | undefined;
}>;

export type TeachersQuery = {
  teachers: Array<{
    id: string;
    runId: string;
    architectureKey: string;
    fraction: number;
    origin: TeacherOrigin;
    subsetId: string | null;
    run: {
      id: string;
      name: string;
      kind: RunKind;
      status: RunStatus;
      projectId: string;
      experimentId: string | null;
      datasetId: string | null;
      splitId: string | null;
      architectureKey: string | null;
      seed: number;
      attempt: number;
      tags: Array<string>;
      params: unknown;
      summary: unknown;
      parameterCount: number | null;
      failureReason: string | null;
      createdAt: string;
      startedAt: string | null;
      finishedAt: string | null;
    };
  }>;
};

export type StudentsQueryVariables = Exact<{
  projectId: string | number;
  first?: number | null | undefined;
}>;

export type StudentsQuery = {
  students: Array<{
    id: string;
    runId: string;
    architectureKey: string;
    mode: DistillMode;
    alpha: number;
    temperature: number;
    temperatureMode: TemperatureMode;
    teacherFraction: number | null;
    teachers: Array<{ id: string; runId: string }>;
    run: {
      id: string;
      name: string;
      kind: RunKind;
      status: RunStatus;
      projectId: string;
      experimentId: string | null;
      datasetId: string | null;
      splitId: string | null;
      architectureKey: string | null;
      seed: number;
      attempt: number;
      tags: Array<string>;
      params: unknown;
      summary: unknown;
      parameterCount: number | null;
      failureReason: string | null;
      createdAt: string;
      startedAt: string | null;
      finishedAt: string | null;
    };
  }>;
};

export type EnsembleQueryVariables = Exact<{
  id: string | number;
}>;

export type EnsembleQuery = {
  ensemble: {
    id: string;
    name: string;
    rules: Array<string>;
    runId: string | null;
    results: Array<{
      rule: string;
      splitRole: SplitRole;
      accuracy: number;
      nll: number | null;
      ece: number | null;
    }>;
  } | null;
};

export type TeacherCheckpointsQueryVariables = Exact<{
  runId: string | number;
}>;

export type TeacherCheckpointsQuery = {
  run: {
    id: string;
    seed: number;
    teacher: {
      id: string;
      origin: TeacherOrigin;
      subsetId: string | null;
      checkpoints: Array<{
        id: string;
        kind: CheckpointKind;
        cycle: number | null;
        epoch: number;
        metrics: unknown;
      }>;
    } | null;
  } | null;
};

export type RunsQueryVariables = Exact<{
  projectId: string | number;
  filter?: RunFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  orderBy?: RunOrder | null | undefined;
}>;

export type RunsQuery = {
  runs: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{
      node: {
        id: string;
        name: string;
        kind: RunKind;
        status: RunStatus;
        projectId: string;
        experimentId: string | null;
        datasetId: string | null;
        splitId: string | null;
        architectureKey: string | null;
        seed: number;
        attempt: number;
        tags: Array<string>;
        params: unknown;
        summary: unknown;
        parameterCount: number | null;
        failureReason: string | null;
        createdAt: string;
        startedAt: string | null;
        finishedAt: string | null;
      };
    }>;
  };
};

export type RunQueryVariables = Exact<{
  id: string | number;
}>;

export type RunQuery = {
  run: {
    note: string;
    metricKeys: Array<string>;
    runnerId: string | null;
    heartbeatAt: string | null;
    parentRunId: string | null;
    id: string;
    name: string;
    kind: RunKind;
    status: RunStatus;
    projectId: string;
    experimentId: string | null;
    datasetId: string | null;
    splitId: string | null;
    architectureKey: string | null;
    seed: number;
    attempt: number;
    tags: Array<string>;
    params: unknown;
    summary: unknown;
    parameterCount: number | null;
    failureReason: string | null;
    createdAt: string;
    startedAt: string | null;
    finishedAt: string | null;
    events: Array<{ at: string; type: string; attempt: number; message: string }>;
    checkpoints: Array<{ id: string; kind: CheckpointKind; epoch: number; step: number; metrics: unknown }>;
    teacher: { id: string; fraction: number; origin: TeacherOrigin; subsetId: string | null } | null;
    student: {
      id: string;
      mode: DistillMode;
      alpha: number;
      temperature: number;
      teacherFraction: number | null;
    } | null;
    ensemble: { id: string } | null;
  } | null;
};

export type MetricSeriesQueryVariables = Exact<{
  runId: string | number;
  key: string;
  buckets?: number | null | undefined;
}>;

export type MetricSeriesQuery = {
  metricSeries: {
    runId: string;
    key: string;
    exact: boolean;
    totalPoints: number;
    points: Array<{ step: number; last: number; min: number; max: number; count: number }>;
  };
};

export type ExperimentQueryVariables = Exact<{
  id: string | number;
}>;

export type ExperimentQuery = {
  experiment: {
    id: string;
    name: string;
    plan: unknown;
    projectId: string;
    createdAt: string;
    runs: Array<{
      id: string;
      name: string;
      kind: RunKind;
      status: RunStatus;
      projectId: string;
      experimentId: string | null;
      datasetId: string | null;
      splitId: string | null;
      architectureKey: string | null;
      seed: number;
      attempt: number;
      tags: Array<string>;
      params: unknown;
      summary: unknown;
      parameterCount: number | null;
      failureReason: string | null;
      createdAt: string;
      startedAt: string | null;
      finishedAt: string | null;
    }>;
  } | null;
};

export type RunPredictionsQueryVariables = Exact<{
  id: string | number;
  splitRole?: SplitRole | null | undefined;
}>;

export type RunPredictionsQuery = {
  run: {
    id: string;
    datasetId: string | null;
    predictions: Array<{
      id: string;
      checkpointId: string | null;
      splitId: string;
      splitRole: SplitRole;
      samples: number;
      classes: number;
      accuracy: number | null;
      probsBase64: string;
    }>;
  } | null;
};

export type ExperimentProgressQueryVariables = Exact<{
  id: string | number;
}>;

export type ExperimentProgressQuery = {
  experiment: {
    id: string;
    runs: Array<{ id: string; status: RunStatus; tags: Array<string>; failureReason: string | null }>;
  } | null;
};

export type RunUpdatedSubscriptionVariables = Exact<{
  projectId: string | number;
}>;

export type RunUpdatedSubscription = {
  runUpdated: {
    id: string;
    name: string;
    kind: RunKind;
    status: RunStatus;
    projectId: string;
    experimentId: string | null;
    datasetId: string | null;
    splitId: string | null;
    architectureKey: string | null;
    seed: number;
    attempt: number;
    tags: Array<string>;
    params: unknown;
    summary: unknown;
    parameterCount: number | null;
    failureReason: string | null;
    createdAt: string;
    startedAt: string | null;
    finishedAt: string | null;
  };
};

export type MetricsAppendedSubscriptionVariables = Exact<{
  runId: string | number;
  keys?: Array<string> | string | null | undefined;
  sinceStep?: number | null | undefined;
}>;

export type MetricsAppendedSubscription = {
  metricsAppended: {
    runId: string;
    backfill: boolean;
    points: Array<{ key: string; step: number; value: number; wallTime: string }>;
  };
};

export const RunFieldsFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'RunFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Run' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'projectId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'experimentId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'datasetId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'splitId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'architectureKey' } },
          { kind: 'Field', name: { kind: 'Name', value: 'seed' } },
          { kind: 'Field', name: { kind: 'Name', value: 'attempt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'tags' } },
          { kind: 'Field', name: { kind: 'Name', value: 'params' } },
          { kind: 'Field', name: { kind: 'Name', value: 'summary' } },
          { kind: 'Field', name: { kind: 'Name', value: 'parameterCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'failureReason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'finishedAt' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<RunFieldsFragment, unknown>;
export const DatasetFieldsFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'DatasetFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Dataset' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'projectId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'source' } },
          { kind: 'Field', name: { kind: 'Name', value: 'sourceUri' } },
          { kind: 'Field', name: { kind: 'Name', value: 'preset' } },
          { kind: 'Field', name: { kind: 'Name', value: 'height' } },
          { kind: 'Field', name: { kind: 'Name', value: 'width' } },
          { kind: 'Field', name: { kind: 'Name', value: 'channels' } },
          { kind: 'Field', name: { kind: 'Name', value: 'classNames' } },
          { kind: 'Field', name: { kind: 'Name', value: 'trainCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'testCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'contentHash' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DatasetFieldsFragment, unknown>;
export const SubsetFieldsFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'SubsetFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Subset' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'splitId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'fraction' } },
          { kind: 'Field', name: { kind: 'Name', value: 'seed' } },
          { kind: 'Field', name: { kind: 'Name', value: 'method' } },
          { kind: 'Field', name: { kind: 'Name', value: 'size' } },
          { kind: 'Field', name: { kind: 'Name', value: 'label' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<SubsetFieldsFragment, unknown>;
export const SignInDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'SignIn' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'email' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'password' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'signIn' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'email' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'email' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'password' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'password' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'token' } },
                { kind: 'Field', name: { kind: 'Name', value: 'expiresAt' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'user' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'email' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<SignInMutation, SignInMutationVariables>;
export const SignOutDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'SignOut' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [{ kind: 'Field', name: { kind: 'Name', value: 'signOut' } }],
      },
    },
  ],
} as unknown as DocumentNode<SignOutMutation, SignOutMutationVariables>;
export const CreateApiTokenDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'CreateApiToken' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'CreateApiTokenInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'createApiToken' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'secret' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'token' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'prefix' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'expiresAt' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CreateApiTokenMutation, CreateApiTokenMutationVariables>;
export const CreateProjectDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'CreateProject' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'CreateProjectInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'createProject' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'slug' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CreateProjectMutation, CreateProjectMutationVariables>;
export const RegisterDatasetDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'RegisterDataset' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'RegisterDatasetInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'registerDataset' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'DatasetFields' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'DatasetFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Dataset' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'projectId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'source' } },
          { kind: 'Field', name: { kind: 'Name', value: 'sourceUri' } },
          { kind: 'Field', name: { kind: 'Name', value: 'preset' } },
          { kind: 'Field', name: { kind: 'Name', value: 'height' } },
          { kind: 'Field', name: { kind: 'Name', value: 'width' } },
          { kind: 'Field', name: { kind: 'Name', value: 'channels' } },
          { kind: 'Field', name: { kind: 'Name', value: 'classNames' } },
          { kind: 'Field', name: { kind: 'Name', value: 'trainCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'testCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'contentHash' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<RegisterDatasetMutation, RegisterDatasetMutationVariables>;
export const CreateSplitDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'CreateSplit' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'CreateSplitInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'createSplit' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'datasetId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'seed' } },
                { kind: 'Field', name: { kind: 'Name', value: 'method' } },
                { kind: 'Field', name: { kind: 'Name', value: 'valFraction' } },
                { kind: 'Field', name: { kind: 'Name', value: 'trainCount' } },
                { kind: 'Field', name: { kind: 'Name', value: 'valCount' } },
                { kind: 'Field', name: { kind: 'Name', value: 'testCount' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CreateSplitMutation, CreateSplitMutationVariables>;
export const GenerateSubsetsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'GenerateSubsets' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'GenerateSubsetsInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'generateSubsets' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'SubsetFields' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'SubsetFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Subset' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'splitId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'fraction' } },
          { kind: 'Field', name: { kind: 'Name', value: 'seed' } },
          { kind: 'Field', name: { kind: 'Name', value: 'method' } },
          { kind: 'Field', name: { kind: 'Name', value: 'size' } },
          { kind: 'Field', name: { kind: 'Name', value: 'label' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<GenerateSubsetsMutation, GenerateSubsetsMutationVariables>;
export const ClaimRunDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'ClaimRun' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'runId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'runnerId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'claimRun' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'runId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'runId' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'runnerId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'runnerId' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'attempt' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'run' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'RunFields' } }],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'RunFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Run' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'projectId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'experimentId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'datasetId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'splitId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'architectureKey' } },
          { kind: 'Field', name: { kind: 'Name', value: 'seed' } },
          { kind: 'Field', name: { kind: 'Name', value: 'attempt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'tags' } },
          { kind: 'Field', name: { kind: 'Name', value: 'params' } },
          { kind: 'Field', name: { kind: 'Name', value: 'summary' } },
          { kind: 'Field', name: { kind: 'Name', value: 'parameterCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'failureReason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'finishedAt' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ClaimRunMutation, ClaimRunMutationVariables>;
export const ReportRunStatusDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'ReportRunStatus' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ReportRunStatusInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'reportRunStatus' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'RunFields' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'RunFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Run' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'projectId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'experimentId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'datasetId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'splitId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'architectureKey' } },
          { kind: 'Field', name: { kind: 'Name', value: 'seed' } },
          { kind: 'Field', name: { kind: 'Name', value: 'attempt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'tags' } },
          { kind: 'Field', name: { kind: 'Name', value: 'params' } },
          { kind: 'Field', name: { kind: 'Name', value: 'summary' } },
          { kind: 'Field', name: { kind: 'Name', value: 'parameterCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'failureReason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'finishedAt' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ReportRunStatusMutation, ReportRunStatusMutationVariables>;
export const TrainTeachersDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'TrainTeachers' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'TrainTeachersInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'trainTeachers' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'FragmentSpread', name: { kind: 'Name', value: 'RunFields' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'teacher' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'RunFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Run' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'projectId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'experimentId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'datasetId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'splitId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'architectureKey' } },
          { kind: 'Field', name: { kind: 'Name', value: 'seed' } },
          { kind: 'Field', name: { kind: 'Name', value: 'attempt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'tags' } },
          { kind: 'Field', name: { kind: 'Name', value: 'params' } },
          { kind: 'Field', name: { kind: 'Name', value: 'summary' } },
          { kind: 'Field', name: { kind: 'Name', value: 'parameterCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'failureReason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'finishedAt' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<TrainTeachersMutation, TrainTeachersMutationVariables>;
export const TrainBaselineDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'TrainBaseline' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'TrainBaselineInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'trainBaseline' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'RunFields' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'RunFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Run' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'projectId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'experimentId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'datasetId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'splitId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'architectureKey' } },
          { kind: 'Field', name: { kind: 'Name', value: 'seed' } },
          { kind: 'Field', name: { kind: 'Name', value: 'attempt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'tags' } },
          { kind: 'Field', name: { kind: 'Name', value: 'params' } },
          { kind: 'Field', name: { kind: 'Name', value: 'summary' } },
          { kind: 'Field', name: { kind: 'Name', value: 'parameterCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'failureReason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'finishedAt' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<TrainBaselineMutation, TrainBaselineMutationVariables>;
export const DistillStudentDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'DistillStudent' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'DistillStudentInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'distillStudent' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'FragmentSpread', name: { kind: 'Name', value: 'RunFields' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'student' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'RunFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Run' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'projectId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'experimentId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'datasetId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'splitId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'architectureKey' } },
          { kind: 'Field', name: { kind: 'Name', value: 'seed' } },
          { kind: 'Field', name: { kind: 'Name', value: 'attempt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'tags' } },
          { kind: 'Field', name: { kind: 'Name', value: 'params' } },
          { kind: 'Field', name: { kind: 'Name', value: 'summary' } },
          { kind: 'Field', name: { kind: 'Name', value: 'parameterCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'failureReason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'finishedAt' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DistillStudentMutation, DistillStudentMutationVariables>;
export const EvaluateEnsembleDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'EvaluateEnsemble' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'EvaluateEnsembleInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'evaluateEnsemble' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'rules' } },
                { kind: 'Field', name: { kind: 'Name', value: 'runId' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<EvaluateEnsembleMutation, EvaluateEnsembleMutationVariables>;
export const LaunchExperimentDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'LaunchExperiment' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'LaunchExperimentInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'launchExperiment' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'runCount' } },
                { kind: 'Field', name: { kind: 'Name', value: 'jobCount' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'experiment' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<LaunchExperimentMutation, LaunchExperimentMutationVariables>;
export const CreateRunDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'CreateRun' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'CreateRunInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'createRun' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'RunFields' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'RunFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Run' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'projectId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'experimentId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'datasetId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'splitId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'architectureKey' } },
          { kind: 'Field', name: { kind: 'Name', value: 'seed' } },
          { kind: 'Field', name: { kind: 'Name', value: 'attempt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'tags' } },
          { kind: 'Field', name: { kind: 'Name', value: 'params' } },
          { kind: 'Field', name: { kind: 'Name', value: 'summary' } },
          { kind: 'Field', name: { kind: 'Name', value: 'parameterCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'failureReason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'finishedAt' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CreateRunMutation, CreateRunMutationVariables>;
export const CancelRunDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'CancelRun' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'runId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'cancelRun' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'runId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'runId' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'RunFields' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'RunFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Run' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'projectId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'experimentId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'datasetId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'splitId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'architectureKey' } },
          { kind: 'Field', name: { kind: 'Name', value: 'seed' } },
          { kind: 'Field', name: { kind: 'Name', value: 'attempt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'tags' } },
          { kind: 'Field', name: { kind: 'Name', value: 'params' } },
          { kind: 'Field', name: { kind: 'Name', value: 'summary' } },
          { kind: 'Field', name: { kind: 'Name', value: 'parameterCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'failureReason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'finishedAt' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CancelRunMutation, CancelRunMutationVariables>;
export const LogMetricsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'LogMetrics' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'runId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'points' } },
          type: {
            kind: 'NonNullType',
            type: {
              kind: 'ListType',
              type: {
                kind: 'NonNullType',
                type: { kind: 'NamedType', name: { kind: 'Name', value: 'MetricPointInput' } },
              },
            },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'attempt' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'logMetrics' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'runId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'runId' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'points' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'points' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'attempt' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'attempt' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'accepted' } },
                { kind: 'Field', name: { kind: 'Name', value: 'maxStep' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<LogMetricsMutation, LogMetricsMutationVariables>;
export const CreateExperimentDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'CreateExperiment' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'CreateExperimentInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'createExperiment' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'plan' } },
                { kind: 'Field', name: { kind: 'Name', value: 'projectId' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CreateExperimentMutation, CreateExperimentMutationVariables>;
export const FinishRunDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'FinishRun' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'FinishRunInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'finishRun' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'RunFields' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'RunFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Run' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'projectId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'experimentId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'datasetId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'splitId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'architectureKey' } },
          { kind: 'Field', name: { kind: 'Name', value: 'seed' } },
          { kind: 'Field', name: { kind: 'Name', value: 'attempt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'tags' } },
          { kind: 'Field', name: { kind: 'Name', value: 'params' } },
          { kind: 'Field', name: { kind: 'Name', value: 'summary' } },
          { kind: 'Field', name: { kind: 'Name', value: 'parameterCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'failureReason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'finishedAt' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<FinishRunMutation, FinishRunMutationVariables>;
export const DatasetsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Datasets' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'projectId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'datasets' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'projectId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'projectId' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'FragmentSpread', name: { kind: 'Name', value: 'DatasetFields' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'splits' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'seed' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'method' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'valFraction' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'trainCount' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'valCount' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'testCount' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'DatasetFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Dataset' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'projectId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'source' } },
          { kind: 'Field', name: { kind: 'Name', value: 'sourceUri' } },
          { kind: 'Field', name: { kind: 'Name', value: 'preset' } },
          { kind: 'Field', name: { kind: 'Name', value: 'height' } },
          { kind: 'Field', name: { kind: 'Name', value: 'width' } },
          { kind: 'Field', name: { kind: 'Name', value: 'channels' } },
          { kind: 'Field', name: { kind: 'Name', value: 'classNames' } },
          { kind: 'Field', name: { kind: 'Name', value: 'trainCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'testCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'contentHash' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DatasetsQuery, DatasetsQueryVariables>;
export const DatasetDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Dataset' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'dataset' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'DatasetFields' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'DatasetFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Dataset' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'projectId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'source' } },
          { kind: 'Field', name: { kind: 'Name', value: 'sourceUri' } },
          { kind: 'Field', name: { kind: 'Name', value: 'preset' } },
          { kind: 'Field', name: { kind: 'Name', value: 'height' } },
          { kind: 'Field', name: { kind: 'Name', value: 'width' } },
          { kind: 'Field', name: { kind: 'Name', value: 'channels' } },
          { kind: 'Field', name: { kind: 'Name', value: 'classNames' } },
          { kind: 'Field', name: { kind: 'Name', value: 'trainCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'testCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'contentHash' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DatasetQuery, DatasetQueryVariables>;
export const SplitDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Split' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'split' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'datasetId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'seed' } },
                { kind: 'Field', name: { kind: 'Name', value: 'method' } },
                { kind: 'Field', name: { kind: 'Name', value: 'stratified' } },
                { kind: 'Field', name: { kind: 'Name', value: 'valFraction' } },
                { kind: 'Field', name: { kind: 'Name', value: 'testFraction' } },
                { kind: 'Field', name: { kind: 'Name', value: 'trainCount' } },
                { kind: 'Field', name: { kind: 'Name', value: 'valCount' } },
                { kind: 'Field', name: { kind: 'Name', value: 'testCount' } },
                { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'dataset' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'DatasetFields' } }],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'subsets' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'SubsetFields' } }],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'DatasetFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Dataset' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'projectId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'source' } },
          { kind: 'Field', name: { kind: 'Name', value: 'sourceUri' } },
          { kind: 'Field', name: { kind: 'Name', value: 'preset' } },
          { kind: 'Field', name: { kind: 'Name', value: 'height' } },
          { kind: 'Field', name: { kind: 'Name', value: 'width' } },
          { kind: 'Field', name: { kind: 'Name', value: 'channels' } },
          { kind: 'Field', name: { kind: 'Name', value: 'classNames' } },
          { kind: 'Field', name: { kind: 'Name', value: 'trainCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'testCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'contentHash' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'SubsetFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Subset' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'splitId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'fraction' } },
          { kind: 'Field', name: { kind: 'Name', value: 'seed' } },
          { kind: 'Field', name: { kind: 'Name', value: 'method' } },
          { kind: 'Field', name: { kind: 'Name', value: 'size' } },
          { kind: 'Field', name: { kind: 'Name', value: 'label' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<SplitQuery, SplitQueryVariables>;
export const SubsetMembersDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'SubsetMembers' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'limit' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'offset' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'subset' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'FragmentSpread', name: { kind: 'Name', value: 'SubsetFields' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'memberIndices' },
                  arguments: [
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'limit' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'limit' } },
                    },
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'offset' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'offset' } },
                    },
                  ],
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'split' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'datasetId' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'SubsetFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Subset' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'splitId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'fraction' } },
          { kind: 'Field', name: { kind: 'Name', value: 'seed' } },
          { kind: 'Field', name: { kind: 'Name', value: 'method' } },
          { kind: 'Field', name: { kind: 'Name', value: 'size' } },
          { kind: 'Field', name: { kind: 'Name', value: 'label' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<SubsetMembersQuery, SubsetMembersQueryVariables>;
export const ArchitecturesDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Architectures' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'architectures' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'key' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'family' } },
                { kind: 'Field', name: { kind: 'Name', value: 'description' } },
                { kind: 'Field', name: { kind: 'Name', value: 'trainingParams' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ArchitecturesQuery, ArchitecturesQueryVariables>;
export const MeDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Me' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'me' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'email' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'isSiteAdmin' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'memberships' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'role' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'project' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'slug' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const ProjectsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Projects' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'projects' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'slug' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'description' } },
                { kind: 'Field', name: { kind: 'Name', value: 'runCount' } },
                { kind: 'Field', name: { kind: 'Name', value: 'myRole' } },
                { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ProjectsQuery, ProjectsQueryVariables>;
export const ProjectDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Project' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'project' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'slug' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'description' } },
                { kind: 'Field', name: { kind: 'Name', value: 'runCount' } },
                { kind: 'Field', name: { kind: 'Name', value: 'myRole' } },
                { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ProjectQuery, ProjectQueryVariables>;
export const ProjectExperimentsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'ProjectExperiments' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'project' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'experiments' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'plan' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ProjectExperimentsQuery, ProjectExperimentsQueryVariables>;
export const ResultsTableDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'ResultsTable' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'projectId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'metric' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'groupBy' } },
          type: {
            kind: 'NonNullType',
            type: {
              kind: 'ListType',
              type: {
                kind: 'NonNullType',
                type: { kind: 'NamedType', name: { kind: 'Name', value: 'ResultGroupField' } },
              },
            },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'kinds' } },
          type: {
            kind: 'ListType',
            type: {
              kind: 'NonNullType',
              type: { kind: 'NamedType', name: { kind: 'Name', value: 'RunKind' } },
            },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'experimentId' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'resultsTable' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'projectId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'projectId' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'metric' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'metric' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'groupBy' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'groupBy' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'kinds' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'kinds' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'experimentId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'experimentId' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'metric' } },
                { kind: 'Field', name: { kind: 'Name', value: 'groupBy' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'rows' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'group' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'mean' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'sem' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'n' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'min' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'max' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ResultsTableQuery, ResultsTableQueryVariables>;
export const TeachersDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Teachers' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'projectId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'teachers' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'projectId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'projectId' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'runId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'architectureKey' } },
                { kind: 'Field', name: { kind: 'Name', value: 'fraction' } },
                { kind: 'Field', name: { kind: 'Name', value: 'origin' } },
                { kind: 'Field', name: { kind: 'Name', value: 'subsetId' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'run' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'RunFields' } }],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'RunFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Run' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'projectId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'experimentId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'datasetId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'splitId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'architectureKey' } },
          { kind: 'Field', name: { kind: 'Name', value: 'seed' } },
          { kind: 'Field', name: { kind: 'Name', value: 'attempt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'tags' } },
          { kind: 'Field', name: { kind: 'Name', value: 'params' } },
          { kind: 'Field', name: { kind: 'Name', value: 'summary' } },
          { kind: 'Field', name: { kind: 'Name', value: 'parameterCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'failureReason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'finishedAt' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<TeachersQuery, TeachersQueryVariables>;
export const StudentsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Students' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'projectId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'students' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'projectId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'projectId' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'runId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'architectureKey' } },
                { kind: 'Field', name: { kind: 'Name', value: 'mode' } },
                { kind: 'Field', name: { kind: 'Name', value: 'alpha' } },
                { kind: 'Field', name: { kind: 'Name', value: 'temperature' } },
                { kind: 'Field', name: { kind: 'Name', value: 'temperatureMode' } },
                { kind: 'Field', name: { kind: 'Name', value: 'teacherFraction' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'teachers' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'runId' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'run' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'RunFields' } }],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'RunFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Run' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'projectId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'experimentId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'datasetId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'splitId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'architectureKey' } },
          { kind: 'Field', name: { kind: 'Name', value: 'seed' } },
          { kind: 'Field', name: { kind: 'Name', value: 'attempt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'tags' } },
          { kind: 'Field', name: { kind: 'Name', value: 'params' } },
          { kind: 'Field', name: { kind: 'Name', value: 'summary' } },
          { kind: 'Field', name: { kind: 'Name', value: 'parameterCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'failureReason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'finishedAt' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<StudentsQuery, StudentsQueryVariables>;
export const EnsembleDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Ensemble' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'ensemble' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'rules' } },
                { kind: 'Field', name: { kind: 'Name', value: 'runId' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'results' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'rule' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'splitRole' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'accuracy' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'nll' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'ece' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<EnsembleQuery, EnsembleQueryVariables>;
export const TeacherCheckpointsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'TeacherCheckpoints' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'runId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'run' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'runId' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'seed' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'teacher' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'origin' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'subsetId' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'checkpoints' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'cycle' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'epoch' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'metrics' } },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<TeacherCheckpointsQuery, TeacherCheckpointsQueryVariables>;
export const RunsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Runs' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'projectId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'filter' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'RunFilter' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'orderBy' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'RunOrder' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'runs' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'projectId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'projectId' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'filter' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'filter' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'after' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'orderBy' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'orderBy' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'totalCount' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'pageInfo' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'hasNextPage' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'endCursor' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'edges' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'node' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'FragmentSpread', name: { kind: 'Name', value: 'RunFields' } },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'RunFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Run' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'projectId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'experimentId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'datasetId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'splitId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'architectureKey' } },
          { kind: 'Field', name: { kind: 'Name', value: 'seed' } },
          { kind: 'Field', name: { kind: 'Name', value: 'attempt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'tags' } },
          { kind: 'Field', name: { kind: 'Name', value: 'params' } },
          { kind: 'Field', name: { kind: 'Name', value: 'summary' } },
          { kind: 'Field', name: { kind: 'Name', value: 'parameterCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'failureReason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'finishedAt' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<RunsQuery, RunsQueryVariables>;
export const RunDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Run' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'run' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'FragmentSpread', name: { kind: 'Name', value: 'RunFields' } },
                { kind: 'Field', name: { kind: 'Name', value: 'note' } },
                { kind: 'Field', name: { kind: 'Name', value: 'metricKeys' } },
                { kind: 'Field', name: { kind: 'Name', value: 'runnerId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'heartbeatAt' } },
                { kind: 'Field', name: { kind: 'Name', value: 'parentRunId' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'events' },
                  arguments: [
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'last' },
                      value: { kind: 'IntValue', value: '20' },
                    },
                  ],
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'at' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'type' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'attempt' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'message' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'checkpoints' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'epoch' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'step' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'metrics' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'teacher' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'fraction' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'origin' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'subsetId' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'student' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'mode' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'alpha' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'temperature' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'teacherFraction' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'ensemble' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'RunFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Run' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'projectId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'experimentId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'datasetId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'splitId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'architectureKey' } },
          { kind: 'Field', name: { kind: 'Name', value: 'seed' } },
          { kind: 'Field', name: { kind: 'Name', value: 'attempt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'tags' } },
          { kind: 'Field', name: { kind: 'Name', value: 'params' } },
          { kind: 'Field', name: { kind: 'Name', value: 'summary' } },
          { kind: 'Field', name: { kind: 'Name', value: 'parameterCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'failureReason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'finishedAt' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<RunQuery, RunQueryVariables>;
export const MetricSeriesDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'MetricSeries' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'runId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'key' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'buckets' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'metricSeries' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'runId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'runId' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'key' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'key' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'buckets' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'buckets' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'runId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'key' } },
                { kind: 'Field', name: { kind: 'Name', value: 'exact' } },
                { kind: 'Field', name: { kind: 'Name', value: 'totalPoints' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'points' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'step' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'last' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'min' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'max' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'count' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<MetricSeriesQuery, MetricSeriesQueryVariables>;
export const ExperimentDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Experiment' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'experiment' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'plan' } },
                { kind: 'Field', name: { kind: 'Name', value: 'projectId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'runs' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'RunFields' } }],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'RunFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Run' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'projectId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'experimentId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'datasetId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'splitId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'architectureKey' } },
          { kind: 'Field', name: { kind: 'Name', value: 'seed' } },
          { kind: 'Field', name: { kind: 'Name', value: 'attempt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'tags' } },
          { kind: 'Field', name: { kind: 'Name', value: 'params' } },
          { kind: 'Field', name: { kind: 'Name', value: 'summary' } },
          { kind: 'Field', name: { kind: 'Name', value: 'parameterCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'failureReason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'finishedAt' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ExperimentQuery, ExperimentQueryVariables>;
export const RunPredictionsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'RunPredictions' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'splitRole' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'SplitRole' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'run' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'datasetId' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'predictions' },
                  arguments: [
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'splitRole' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'splitRole' } },
                    },
                  ],
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'checkpointId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'splitId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'splitRole' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'samples' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'classes' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'accuracy' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'probsBase64' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<RunPredictionsQuery, RunPredictionsQueryVariables>;
export const ExperimentProgressDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'ExperimentProgress' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'experiment' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'runs' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'tags' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'failureReason' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ExperimentProgressQuery, ExperimentProgressQueryVariables>;
export const RunUpdatedDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'subscription',
      name: { kind: 'Name', value: 'RunUpdated' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'projectId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'runUpdated' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'projectId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'projectId' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'RunFields' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'RunFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Run' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'projectId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'experimentId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'datasetId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'splitId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'architectureKey' } },
          { kind: 'Field', name: { kind: 'Name', value: 'seed' } },
          { kind: 'Field', name: { kind: 'Name', value: 'attempt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'tags' } },
          { kind: 'Field', name: { kind: 'Name', value: 'params' } },
          { kind: 'Field', name: { kind: 'Name', value: 'summary' } },
          { kind: 'Field', name: { kind: 'Name', value: 'parameterCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'failureReason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'finishedAt' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<RunUpdatedSubscription, RunUpdatedSubscriptionVariables>;
export const MetricsAppendedDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'subscription',
      name: { kind: 'Name', value: 'MetricsAppended' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'runId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'keys' } },
          type: {
            kind: 'ListType',
            type: {
              kind: 'NonNullType',
              type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
            },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'sinceStep' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'metricsAppended' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'runId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'runId' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'keys' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'keys' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'sinceStep' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'sinceStep' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'runId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'backfill' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'points' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'key' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'step' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'value' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'wallTime' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<MetricsAppendedSubscription, MetricsAppendedSubscriptionVariables>;
