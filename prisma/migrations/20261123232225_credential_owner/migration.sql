-- CreateEnum
CREATE TYPE "CredentialOwnerType" AS ENUM ('ACCOUNT', 'INTEGRATION', 'INTEGRATION_POINT', 'WEBHOOK');

-- AlterTable: added nullable, filled from the four owner columns, then required.
ALTER TABLE "Credential" ADD COLUMN     "ownerId" UUID,
ADD COLUMN     "ownerType" "CredentialOwnerType";

UPDATE "Credential" SET
  "ownerType" = CASE
    WHEN "integrationId" IS NOT NULL THEN 'INTEGRATION'
    WHEN "accountId" IS NOT NULL THEN 'ACCOUNT'
    WHEN "integrationPointId" IS NOT NULL THEN 'INTEGRATION_POINT'
    ELSE 'WEBHOOK'
  END::"CredentialOwnerType",
  "ownerId" = COALESCE("integrationId", "accountId", "integrationPointId", "webhookId");

-- Names the gateway made itself become slugs: an integration's own credential and a webhook's signing secret.
UPDATE "Credential" SET "name" = 'provider-credential' WHERE "ownerType" = 'INTEGRATION' AND "name" LIKE '% credential';
UPDATE "Credential" SET "name" = 'signing-secret' WHERE "ownerType" = 'WEBHOOK' AND "name" = 'webhook signing secret';

-- Duplicates left by concurrent writes before the unique index existed keep the oldest name; the others get the last (random) block of their id appended.
UPDATE "Credential" SET "name" = LEFT("name", 55) || '-' || RIGHT("id"::text, 8)
WHERE "id" IN (
  SELECT "id" FROM (
    SELECT "id", ROW_NUMBER() OVER (PARTITION BY "organizationId", "ownerType", "ownerId", "name" ORDER BY "createdAt", "id") AS "rank"
    FROM "Credential"
  ) AS "ranked"
  WHERE "rank" > 1
);

ALTER TABLE "Credential" ALTER COLUMN "ownerId" SET NOT NULL,
ALTER COLUMN "ownerType" SET NOT NULL;

-- The owner pair must repeat the one owner column that is set (Prisma cannot declare this; it leaves check constraints alone).
ALTER TABLE "Credential" ADD CONSTRAINT "Credential_owner_check" CHECK (
  ("ownerType" = 'ACCOUNT' AND "ownerId" = "accountId" AND "integrationId" IS NULL AND "integrationPointId" IS NULL AND "webhookId" IS NULL)
  OR ("ownerType" = 'INTEGRATION' AND "ownerId" = "integrationId" AND "accountId" IS NOT NULL AND "integrationPointId" IS NULL AND "webhookId" IS NULL)
  OR ("ownerType" = 'INTEGRATION_POINT' AND "ownerId" = "integrationPointId" AND "accountId" IS NULL AND "integrationId" IS NULL AND "webhookId" IS NULL)
  OR ("ownerType" = 'WEBHOOK' AND "ownerId" = "webhookId" AND "accountId" IS NULL AND "integrationId" IS NULL AND "integrationPointId" IS NULL)
);

-- CreateIndex
CREATE UNIQUE INDEX "Credential_organizationId_ownerType_ownerId_name_key" ON "Credential"("organizationId", "ownerType", "ownerId", "name");
