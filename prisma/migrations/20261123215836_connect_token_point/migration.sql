-- AlterTable
ALTER TABLE "RefreshToken" ADD COLUMN     "integrationPointId" UUID;

-- CreateIndex
CREATE INDEX "RefreshToken_integrationPointId_idx" ON "RefreshToken"("integrationPointId");

-- AddForeignKey
ALTER TABLE "RefreshToken" ADD CONSTRAINT "RefreshToken_integrationPointId_fkey" FOREIGN KEY ("integrationPointId") REFERENCES "IntegrationPoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;
