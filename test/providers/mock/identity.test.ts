/** The mock identity adapter: lifecycle status rules, groups and members, and the audit log as OCSF events. */
import { describe, expect, it } from "vitest";
import { identityMock } from "../../../providers/mock/identity.ts";
import { decideDisable, decideEnable, decidePasswordExpiry } from "../../../providers/mock/user-lifecycle.ts";
import type { IdentityUserStatus } from "../../../providers/types.ts";
import { all, mockAdapter } from "./harness.ts";

const page = { limit: 50, cursor: null };
const statusAfter = (decision: ReturnType<typeof decideEnable>) => (decision.kind === "move" ? decision.status : decision.kind);

describe("lifecycle decisions, as the Okta adapter's", () => {
  const table: Record<IdentityUserStatus, [enable: string, suspend: string, deactivate: string, expirePassword: string]> = {
    ACTIVE: ["none", "SUSPENDED", "DEPROVISIONED", "PASSWORD_EXPIRED"],
    STAGED: ["PROVISIONED", "none", "DEPROVISIONED", "refuse"],
    PROVISIONED: ["none", "refuse", "DEPROVISIONED", "refuse"],
    RECOVERY: ["none", "refuse", "DEPROVISIONED", "PASSWORD_EXPIRED"],
    PASSWORD_EXPIRED: ["none", "refuse", "DEPROVISIONED", "PASSWORD_EXPIRED"],
    LOCKED_OUT: ["ACTIVE", "refuse", "DEPROVISIONED", "PASSWORD_EXPIRED"],
    SUSPENDED: ["ACTIVE", "none", "DEPROVISIONED", "refuse"],
    DEPROVISIONED: ["PROVISIONED", "none", "none", "refuse"],
  };
  it.each(Object.entries(table))("%s", (status, expected) => {
    const from = status as IdentityUserStatus;
    const outcomes = [decideEnable(from), decideDisable(from, "SUSPEND"), decideDisable(from, "DEACTIVATE"), decidePasswordExpiry(from)];
    expect(outcomes.map(statusAfter)).toEqual(expected);
  });
});

