export { readEnv, type RunnerEnv } from './env.ts';
export { startRunner, type RunnerOptions, type RunningRunner } from './runner.ts';
export {
  artifactStoreConfig,
  openArtifactStore,
  sha256Hex,
  type ArtifactStoreConfig,
} from './artifacts/index.ts';
