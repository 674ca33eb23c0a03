/**
 * The integration (with the credential it calls its provider with) behind integration tokens,
 * kept for a few seconds so that a connector call does not read both rows from the database each
 * time. Any write to an integration, credential, account or organization through a scoped client
 * drops every entry at once on this replica and, through Redis when configured, on the others; a
 * read that overlapped such a write is not kept (a write inside a transaction is reported again
 * once it committed, see `createScopedClient`). Entries are only handed to a scope that could
 * have read them from the database (see `withinScope`).
 */
import { LRUCache } from "lru-cache";
import type { Credential, Integration, PrismaClient } from "../generated/prisma/client.ts";
import { withinScope, type TenantScope } from "../db/tenant-scope.ts";

export type IntegrationWithCredential = Integration & { credential: Credential | null };

export interface IntegrationCache {
  /** The integrations with these ids that the scope can see (null for the others), in order. */
  load(db: PrismaClient, scope: TenantScope, ids: readonly string[]): Promise<(IntegrationWithCredential | null)[]>;
  /** Forget everything after a write here, and tell the other replicas. */
  invalidate(): void;
  /** Forget everything because another replica wrote. */
  forget(): void;
}

/** Models whose writes can change what a cached entry says. */
export const cachedModels: ReadonlySet<string> = new Set(["Integration", "Credential", "Account", "Organization"]);

/** `ttlMs` must be positive. */
export function createIntegrationCache(options: { ttlMs?: number; maxEntries?: number; broadcast?: () => void } = {}): IntegrationCache {
  const entries = new LRUCache<string, IntegrationWithCredential>({ max: options.maxEntries ?? 50_000, ttl: options.ttlMs ?? 5_000 });
  let generation = 0;

  const forget = () => {
    generation++;
    entries.clear();
  };

  return {
    async load(db, scope, ids) {
      const found = new Map<string, IntegrationWithCredential>();
      const missing: string[] = [];
      for (const id of ids) {
        const row = entries.get(id);
        if (row) found.set(id, row);
        else missing.push(id);
      }
      if (missing.length > 0) {
        const startedAt = generation;
        const rows = await db.integration.findMany({ where: { id: { in: missing } }, include: { credential: true } });
        for (const row of rows) {
          found.set(row.id, row);
          if (generation !== startedAt) continue;
          entries.set(row.id, row);
        }
      }
      return ids.map((id) => {
        const row = found.get(id);
        return row && withinScope("Integration", scope, row) ? row : null;
      });
    },
    invalidate() {
      forget();
      options.broadcast?.();
    },
    forget,
  };
}
