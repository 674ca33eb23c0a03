-- AlterTable
ALTER TABLE "RefreshToken" ADD COLUMN     "session" BOOLEAN NOT NULL DEFAULT false;
