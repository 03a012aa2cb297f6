import { forwardFile } from '../../../../../lib/forward-file.ts';
import { problem } from '../../../../../lib/session-cookie.ts';

// The API's sample route path (apps/api/src/modules/sample/sample-source.ts, samplePath).
const SAMPLE_PATH = /^\/samples\/[0-9a-f-]{36}\/(TRAIN|VAL|TEST)\/\d{1,9}\.png$/i;

/**
 * Same-origin proxy for sample images (`<img>` cannot send a bearer token): the API's own path, beside
 * its GraphQL endpoint. GET only and no side effects, so a cross-site request gains nothing.
 */
export async function GET(req: Request): Promise<Response> {
  const path = new URL(req.url).pathname;
  if (!SAMPLE_PATH.test(path)) return problem(404, 'NOT_FOUND', `no sample image ${path}`);
  return forwardFile(req, path.slice(1));
}
