-- issue 5 (API): metric rollups for metricSeries downsampling; indexes for the runs search.

-- CreateTable
CREATE TABLE "MetricRollup" (
    "runId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "shift" INTEGER NOT NULL,
    "cell" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "minValue" DOUBLE PRECISION NOT NULL,
    "maxValue" DOUBLE PRECISION NOT NULL,
    "lastStep" INTEGER NOT NULL,
    "lastValue" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "MetricRollup_pkey" PRIMARY KEY ("runId","key","shift","cell")
);

-- CreateIndex
CREATE INDEX "Run_projectId_createdAt_idx" ON "Run"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "Run_tags_idx" ON "Run" USING GIN ("tags");

-- CreateIndex
CREATE INDEX "Run_params_idx" ON "Run" USING GIN ("params" jsonb_path_ops);

-- CreateIndex
CREATE INDEX "Run_summary_idx" ON "Run" USING GIN ("summary" jsonb_path_ops);

-- AddForeignKey
ALTER TABLE "MetricRollup" ADD CONSTRAINT "MetricRollup_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

