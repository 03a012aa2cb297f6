// `@distillery/client/node`: the parts only Node has — the config file `login` writes, connection
// resolution from flags/env/file, and a client whose subscriptions use the `ws` package (Node 20 has
// no global WebSocket). Everything else is in the browser-safe `@distillery/client`.
import WebSocket from 'ws';

import { DistilleryClient, type ClientOptions } from '../client.ts';

export {
  configPath,
  readConfig,
  writeConfig,
  resolveConnection,
  DEFAULT_API_URL,
  type StoredConfig,
} from './config.ts';

export { downloadArtifact, type DownloadableArtifact } from './download.ts';
export { packUploadUrl, uploadDatasetPack, type UploadedPack } from './upload-pack.ts';

/** The `ws` package's WebSocket, for graphql-ws clients made outside DistilleryClient. */
export { WebSocket };

/** A DistilleryClient for Node: subscriptions over the `ws` package unless `webSocketImpl` is given. */
export function createNodeClient(options: ClientOptions): DistilleryClient {
  return new DistilleryClient({ webSocketImpl: WebSocket, ...options });
}
