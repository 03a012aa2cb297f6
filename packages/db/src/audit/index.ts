// The audit log's one home: its hash chain and the append every writer (API mutations, sign-ins, runners
// on the database) goes through, so each chain has one format whoever writes to it.
export { appendAudit, type NewAuditEvent } from './append-audit.ts';
export { canonicalJson, chainHash, GENESIS_HASH, type ChainedEvent } from './canonical.ts';
