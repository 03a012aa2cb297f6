-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "runnerTokenId" UUID;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_runnerTokenId_fkey" FOREIGN KEY ("runnerTokenId") REFERENCES "ApiToken"("id") ON DELETE SET NULL ON UPDATE CASCADE;
