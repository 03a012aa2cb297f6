// The online inference endpoint (TF Serving's REST shape, per project):
//   GET  /v1/projects/<project>/models/<reference>          → version, class names, input shape
//   POST /v1/projects/<project>/models/<reference>:predict  → class probabilities
// <project> is a slug or id; <reference> is `name@production`, `name@staging`, `name@<version>` or
// `name`. The body is one encoded image (Content-Type image/*), or JSON {"instances": [{"b64": …}]}.
// Callers send Authorization: Bearer <token> and need a role in the project (or its runner token).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Database } from '@distillery/db';
import { bearerOf, canReadProject, resolveActor } from '@distillery/db/auth';
import { AppError, AppErrorCode, badInput, isAppError } from '@distillery/errors';
import { decodeImage } from '@distillery/ml';

import type { ModelCache } from './model-cache.ts';

const STATUS: Partial<Record<AppErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  DATA_CORRUPT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  QUERY_TOO_COMPLEX: 413,
};

/** Limits of one request. */
export interface ServeLimits {
  maxBodyBytes: number;
  maxInstances: number;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw new AppError(AppErrorCode.QUERY_TOO_COMPLEX, `request body exceeds ${max} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function imagesOf(req: IncomingMessage, body: Buffer, limits: ServeLimits): Buffer[] {
  const type = String(req.headers['content-type'] ?? '');
  if (type.startsWith('image/') || type === 'application/octet-stream') return [body];
  if (!type.startsWith('application/json'))
    throw badInput(
      'content-type',
      type,
      'send an image (image/png, image/jpeg, …) or JSON {"instances": [{"b64": …}]}',
    );
  let parsed: { instances?: unknown };
  try {
    parsed = JSON.parse(body.toString('utf8')) as { instances?: unknown };
  } catch {
    throw badInput('body', 'text', 'is not JSON');
  }
  const list = parsed.instances;
  if (!Array.isArray(list) || list.length === 0 || list.length > limits.maxInstances)
    throw badInput(
      'instances',
      Array.isArray(list) ? list.length : list,
      `must be 1 to ${limits.maxInstances} images`,
    );
  return list.map((x, i) => {
    const b64 = (x as { b64?: unknown } | null)?.b64;
    if (typeof b64 !== 'string') throw badInput(`instances[${i}].b64`, x, 'must be a base64 string');
    return Buffer.from(b64, 'base64');
  });
}

/** Start the serving HTTP server; resolves with its URL. */
export async function startServeHttp(o: {
  pool: Database['pool'];
  models: ModelCache;
  port: number;
  host: string;
  limits: ServeLimits;
}): Promise<{ url: string; server: Server }> {
  const route = /^\/v1\/projects\/([^/]+)\/models\/([^/:]+)(:predict)?$/;
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/healthz') return send(res, 200, { status: 'ok' });
    const m = route.exec(path);
    if (!m) throw new AppError(AppErrorCode.NOT_FOUND, `no route ${req.method} ${path}`);
    const actor = await resolveActor(o.pool, bearerOf(req.headers.authorization));
    if (!actor || actor.kind === 'ANONYMOUS')
      throw new AppError(AppErrorCode.UNAUTHENTICATED, 'send Authorization: Bearer <token>');
    const project = decodeURIComponent(m[1]!);
    const row = (
      await o.pool.query<{ id: string }>(`SELECT id FROM "Project" WHERE slug = $1 OR id::text = $1`, [
        project,
      ])
    ).rows[0];
    // An unknown project and one the caller cannot read answer alike.
    if (!row || !(await canReadProject(o.pool, actor, row.id)))
      throw new AppError(AppErrorCode.FORBIDDEN, `you cannot read project ${project}`);
    const reference = decodeURIComponent(m[2]!);
    const loaded = await o.models.get(row.id, reference);
    if (!loaded)
      throw new AppError(AppErrorCode.NOT_FOUND, `no model version ${reference} in project ${project}`);
    const { model } = loaded;
    const about = { name: model.name, version: model.version, stage: model.stage, rule: model.rule };
    if (!m[3]) {
      if (req.method !== 'GET') throw badInput('method', req.method, 'use GET for metadata, POST …:predict');
      return send(res, 200, { model: about, classNames: model.classNames, inputShape: model.inputShape });
    }
    if (req.method !== 'POST') throw badInput('method', req.method, 'predict with POST');
    const images = imagesOf(req, await readBody(req, o.limits.maxBodyBytes), o.limits);
    const size = model.inputShape.reduce((a, b) => a * b, 1);
    const pixels = new Float32Array(images.length * size);
    for (const [i, img] of images.entries())
      pixels.set(await decodeImage(img, model.inputShape, `instances[${i}]`), i * size);
    const out = await loaded.batcher.submit(pixels, images.length);
    const c = model.classNames.length;
    send(res, 200, {
      model: about,
      classNames: model.classNames,
      predictions: images.map((_, i) => ({
        class: model.classNames[out.classes[i]!],
        classIndex: out.classes[i],
        probabilities: out.probabilities ? Array.from(out.probabilities.subarray(i * c, (i + 1) * c)) : null,
      })),
    });
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      const code = isAppError(e) ? e.code : AppErrorCode.INTERNAL;
      if (!isAppError(e)) console.error('serve: request failed', e);
      if (res.headersSent) return void res.destroy();
      send(res, STATUS[code] ?? 500, {
        error: { code, message: isAppError(e) ? e.message : 'Internal error' },
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  return { url: `http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${addr.port}`, server };
}
