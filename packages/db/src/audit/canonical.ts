import { createHash } from 'node:crypto';

/** JSON with object keys sorted recursively: the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** The chained fields of one audit event. */
export interface ChainedEvent {
  projectId: string | null;
  seq: number;
  actorId: string | null;
  actorKind: string;
  operation: string;
  targetType: string;
  targetId: string | null;
  args: unknown;
  outcome: 'SUCCESS' | 'FAILURE';
  errorCode: string | null;
  /** ISO-8601 with milliseconds, UTC. */
  at: string;
}

/** The genesis prevHash of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** hash = sha256(prevHash ‖ "\n" ‖ canonical(event)). */
export function chainHash(prevHash: string, event: ChainedEvent): string {
  return createHash('sha256')
    .update(`${prevHash}\n${canonicalJson(event)}`)
    .digest('hex');
}
