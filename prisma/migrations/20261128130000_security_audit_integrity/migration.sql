-- issue 14 finding 7: audit integrity.

-- TRUNCATE skips row triggers: refuse it with a statement trigger (same function, TG_OP = TRUNCATE).
CREATE TRIGGER "AuditEvent_no_truncate"
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();

-- Signed chain heads: every few minutes the API signs (chain, seq, hash, time) with an Ed25519 key the
-- database never sees; verification checks each checkpoint against the events, so deleting the newest
-- events or rewriting one and re-hashing the rest is detected. Operational state, outside the domain
-- model (like security.login_throttle).
CREATE SCHEMA IF NOT EXISTS "security";

CREATE TABLE "security"."audit_checkpoint" (
    "chain" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "at" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    PRIMARY KEY ("chain", "seq")
);

CREATE TRIGGER "audit_checkpoint_append_only"
  BEFORE UPDATE OR DELETE ON "security"."audit_checkpoint"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();
CREATE TRIGGER "audit_checkpoint_no_truncate"
  BEFORE TRUNCATE ON "security"."audit_checkpoint"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();
