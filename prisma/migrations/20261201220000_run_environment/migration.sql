-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "environment" JSONB NOT NULL DEFAULT '{}';
