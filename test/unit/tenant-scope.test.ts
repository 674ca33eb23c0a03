import { describe, expect, it } from "vitest";
import { applyScope } from "../../src/db/tenant-scope.ts";

const scope = { tenantId: "t1", organizationId: "o1", accountIds: null };
const restricted = { ...scope, accountIds: ["a1"] };

describe("applyScope", () => {
  it("adds tenant and organization to every read, keeping the caller's own conditions", () => {
    expect(applyScope("Account", "findMany", { where: { name: "x" } }, scope)).toEqual({
      where: { name: "x", AND: [{ tenantId: "t1", organizationId: "o1" }] },
    });
  });

  it("cannot be widened by a caller's tenantId or OR condition", () => {
    const scoped = applyScope("Integration", "findFirst", { where: { tenantId: "t2", OR: [{ id: "x" }] } }, scope);
    expect(scoped.where?.AND).toEqual([{ tenantId: "t1", organizationId: "o1" }]);
  });

  it("narrows account-owned models to the token's accounts", () => {
    expect(applyScope("Account", "findUnique", { where: { id: "a2" } }, restricted).where?.AND).toEqual([
      { tenantId: "t1", organizationId: "o1", id: { in: ["a1"] } },
    ]);
    expect(applyScope("Integration", "count", {}, restricted).where?.AND).toEqual([
      { tenantId: "t1", organizationId: "o1", accountId: { in: ["a1"] } },
    ]);
  });

  it("stamps tenant and organization on creates, overriding anything given", () => {
    expect(applyScope("Account", "create", { data: { name: "x", tenantId: "t2" } }, scope).data).toEqual({
      name: "x",
      tenantId: "t1",
      organizationId: "o1",
    });
  });

  it("refuses to create an account-owned row outside a restricted token's accounts", () => {
    expect(() => applyScope("Integration", "create", { data: { accountId: "a2" } }, restricted)).toThrow(/outside/);
  });

  it("scopes updates and deletes like reads", () => {
    expect(applyScope("Member", "deleteMany", { where: {} }, scope).where?.AND).toEqual([{ tenantId: "t1", organizationId: "o1" }]);
  });
});
