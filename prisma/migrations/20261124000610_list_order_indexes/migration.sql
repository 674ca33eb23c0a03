-- DropIndex
DROP INDEX "Account_organizationId_createdAt_idx";

-- DropIndex
DROP INDEX "AuditEvent_organizationId_accountId_time_idx";

-- DropIndex
DROP INDEX "AuditEvent_organizationId_time_idx";

-- DropIndex
DROP INDEX "Integration_organizationId_createdAt_idx";

-- DropIndex
DROP INDEX "RefreshToken_organizationId_createdAt_idx";

-- CreateIndex
CREATE INDEX "Account_organizationId_createdAt_id_idx" ON "Account"("organizationId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_organizationId_time_id_idx" ON "AuditEvent"("organizationId", "time", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_organizationId_accountId_time_id_idx" ON "AuditEvent"("organizationId", "accountId", "time", "id");

-- CreateIndex
CREATE INDEX "Integration_organizationId_createdAt_id_idx" ON "Integration"("organizationId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Integration_accountId_createdAt_id_idx" ON "Integration"("accountId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "RefreshToken_organizationId_createdAt_id_idx" ON "RefreshToken"("organizationId", "createdAt", "id");
