-- AlterTable
ALTER TABLE "IntegrationStatus" ADD COLUMN     "resetAt" TIMESTAMPTZ(3);
