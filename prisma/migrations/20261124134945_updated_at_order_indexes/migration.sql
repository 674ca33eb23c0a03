-- CreateIndex
CREATE INDEX "Account_organizationId_updatedAt_id_idx" ON "Account"("organizationId", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Credential_organizationId_ownerType_ownerId_updatedAt_id_idx" ON "Credential"("organizationId", "ownerType", "ownerId", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "IntegrationPoint_organizationId_updatedAt_id_idx" ON "IntegrationPoint"("organizationId", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Member_organizationId_updatedAt_id_idx" ON "Member"("organizationId", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Organization_parentId_updatedAt_id_idx" ON "Organization"("parentId", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "OrganizationWebhook_organizationId_updatedAt_id_idx" ON "OrganizationWebhook"("organizationId", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Role_organizationId_updatedAt_id_idx" ON "Role"("organizationId", "updatedAt", "id");
