-- CreateEnum
CREATE TYPE "FusionTieConvention" AS ENUM ('PRINCIPLED', 'ORIGINAL');

-- DropIndex
DROP INDEX "StudentTeacher_studentId_teacherId_key";

-- AlterTable
ALTER TABLE "Ensemble" ADD COLUMN     "ties" "FusionTieConvention" NOT NULL DEFAULT 'PRINCIPLED';

-- AlterTable
ALTER TABLE "StudentTeacher" ADD COLUMN     "checkpointId" UUID;

-- CreateIndex
CREATE INDEX "StudentTeacher_checkpointId_idx" ON "StudentTeacher"("checkpointId");

-- AddForeignKey
ALTER TABLE "StudentTeacher" ADD CONSTRAINT "StudentTeacher_checkpointId_fkey" FOREIGN KEY ("checkpointId") REFERENCES "Checkpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;