describe("identity_mock lifecycle actions", () => {
  it("change the user's status, visible to later reads in that integration only, and log each change", async () => {
    const key = `identity-${Date.now()}`;
    const adapter = mockAdapter(identityMock, key);
    await adapter.disableUser("00u0mock", "SUSPEND");
    expect((await mockAdapter(identityMock, key).getUser("00u0mock")).status).toBe("SUSPENDED");
    expect((await mockAdapter(identityMock).getUser("00u0mock")).status).toBe("ACTIVE");
    await adapter.enableUser("00u0mock");
    await adapter.forcePasswordReset("00u0mock");
    await adapter.expireAllSessions("00u0mock");
    await adapter.enableUser("00u5mock");
    expect((await adapter.getUser("00u0mock")).status).toBe("PASSWORD_EXPIRED");
    expect((await adapter.getUser("00u5mock")).status).toBe("ACTIVE");

    const log = await adapter.queryAuditLog({ ...page, since: "2026-06-01T00:00:00Z" });
    expect(log.items.map((event) => [event.ocsf.type_uid, event.ocsf.user?.uid])).toEqual([
      [300199, "00u5mock"],
      [300202, "00u0mock"],
      [300104, "00u0mock"],
      [300102, "00u0mock"],
      [300105, "00u0mock"],
    ]);
  });

  it("refuse a change the user's status does not allow, and an unknown user", async () => {
    const adapter = mockAdapter(identityMock);
    await expect(adapter.disableUser("00u5mock", "SUSPEND")).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      message: "Only ACTIVE users can be suspended and this user is LOCKED_OUT; to disable them anyway, use mode DEACTIVATE, which deprovisions them from every app",
    });
    await expect(adapter.forcePasswordReset("00u1mock")).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
    expect((await adapter.getUser("00u5mock")).status).toBe("LOCKED_OUT");
    for (const action of [adapter.enableUser, adapter.forcePasswordReset, adapter.expireAllSessions]) {
      await expect(action("00u9mock")).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await expect(adapter.disableUser("00u9mock", "DEACTIVATE")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("deactivate a user Okta would not suspend, logged as a Disable, and activate them again on enable", async () => {
    const adapter = mockAdapter(identityMock);
    await adapter.forcePasswordReset("00u0mock");
    await adapter.disableUser("00u0mock", "DEACTIVATE");
    expect((await adapter.getUser("00u0mock")).status).toBe("DEPROVISIONED");
    await adapter.disableUser("00u0mock", "DEACTIVATE");
    await adapter.enableUser("00u0mock");
    expect((await adapter.getUser("00u0mock")).status).toBe("PROVISIONED");

    const log = await adapter.queryAuditLog({ ...page, since: "2026-06-01T00:00:00Z" });
    expect(log.items.map((event) => [event.ocsf.type_uid, event.ocsf.activity_name, (event.raw as { eventType: string }).eventType])).toEqual([
      [300102, "Enable", "user.lifecycle.activate"],
      [300105, "Disable", "user.lifecycle.deactivate"],
      [300104, "Password Reset", "user.account.expire_password"],
    ]);
  });
});

describe("identity_mock groups", () => {
  it("reads a group and pages through its members, with their current status", async () => {
    const adapter = mockAdapter(identityMock);
    expect(await adapter.getGroup("00g3mock")).toMatchObject({ name: "Salesforce users", type: "APP_GROUP" });
    expect((await all((request) => adapter.listGroupMembers("00g0mock", request))).map((user) => user.id)).toHaveLength(8);
    await adapter.enableUser("00u6mock");
    expect((await adapter.listGroupMembers("00g3mock", page)).items.map((user) => [user.id, user.status])).toEqual([
      ["00u2mock", "PROVISIONED"],
      ["00u6mock", "ACTIVE"],
    ]);
    await expect(adapter.getGroup("00g9mock")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(adapter.listGroupMembers("00g9mock", page)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("identity_mock audit log", () => {
  it("serves OCSF 1.3 events of the three classes, newest first, with the record as raw", async () => {
    const events = await all((request) => mockAdapter(identityMock).queryAuditLog(request));
    expect(events.map((event) => event.ocsf.type_uid)).toEqual([300202, 300105, 300109, 300201, 300201, 300603, 300101]);
    const failedLogon = events[3]!;
    expect(failedLogon.ocsf).toMatchObject({ class_uid: 3002, class_name: "Authentication", activity_id: 1, severity_id: 3, status_id: 2, user: { uid: "00u5mock" }, actor: { user: { uid: "00u5mock" } } });
    expect(failedLogon.ocsf.time).toBe(Date.parse("2026-01-05T09:30:00.000Z"));
    expect(events[5]!.ocsf).toMatchObject({ class_name: "Group Management", group: { uid: "00g1mock", name: "Engineering" }, user: { uid: "00u0mock" } });
    expect(failedLogon.raw).toMatchObject({ eventType: "user.session.start", outcome: "FAILURE" });
  });

  it("keeps [since, until) and the wanted event types, and refuses a window that ends before it starts", async () => {
    const adapter = mockAdapter(identityMock);
    const types = async (query: { since?: string; until?: string; eventTypes?: string[] }) => (await adapter.queryAuditLog({ ...page, ...query })).items.map((event) => event.raw);
    expect(await types({ since: "2026-01-05T09:30:00.000Z", until: "2026-01-07T09:30:00.000Z" })).toMatchObject([{ uuid: "mock-log-4" }, { uuid: "mock-log-3" }]);
    expect(await types({ eventTypes: ["user.session.start", "user.session.end"] })).toMatchObject([{ uuid: "mock-log-6" }, { uuid: "mock-log-3" }, { uuid: "mock-log-2" }]);
    await expect(types({ since: "2026-02-01T00:00:00Z", until: "2026-01-01T00:00:00Z" })).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
  });
});
