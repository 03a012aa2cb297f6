import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * The PEM of the audit signing key: AUDIT_SIGNING_KEY itself, else the file AUDIT_SIGNING_KEY_FILE
 * (default `<DISTILLERY_DATA_DIR>/audit-signing-key.pem`), created (Ed25519, mode 0600) on first use.
 * It lives beside the deployment, never in the database, so whoever controls the database cannot
 * sign a head for a chain they rewrote. Replicas must share one key (mount the same file or env).
 */
export function loadAuditSigningKey(env: {
  AUDIT_SIGNING_KEY?: string | undefined;
  AUDIT_SIGNING_KEY_FILE?: string | undefined;
  DISTILLERY_DATA_DIR?: string | undefined;
}): string {
  if (env.AUDIT_SIGNING_KEY) return env.AUDIT_SIGNING_KEY;
  const file = resolve(
    env.AUDIT_SIGNING_KEY_FILE ?? `${env.DISTILLERY_DATA_DIR ?? '.data'}/audit-signing-key.pem`,
  );
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  }
  return readFileSync(file, 'utf8');
}
