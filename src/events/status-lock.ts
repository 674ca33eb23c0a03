/**
 * Changes to an integration's health take turns across replicas. Whoever records a batch of calls
 * or resets a status holds, until its transaction ends, a lock per integration touched; the next
 * holder then reads the health and outcomes the last one committed, so every change is decided and
 * announced once, from the health it really replaces.
 */
import type { PrismaClient } from "../generated/prisma/client.ts";

/** The first key of these advisory locks; the second is a hash of the integration id. */
const statusLocks = 7436108;

/** Takes the locks in key order (not id order: ids may share a hash), so two batches never deadlock. */
export async function lockStatusesOf(tx: PrismaClient, integrationIds: string[]): Promise<void> {
  if (integrationIds.length === 0) return;
  await tx.$executeRaw`
    SELECT pg_advisory_xact_lock(${statusLocks}::int, key)
    FROM (SELECT DISTINCT hashtext(id::text) AS key FROM unnest(${integrationIds}::uuid[]) AS ids(id) ORDER BY key) keys`;
}
