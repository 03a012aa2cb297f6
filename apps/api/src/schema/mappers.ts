// GraphQL object types backed by Prisma models (codegen `mappers`): resolvers may return the model
// and field resolvers fill the rest.
import type { AuditEvent, Run, RunEvent, RunnerRegistration, Split, Subset } from '@distillery/db';

export type {
  ApiToken as ApiTokenModel,
  Artifact as ArtifactModel,
  Architecture as ArchitectureModel,
  Checkpoint as CheckpointModel,
  Dataset as DatasetModel,
  Ensemble as EnsembleModel,
  EnsembleMember as EnsembleMemberModel,
  EnsembleResult as EnsembleResultModel,
  Experiment as ExperimentModel,
  Invitation as InvitationModel,
  Membership as MembershipModel,
  ModelVersion as ModelVersionModel,
  RegisteredModel as RegisteredModelModel,
  Project as ProjectModel,
  Run as RunModel,
  SavedView as SavedViewModel,
  Student as StudentModel,
  Teacher as TeacherModel,
  User as UserModel,
} from '@distillery/db';

/** Resolvers never need the assignment blob (it is read only where a split is cut into subsets). */
export type SplitModel = Omit<Split, 'assignment'>;
/** Member indices are read in slices (Subset.memberIndices), never as a whole row. */
export type SubsetModel = Omit<Subset, 'members'>;
/** A runner registration with its heartbeat age on the database's clock. */
export type RunnerModel = RunnerRegistration & { ageMs: number };
/** BigInt ids are sent as strings. */
export type AuditEventModel = Omit<AuditEvent, 'id'> & { id: string };
/** BigInt ids are sent as strings. */
export type RunEventModel = Omit<RunEvent, 'id'> & { id: string };
/** A page of runs; the total is counted only when asked for. */
export interface RunConnectionModel {
  edges: { cursor: string; node: Run }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  totalCount: () => Promise<number>;
}
