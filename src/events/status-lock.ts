/**
 * Changes to an integration's health take turns across replicas. Whoever records a batch of calls
 * or resets a status holds the integration's status row locked until its transaction ends; the
 * next holder then reads the health and outcomes the last one committed, so every change is decided
 * and announced once, from the health it really replaces. Row locks, not advisory ones: a batch may
 * touch hundreds of integrations, and row locks do not fill PostgreSQL's shared lock table.
 */
import { columnOf } from "../db/columns.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Health } from "./decide-health.ts";

export interface StatusOwner {
  integrationId: string;
  tenantId: string;
  organizationId: string;
  accountId: string;
}

/** A status row as its lock holder found it. */
export interface LockedStatus {
  /** Null when this lock created the row: the integration had no health before. */
  health: Health | null;
  /** Newest first. */
  recentOutcomes: boolean[];
}

const byId = (a: StatusOwner, b: StatusOwner) => (a.integrationId < b.integrationId ? -1 : a.integrationId > b.integrationId ? 1 : 0);

/**
 * Locks the status rows of these integrations, in id order, and returns what they hold. Rows that
 * are missing (an integration's first calls) are then created, health UNKNOWN and counters zero,
 * and locked in turn: two more statements, once per integration. A batch that meets another
 * replica's creating the same rows may deadlock with it; PostgreSQL then fails one of the two,
 * which the recorder writes again.
 */
export async function lockStatusRows(tx: PrismaClient, owners: StatusOwner[]): Promise<Map<string, LockedStatus>> {
  const locked = new Map<string, LockedStatus>();
  const keep = (rows: LockedRow[], created = new Set<string>()) => {
    for (const row of rows) locked.set(row.integrationId, { health: created.has(row.integrationId) ? null : row.health, recentOutcomes: row.recentOutcomes ?? [] });
  };
  if (owners.length === 0) return locked;
  const sorted = [...owners].sort(byId);
  keep(await selectForUpdate(tx, columnOf(sorted)("integrationId")));
  const missing = sorted.filter((owner) => !locked.has(owner.integrationId));
  if (missing.length === 0) return locked;
  const column = columnOf(missing);
  const created = await tx.$queryRaw<{ integrationId: string }[]>`
    INSERT INTO "IntegrationStatus" ("integrationId", "tenantId", "organizationId", "accountId", "health", "requests", "failures", "bytes", "updatedAt")
    SELECT integration, tenant, organization, account, 'UNKNOWN', 0, 0, 0, now()
    FROM unnest(${column("integrationId")}::uuid[], ${column("tenantId")}::uuid[], ${column("organizationId")}::uuid[], ${column("accountId")}::uuid[])
      WITH ORDINALITY AS batch(integration, tenant, organization, account, position)
    ORDER BY position
    ON CONFLICT ("integrationId") DO NOTHING
    RETURNING "integrationId"::text AS "integrationId"`;
  // Rows another replica created meanwhile are locked here too, and keep the health it gave them.
  keep(await selectForUpdate(tx, column("integrationId")), new Set(created.map((row) => row.integrationId)));
  return locked;
}

/** Locks the status rows these integrations already have, in id order, and returns them; an integration without one is skipped. */
export function lockExistingStatusRows(tx: PrismaClient, integrationIds: string[]): Promise<LockedRow[]> {
  return selectForUpdate(tx, integrationIds);
}

export interface LockedRow {
  integrationId: string;
  health: Health;
  recentOutcomes: boolean[] | null;
}

function selectForUpdate(tx: PrismaClient, integrationIds: string[]): Promise<LockedRow[]> {
  return tx.$queryRaw<LockedRow[]>`
    SELECT "integrationId"::text AS "integrationId", health::text AS health, "recentOutcomes"
    FROM "IntegrationStatus" WHERE "integrationId" = ANY(${integrationIds}::uuid[]) ORDER BY "integrationId" FOR UPDATE`;
}
