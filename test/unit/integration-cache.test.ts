/** The integration cache hands a remembered row only to scopes that could read it, and forgets on writes. */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createIntegrationCache } from "../../src/services/integration-cache.ts";
import type { PrismaClient } from "../../src/generated/prisma/client.ts";
import { withinScope } from "../../src/db/tenant-scope.ts";

const tenantId = randomUUID();
const organizationId = randomUUID();
const accountId = randomUUID();
const row = { id: randomUUID(), tenantId, organizationId, accountId, credential: null, name: "jira" };

function fakeDatabase() {
  const db = {
    reads: 0,
    name: "jira",
    integration: {
      findMany: async ({ where }: { where: { id: { in: string[] } } }) => {
        db.reads++;
        return where.id.in.includes(row.id) ? [{ ...row, name: db.name }] : [];
      },
    },
  };
  return db;
}

const asClient = (db: ReturnType<typeof fakeDatabase>) => db as unknown as PrismaClient;

describe("the integration cache", () => {
  it("reads once, then answers from memory for the same scope", async () => {
    const cache = createIntegrationCache();
    const db = fakeDatabase();
    const scope = { tenantId, organizationId, accountIds: [accountId] };
    expect((await cache.load(asClient(db), scope, [row.id]))[0]?.id).toBe(row.id);
    expect((await cache.load(asClient(db), scope, [row.id, randomUUID()])).map((found) => found?.id ?? null)).toEqual([row.id, null]);
    expect(db.reads).toBe(2);
    await cache.load(asClient(db), scope, [row.id]);
    expect(db.reads).toBe(2);
  });

  it("gives a remembered row to no other tenant, organization or account", async () => {
    const cache = createIntegrationCache();
    const db = fakeDatabase();
    await cache.load(asClient(db), { tenantId, organizationId, accountIds: null }, [row.id]);
    for (const scope of [
      { tenantId: randomUUID(), organizationId, accountIds: null },
      { tenantId, organizationId: randomUUID(), accountIds: null },
      { tenantId, organizationId, accountIds: [randomUUID()] },
    ]) {
      expect(await cache.load(asClient(db), scope, [row.id])).toEqual([null]);
    }
    expect(db.reads).toBe(1);
  });

  it("reads again after invalidate, and does not keep a read that overlapped a write", async () => {
    let broadcasts = 0;
    const cache = createIntegrationCache({ broadcast: () => broadcasts++ });
    const db = fakeDatabase();
    const scope = { tenantId, organizationId, accountIds: null };
    await cache.load(asClient(db), scope, [row.id]);
    db.name = "renamed";
    cache.invalidate();
    expect(broadcasts).toBe(1);
    expect((await cache.load(asClient(db), scope, [row.id]))[0]?.name).toBe("renamed");

    cache.forget();
    db.name = "during";
    const overlapping = cache.load(asClient(db), scope, [row.id]);
    cache.forget();
    await overlapping;
    db.name = "after";
    expect((await cache.load(asClient(db), scope, [row.id]))[0]?.name).toBe("after");
  });

  it("forgets entries older than its time to live", async () => {
    const cache = createIntegrationCache({ ttlMs: 1 });
    const db = fakeDatabase();
    const scope = { tenantId, organizationId, accountIds: null };
    await cache.load(asClient(db), scope, [row.id]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await cache.load(asClient(db), scope, [row.id]);
    expect(db.reads).toBe(2);
  });
});

describe("withinScope", () => {
  it("agrees with the scope filter on account-bound and organization rows", () => {
    const scope = { tenantId, organizationId, accountIds: [accountId] };
    expect(withinScope("Integration", scope, row)).toBe(true);
    expect(withinScope("Integration", scope, { ...row, accountId: randomUUID() })).toBe(false);
    expect(withinScope("Account", scope, { id: accountId, tenantId, organizationId })).toBe(true);
    expect(withinScope("Account", scope, { id: randomUUID(), tenantId, organizationId })).toBe(false);
    expect(withinScope("Organization", scope, { id: organizationId, tenantId })).toBe(true);
    expect(withinScope("Organization", scope, { id: randomUUID(), tenantId, parentId: organizationId })).toBe(true);
    expect(withinScope("Organization", scope, { id: randomUUID(), tenantId })).toBe(false);
    expect(withinScope("Member", { ...scope, accountIds: null }, { tenantId, organizationId })).toBe(true);
    expect(withinScope("Member", scope, { tenantId: randomUUID(), organizationId })).toBe(false);
  });
});
