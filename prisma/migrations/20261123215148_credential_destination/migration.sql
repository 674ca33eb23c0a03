-- AlterTable
ALTER TABLE "Credential" ADD COLUMN     "destination" TEXT;
