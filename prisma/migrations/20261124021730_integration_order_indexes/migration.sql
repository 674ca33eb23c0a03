-- CreateIndex
CREATE INDEX "Integration_organizationId_name_id_idx" ON "Integration"("organizationId", "name", "id");

-- CreateIndex
CREATE INDEX "Integration_organizationId_updatedAt_id_idx" ON "Integration"("organizationId", "updatedAt", "id");
