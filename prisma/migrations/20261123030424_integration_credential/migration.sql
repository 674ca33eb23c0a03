-- AlterTable
ALTER TABLE "Integration" ADD COLUMN     "credentialId" UUID;

-- CreateIndex
CREATE INDEX "Integration_credentialId_idx" ON "Integration"("credentialId");

-- AddForeignKey
ALTER TABLE "Integration" ADD CONSTRAINT "Integration_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "Credential"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
