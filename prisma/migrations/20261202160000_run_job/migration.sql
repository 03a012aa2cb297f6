-- The job a run's launch enqueued, kept so a retry enqueues the same job (checkpoints, training options, ties).
ALTER TABLE "Run" ADD COLUMN "job" JSONB;
