-- AlterTable
ALTER TABLE "programme" ADD COLUMN     "cohort_kinds" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "language" TEXT NOT NULL DEFAULT 'de';
