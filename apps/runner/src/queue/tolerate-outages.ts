// graphile-worker retries its own queries (completing and failing jobs) only for the SQLSTATEs and
// errno codes in its RETRYABLE_ERROR_CODES, which omit a server that refuses connections or shuts
// down. Its non-batched failJob is not awaited, so such an error became an unhandled rejection that
// killed the runner during a database restart. Adding the codes makes those calls wait the outage out
// (graphile-worker backs off 3 s → 120 s, 100 tries). It has no option for this, hence the patch.
import { RETRYABLE_ERROR_CODES } from 'graphile-worker/dist/lib.js';

const OUTAGE = { minDelay: 3000, maxDelay: 120_000 };
const CODES = [
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '08000',
  '08001',
  '08003',
  '08006',
];

/** Make graphile-worker retry its queries through a database outage (idempotent). */
export function tolerateQueueOutages(): void {
  const table = RETRYABLE_ERROR_CODES as Record<string, { minDelay: number; maxDelay: number }>;
  for (const code of CODES) table[code] ??= OUTAGE;
}
