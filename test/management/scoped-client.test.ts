import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedTenant, startGateway, type TestGateway } from "../helpers/gateway.ts";
import type { TenantScope } from "../../src/db/tenant-scope.ts";

/** The scoped client itself, below GraphQL: every way a service can reach a row goes through the scope. */
describe("a tenant-scoped client", () => {
  let gateway: TestGateway;
  let ours: TenantScope;
  let theirAccountId: string;

  beforeAll(async () => {
    gateway = await startGateway();
    const a = await seedTenant(gateway);
    const b = await seedTenant(gateway);
    ours = { tenantId: a.tenantId, organizationId: a.organizationId, accountIds: null };
    const theirs = gateway.app.services.scoped({ tenantId: b.tenantId, organizationId: b.organizationId, accountIds: null });
    theirAccountId = (await theirs.account.create({ data: { name: "theirs", fullname: "Theirs" } as never })).id;
    await gateway.app.services.scoped(ours).account.create({ data: { name: "ours", fullname: "Ours" } as never });
  });
  afterAll(() => gateway.stop());

  it("reads only its own tenant's rows, by list and by id", async () => {
    const db = gateway.app.services.scoped(ours);
    expect((await db.account.findMany({ select: { name: true } })).map((row) => row.name)).toEqual(["ours"]);
    expect(await db.account.findUnique({ where: { id: theirAccountId } })).toBeNull();
    expect(await db.account.count({ where: { id: theirAccountId } })).toBe(0);
  });

  it("cannot change another tenant's row", async () => {
    const db = gateway.app.services.scoped(ours);
    expect((await db.account.updateMany({ where: { id: theirAccountId }, data: { fullname: "Taken" } })).count).toBe(0);
    expect((await db.account.deleteMany({ where: { id: theirAccountId } })).count).toBe(0);
    const row = await gateway.app.database.prisma.account.findUnique({ where: { id: theirAccountId } });
    expect(row?.fullname).toBe("Theirs");
  });

  it("scopes the client an interactive transaction hands its body", async () => {
    const db = gateway.app.services.scoped(ours);
    const seen = await db.$transaction(async (tx) => ({
      names: (await tx.account.findMany({ select: { name: true } })).map((row) => row.name),
      theirs: await tx.account.findUnique({ where: { id: theirAccountId } }),
      updated: (await tx.account.updateMany({ where: { id: theirAccountId }, data: { fullname: "Taken" } })).count,
    }));
    expect(seen).toEqual({ names: ["ours"], theirs: null, updated: 0 });
  });

  it("stamps its own tenant on what it creates", async () => {
    const db = gateway.app.services.scoped(ours);
    const created = await db.account.create({ data: { name: "stamped", fullname: "Stamped", tenantId: theirAccountId } as never });
    const row = await gateway.app.database.prisma.account.findUnique({ where: { id: created.id } });
    expect({ tenantId: row?.tenantId, organizationId: row?.organizationId }).toEqual({ tenantId: ours.tenantId, organizationId: ours.organizationId });
  });

  it("refuses to be extended, since an extension's own queries would escape the scope", () => {
    const db = gateway.app.services.scoped(ours);
    expect(() => db.$extends({})).toThrow(/cannot be extended/);
  });
});
