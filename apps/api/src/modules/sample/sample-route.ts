// GET /samples/:runId/:role/:file — one sample of a run's final predictions as a PNG, with the caller's
// permissions (Bearer token: VIEWER in the run's project), as the artifact download route checks them.
// The dashboard's same-origin proxy (apps/web/src/app/samples) adds the session's token.
import { AppError, AppErrorCode } from '@distillery/errors';
import type { Request, Response, Router } from 'express';
import express from 'express';

import { bearerOf } from '../auth/tokens.ts';
import { createContext, type Deps } from '../../context.ts';
import { sendFailure } from '../artifact/download-route.ts';
import { encodePng } from './encode-png.ts';
import { samplePixels } from './sample-source.ts';

async function serveSample(deps: Deps, req: Request, res: Response): Promise<void> {
  const actor = await deps.actors.resolve(bearerOf(req.headers.authorization));
  if (!actor || actor.kind === 'ANONYMOUS')
    throw new AppError(AppErrorCode.UNAUTHENTICATED, 'send Authorization: Bearer <token>');
  const ctx = createContext(deps, actor, req.ip ?? 'unknown');
  const file = String(req.params.file);
  if (!file.endsWith('.png')) throw new AppError(AppErrorCode.NOT_FOUND, `no sample file ${file}`);
  const s = await samplePixels(ctx, String(req.params.runId), String(req.params.role), file.slice(0, -4));
  res.setHeader('ETag', s.etag);
  // Private: the image is only for callers who may read the run; a pack's bytes never change.
  res.setHeader('Cache-Control', 'private, max-age=3600');
  if (req.headers['if-none-match'] === s.etag) {
    res.status(304).end();
    return;
  }
  const png = encodePng(s.pixels, s.width, s.height, s.channels);
  res.status(200).setHeader('Content-Type', 'image/png').setHeader('Content-Length', String(png.length));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end(png);
}

/** The sample image route (also under /api, like GraphQL, for one-host Ingress setups). */
export function sampleRouter(deps: Deps): Router {
  const router = express.Router();
  router.get(['/samples/:runId/:role/:file', '/api/samples/:runId/:role/:file'], (req, res) => {
    serveSample(deps, req, res).catch((e: unknown) => sendFailure(res, e, 'sample image'));
  });
  return router;
}
