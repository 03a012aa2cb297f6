import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Registry } from 'prom-client';

/** A check answers ok, or what is wrong. */
export type Check = () => Promise<{ ok: boolean; details?: Record<string, unknown> }>;

/** The endpoints of a process without its own HTTP server (the runner). */
export interface HealthServerOptions {
  port: number;
  host?: string;
  /** Alive: the process answers at all. */
  healthz?: Check;
  /** Ready: its dependencies (the database) are reachable. */
  readyz: Check;
  registry: Registry;
}

/** Serve /healthz, /readyz (200 or 503 with a JSON body) and /metrics (Prometheus text). */
export async function startHealthServer(
  o: HealthServerOptions,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const reply = async (check: Check) => {
      // A check that hangs (a pool waiting out an outage) answers 503 after 3 s instead of piling up.
      const timeout = new Promise<{ ok: boolean; details?: Record<string, unknown> }>((resolve) =>
        setTimeout(() => resolve({ ok: false, details: { error: 'check timed out' } }), 3000).unref(),
      );
      const r = await Promise.race([check(), timeout]).catch((e: unknown) => ({
        ok: false,
        details: { error: String(e) },
      }));
      res.writeHead(r.ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: r.ok ? 'ok' : 'unavailable', ...r.details }));
    };
    if (path === '/healthz') void reply(o.healthz ?? (async () => ({ ok: true })));
    else if (path === '/readyz') void reply(o.readyz);
    else if (path === '/metrics') {
      void o.registry.metrics().then((text) => {
        res.writeHead(200, { 'content-type': o.registry.contentType });
        res.end(text);
      });
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address() as AddressInfo;
  return {
    url: `http://${addr.address}:${addr.port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
