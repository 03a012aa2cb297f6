// GET /artifacts/:id/:file — an artifact's bytes, streamed from the store with the caller's
// permissions (Bearer token: VIEWER in the artifact's project, or that project's RUNNER token).
// Never buffered: a multi-gigabyte dataset pack costs the API one stream, not its size in memory.
import { pipeline } from 'node:stream/promises';

import { AppError, AppErrorCode, isAppError } from '@distillery/errors';
import type { Request, Response, Router } from 'express';
import express from 'express';

import { bearerOf } from '../auth/tokens.ts';
import { createContext, type Deps } from '../../context.ts';
import { HTTP_STATUS } from '../../errors/format-error.ts';
import { filesOf } from './artifact-files.ts';
import { getArtifact } from './artifact.service.ts';

/** Answer a failed file request with the GraphQL error shape (or drop a response already under way). */
export function sendFailure(res: Response, e: unknown, what = 'artifact download'): void {
  const code = isAppError(e) ? e.code : AppErrorCode.INTERNAL;
  if (!isAppError(e)) console.error(`api: ${what} failed`, e);
  const message = isAppError(e) ? e.message : 'Internal error';
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.status(HTTP_STATUS[code] ?? 500).json({ errors: [{ message, extensions: { code } }] });
}

async function download(deps: Deps, req: Request, res: Response): Promise<void> {
  const actor = await deps.actors.resolve(bearerOf(req.headers.authorization));
  if (!actor || actor.kind === 'ANONYMOUS')
    throw new AppError(AppErrorCode.UNAUTHENTICATED, 'send Authorization: Bearer <token>');
  const ctx = createContext(deps, actor, req.ip ?? 'unknown');
  const artifact = await getArtifact(ctx, String(req.params.id), 'id');
  const file = artifact && filesOf(artifact).find((f) => f.path === req.params.file);
  if (!artifact || !file)
    throw new AppError(AppErrorCode.NOT_FOUND, `no artifact file ${req.params.id}/${req.params.file}`);
  const etag = `"${file.sha256}"`;
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', 'private, max-age=0, must-revalidate');
  if (req.headers['if-none-match'] === etag) {
    res.status(304).end();
    return;
  }
  const body = await deps.artifacts.open(file.uri);
  res.status(200);
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Length', String(file.sizeBytes));
  res.setHeader('Content-Disposition', `attachment; filename="${file.path.replace(/[^\w.-]/g, '_')}"`);
  res.setHeader('X-Content-SHA256', file.sha256);
  // A client that hangs up ends the pipeline; that is not an error worth a log line.
  await pipeline(body, res).catch((e: unknown) => {
    if ((e as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw e;
  });
}

/** The artifact download routes. */
export function artifactRouter(deps: Deps): Router {
  const router = express.Router();
  router.get('/artifacts/:id/:file', (req, res) => {
    download(deps, req, res).catch((e: unknown) => sendFailure(res, e));
  });
  return router;
}
