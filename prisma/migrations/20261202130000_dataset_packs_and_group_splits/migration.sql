-- AlterEnum
ALTER TYPE "SplitMethod" ADD VALUE 'GROUP';

-- AlterTable
ALTER TABLE "Dataset" ADD COLUMN     "groupNames" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "packArtifactId" UUID,
ADD COLUMN     "sampleGroups" BYTEA,
ADD COLUMN     "sampleLabels" BYTEA,
ADD COLUMN     "valCount" INTEGER NOT NULL DEFAULT 0;

-- AddForeignKey
ALTER TABLE "Dataset" ADD CONSTRAINT "Dataset_packArtifactId_fkey" FOREIGN KEY ("packArtifactId") REFERENCES "Artifact"("id") ON DELETE SET NULL ON UPDATE CASCADE;
