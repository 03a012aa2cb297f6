import { forwardFile } from '../../../../lib/forward-file.ts';
import { problem } from '../../../../lib/session-cookie.ts';

const ARTIFACT_ID = /^[0-9a-f-]{36}$/i;

/**
 * Same-origin download of an artifact's file (`<a href>` cannot send a bearer token): the API's
 * `GET /artifacts/:id/:file`, streamed. Not under /artifacts, which a one-host Ingress sends to the API
 * itself (infra/k8s/ingress.yaml). GET only and no side effects, so a cross-site request gains nothing.
 */
export async function GET(
  req: Request,
  { params }: { params: Promise<{ artifactId: string; file: string }> },
): Promise<Response> {
  const { artifactId, file } = await params;
  if (!ARTIFACT_ID.test(artifactId) || file.length > 500 || file.includes('/'))
    return problem(404, 'NOT_FOUND', `no artifact file ${artifactId}/${file}`);
  // The API's route sits at its origin's root (apps/api/src/modules/artifact/download-route.ts).
  return forwardFile(req, `/artifacts/${artifactId}/${encodeURIComponent(file)}`);
}
