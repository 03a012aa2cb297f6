export { isGuardedStage, MODEL_NAME, parseModelReference, versionWhere } from './model-reference.ts';
export type { VersionSelector } from './model-reference.ts';
