import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

import type pg from 'pg';

import { canonicalJson } from '@distillery/db/audit';

/** The chain name of a project's log, or of the site log. */
export const chainOf = (projectId: string | null): string => projectId ?? 'site';

/** One signed head: the chain had `seq` events, the last with `hash`, at `at`. */
export interface Checkpoint {
  chain: string;
  seq: number;
  hash: string;
  at: string;
  keyId: string;
  signature: string;
}

/** The signing key (Ed25519, PKCS#8 PEM), from a file or env the database never sees. */
export interface AuditSigner {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** First 16 hex of the SHA-256 of the public key (SPKI DER). */
  keyId: string;
}

/** Load an Ed25519 private key (PEM) into a signer. */
export function auditSigner(pem: string | Buffer): AuditSigner {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the audit signing key must be Ed25519');
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return { privateKey, publicKey, keyId: createHash('sha256').update(der).digest('hex').slice(0, 16) };
}

const message = (c: Omit<Checkpoint, 'signature' | 'keyId'>) =>
  Buffer.from(canonicalJson({ chain: c.chain, seq: c.seq, hash: c.hash, at: c.at }));

/**
 * Sign the current head of every chain that moved since its last checkpoint. Replicas may race;
 * the (chain, seq) key makes a repeat a no-op. Returns how many checkpoints were written.
 */
export async function writeCheckpoints(pool: pg.Pool, signer: AuditSigner): Promise<number> {
  const heads = await pool.query<{ chain: string; seq: number; hash: string }>(
    `SELECT DISTINCT ON (coalesce("projectId"::text, 'site')) coalesce("projectId"::text, 'site') AS chain, seq, hash
     FROM "AuditEvent" ORDER BY coalesce("projectId"::text, 'site'), seq DESC`,
  );
  let written = 0;
  for (const h of heads.rows) {
    const at = new Date().toISOString();
    const signature = sign(null, message({ ...h, at }), signer.privateKey).toString('base64');
    const r = await pool.query(
      `INSERT INTO security.audit_checkpoint (chain, seq, hash, at, "keyId", signature)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [h.chain, h.seq, h.hash, at, signer.keyId, signature],
    );
    written += r.rowCount ?? 0;
  }
  return written;
}

/** A chain's checkpoints whose signature verifies with `publicKey` (forged or foreign ones are left out). */
export async function signedCheckpoints(
  pool: pg.Pool,
  chain: string,
  publicKey: KeyObject,
): Promise<{ valid: Checkpoint[]; invalid: number }> {
  const rows = await pool.query<Checkpoint>(
    `SELECT chain, seq, hash, at, "keyId", signature FROM security.audit_checkpoint WHERE chain = $1 ORDER BY seq`,
    [chain],
  );
  const valid = rows.rows.filter((c) =>
    verify(null, message(c), publicKey, Buffer.from(c.signature, 'base64')),
  );
  return { valid, invalid: rows.rows.length - valid.length };
}

/** Sign heads every `everyMs` until stopped (the first right away). */
export function startCheckpointing(pool: pg.Pool, signer: AuditSigner, everyMs: number): () => void {
  const tick = () =>
    void writeCheckpoints(pool, signer).catch((e: unknown) =>
      console.error('api: audit checkpoint failed', e),
    );
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
