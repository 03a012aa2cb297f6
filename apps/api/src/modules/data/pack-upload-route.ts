// PUT /projects/:projectId/dataset-packs/:sha256 — the CLI uploads a dataset pack before it calls
// registerDataset with the same hash. The body streams through the pack checker into the store under
// its content key with the hash checked on the way: a pack that is malformed, too long, or not the
// named hash is refused and nothing is kept. Equal content is stored once (the key is the hash).
import { contentKey, packChecker } from '@distillery/artifacts';
import { AppError, AppErrorCode, badInput, isAppError } from '@distillery/errors';
import type { Request, Response, Router } from 'express';
import express from 'express';

import { bearerOf } from '../auth/tokens.ts';
import { requireRole } from '../auth/roles.ts';
import { createContext, type Deps } from '../../context.ts';
import { HTTP_STATUS } from '../../errors/format-error.ts';
import { parseId } from '../../limits/ids.ts';

/** Content type of a dataset pack (packages/artifacts/src/dataset-pack.ts). */
export const PACK_CONTENT_TYPE = 'application/vnd.distillery.dataset-pack';

function fail(res: Response, req: Request, e: unknown): void {
  const code = isAppError(e) ? e.code : AppErrorCode.INTERNAL;
  if (!isAppError(e)) console.error('api: dataset pack upload failed', e);
  if (!res.headersSent)
    res
      .status(HTTP_STATUS[code] ?? 500)
      .setHeader('Connection', 'close')
      .json({ errors: [{ message: isAppError(e) ? e.message : 'Internal error', extensions: { code } }] });
  // The rest of a refused body is not read.
  req.unpipe();
  req.resume();
}

async function upload(deps: Deps, req: Request, res: Response): Promise<void> {
  const actor = await deps.actors.resolve(bearerOf(req.headers.authorization));
  if (!actor || actor.kind === 'ANONYMOUS')
    throw new AppError(AppErrorCode.UNAUTHENTICATED, 'send Authorization: Bearer <token>');
  const ctx = createContext(deps, actor, req.ip ?? 'unknown');
  const projectId = parseId('projectId', req.params.projectId);
  const sha256 = String(req.params.sha256);
  if (!/^[0-9a-f]{64}$/.test(sha256))
    throw badInput('sha256', sha256, 'must be 64 lowercase hex characters (SHA-256)');
  await requireRole(ctx, projectId, 'MEMBER');
  const max = deps.maxDatasetPackBytes;
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > max) throw badInput('body', `${declared} bytes`, `exceeds the limit of ${max} bytes`);
  const key = contentKey(sha256);
  if (await deps.artifacts.find(key)) {
    req.resume();
    res.status(200).json({ sha256, stored: false });
    return;
  }
  const checker = packChecker();
  // The body starts flowing before the store attaches its pipeline (it creates folders first), so a
  // refusal can come with no listener yet; the pipeline still sees it as the stream's error.
  checker.on('error', () => undefined);
  req.on('error', (e) => checker.destroy(e));
  req.on('close', () => {
    if (!req.complete) checker.destroy(badInput('body', null, 'the upload ended early'));
  });
  const stored = await deps.artifacts.putStream(key, req.pipe(checker), {
    expectedSha256: sha256,
    maxBytes: max,
    contentType: PACK_CONTENT_TYPE,
  });
  res.status(201).json({ sha256, stored: true, sizeBytes: stored.sizeBytes });
}

/** The dataset pack upload route. */
export function packUploadRouter(deps: Deps): Router {
  const router = express.Router();
  router.put('/projects/:projectId/dataset-packs/:sha256', (req, res) => {
    upload(deps, req, res).catch((e: unknown) => fail(res, req, e));
  });
  return router;
}
