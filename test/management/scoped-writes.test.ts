import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedTenant, startGateway, type TestGateway } from "../helpers/gateway.ts";
import type { TenantScope } from "../../src/db/tenant-scope.ts";

describe("writes through a tenant-scoped client", () => {
  let gateway: TestGateway;
  let scope: TenantScope;
  const events: string[] = [];

  beforeAll(async () => {
    gateway = await startGateway();
    const tenant = await seedTenant(gateway);
    scope = { tenantId: tenant.tenantId, organizationId: tenant.organizationId, accountIds: null };
    const cache = gateway.app.services.integrations;
    const invalidate = cache.invalidate.bind(cache);
    cache.invalidate = () => {
      events.push("cache dropped");
      invalidate();
    };
  });
  afterAll(() => gateway.stop());

  it("drop the integration cache at the statement, and again once the transaction around it committed", async () => {
    const db = gateway.app.services.scoped(scope);
    events.length = 0;
    await db.$transaction(async (tx) => {
      await tx.account.create({ data: { name: "scoped-write", fullname: "Scoped write" } as never });
      events.push("last statement done");
    });
    expect(events).toEqual(["cache dropped", "last statement done", "cache dropped"]);
  });

  it("do not drop it for a transaction that only read, nor for models it does not hold", async () => {
    const db = gateway.app.services.scoped(scope);
    events.length = 0;
    await db.$transaction(async (tx) => {
      await tx.account.findMany();
      await tx.auditEvent.create({ data: { actorType: "test", actorId: "test", action: "test", resourceType: "Test", outcome: "SUCCESS", requestId: "test" } as never });
    });
    expect(events).toEqual([]);
  });

  it("still run plain statements and raw queries as before", async () => {
    const db = gateway.app.services.scoped(scope);
    expect(await db.account.count({ where: { name: "scoped-write" } })).toBe(1);
    expect(await db.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
  });
});
