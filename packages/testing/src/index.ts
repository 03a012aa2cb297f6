// @distillery/testing: the one home of "start the API and make a user" for every test and bench.
export {
  startTestApi,
  type ApiServer,
  type ArchitectureRow,
  type BaseServerOptions,
  type BuildServer,
  type ExtraServerOptions,
  type TestApi,
  type TestApiOptions,
} from './test-api.ts';
export { startApiProcess, type ApiProcess, type ApiProcessOptions } from './api-process.ts';
export { spawnRunnerProcess, type RunnerChild } from './runner-process.ts';
export {
  createRunnerToken,
  createTestUser,
  createUser,
  mintToken,
  signIn,
  TEST_PASSWORD,
  type CreatedUser,
  type HasDb,
  type TestUser,
} from './users.ts';
export { gql, gqlData, logPoints, type GqlResult } from './graphql.ts';
export { collect, type Collecting } from './subscriptions.ts';
export { actAsRunner } from './act-as-runner.ts';
export { waitFor } from './wait-for.ts';
export { encodeBmp } from './bmp-files.ts';
export { recordFinalPredictions, type FinalPredictions } from './final-predictions.ts';
