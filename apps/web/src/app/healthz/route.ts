// Liveness of the dashboard server for probes (Kubernetes, compose, the image's HEALTHCHECK): it
// answers without calling the API, so an API outage does not get the dashboard restarted.
export const dynamic = 'force-dynamic';

/** GET /healthz → 200 {"status":"ok"}. */
export function GET(): Response {
  return Response.json({ status: 'ok' });
}
