-- Runners register themselves (the workers page): one row per runner process, heartbeated while it lives.
-- CreateTable
CREATE TABLE "RunnerRegistration" (
    "id" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER,
    "version" TEXT,
    "engine" TEXT NOT NULL,
    "nativeCpu" TEXT,
    "backend" TEXT NOT NULL,
    "usesGpu" BOOLEAN NOT NULL DEFAULT false,
    "cpuModel" TEXT NOT NULL,
    "cpuCores" INTEGER NOT NULL,
    "gpus" JSONB NOT NULL DEFAULT '[]',
    "queues" TEXT[],
    "concurrency" INTEGER NOT NULL,
    "heartbeatMs" INTEGER NOT NULL,
    "tokenId" UUID,
    "projectId" UUID,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stoppedAt" TIMESTAMP(3),

    CONSTRAINT "RunnerRegistration_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RunnerRegistration_heartbeatAt_idx" ON "RunnerRegistration"("heartbeatAt");

-- AddForeignKey
ALTER TABLE "RunnerRegistration" ADD CONSTRAINT "RunnerRegistration_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "ApiToken"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunnerRegistration" ADD CONSTRAINT "RunnerRegistration_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
