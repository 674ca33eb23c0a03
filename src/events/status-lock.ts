/**
 * Changes to an integration's health take turns across replicas. Whoever records a batch of calls
 * or resets a status holds the integration's status row locked until its transaction ends; the
 * next holder then reads the health and outcomes the last one committed, so every change is decided
 * and announced once, from the health it really replaces. Row locks, not advisory ones: a batch may
 * touch hundreds of integrations, and row locks do not fill PostgreSQL's shared lock table.
 */
import { columnOf } from "../db/columns.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";

export interface StatusOwner {
  integrationId: string;
  tenantId: string;
  organizationId: string;
  accountId: string;
}

/**
 * Locks the status rows of these integrations, first creating the missing ones (health UNKNOWN,
 * counters zero), and returns the integrations whose rows it created. Rows are created and locked
 * in id order, so two batches cannot deadlock.
 */
export async function lockStatusRows(tx: PrismaClient, owners: StatusOwner[]): Promise<Set<string>> {
  if (owners.length === 0) return new Set();
  const sorted = [...owners].sort((a, b) => (a.integrationId < b.integrationId ? -1 : a.integrationId > b.integrationId ? 1 : 0));
  const column = columnOf(sorted);
  const created = await tx.$queryRaw<{ integrationId: string }[]>`
    INSERT INTO "IntegrationStatus" ("integrationId", "tenantId", "organizationId", "accountId", "health", "requests", "failures", "bytes", "updatedAt")
    SELECT integration, tenant, organization, account, 'UNKNOWN', 0, 0, 0, now()
    FROM unnest(${column("integrationId")}::uuid[], ${column("tenantId")}::uuid[], ${column("organizationId")}::uuid[], ${column("accountId")}::uuid[])
      WITH ORDINALITY AS batch(integration, tenant, organization, account, position)
    ORDER BY position
    ON CONFLICT ("integrationId") DO NOTHING
    RETURNING "integrationId"::text AS "integrationId"`;
  await lockExistingStatusRows(tx, column("integrationId"));
  return new Set(created.map((row) => row.integrationId));
}

/** Locks the status rows these integrations already have, in id order; an integration without one is skipped. */
export async function lockExistingStatusRows(tx: PrismaClient, integrationIds: string[]): Promise<void> {
  await tx.$executeRaw`
    SELECT 1 FROM "IntegrationStatus" WHERE "integrationId" = ANY(${integrationIds}::uuid[]) ORDER BY "integrationId" FOR UPDATE`;
}
