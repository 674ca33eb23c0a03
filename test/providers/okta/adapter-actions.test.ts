/** The Okta adapter's lifecycle actions and verify against the simulator, with Okta's status rules and errors. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ids } from "../../fixtures/okta/index.ts";
import { type OktaHarness, startOktaHarness } from "./harness.ts";

let h: OktaHarness;
beforeEach(async () => {
  h = await startOktaHarness();
});
afterEach(() => h.sim.close());

const statusOf = (id: string) => h.sim.state.users.find((user) => user.id === id)!.status;
const posts = () => h.sim.state.requests.filter((request) => request.method !== "GET").map((request) => `${request.method} ${request.path.replace(/^\/api\/v1\/users\/\w+/, "")}`);

describe("enableUser", () => {
  it.each([
    ["a suspended user is unsuspended", ids.users.ivan, "POST /lifecycle/unsuspend", "ACTIVE"],
    ["a locked-out user is unlocked", ids.users.heidi, "POST /lifecycle/unlock", "ACTIVE"],
    ["a staged user with a password is activated, to ACTIVE", ids.users.carol, "POST /lifecycle/activate", "ACTIVE"],
    ["a staged user without a password is activated, to PROVISIONED", ids.users.dan, "POST /lifecycle/activate", "PROVISIONED"],
    ["a deactivated user is activated again", ids.users.judy, "POST /lifecycle/activate", "ACTIVE"],
  ])("%s", async (_name, id, call, status) => {
    await h.adapter.enableUser(id);
    expect(posts()).toEqual([call]);
    expect(statusOf(id)).toBe(status);
  });

  it("activates a user with a password without mailing them", async () => {
    await h.adapter.enableUser(ids.users.carol);
    expect(h.sim.state.requests.at(-1)!.query).toEqual({ sendEmail: ["false"] });
  });

  it("has Okta mail the activation link to a user without a password, the only way they can finish", async () => {
    await h.adapter.enableUser(ids.users.dan);
    expect(h.sim.state.requests.at(-1)!.query).toEqual({ sendEmail: ["true"] });
  });

  it("changes nothing for users who are not blocked by an admin", async () => {
    for (const id of [ids.users.alice, ids.users.erin, ids.users.grace, ids.users.frank]) await h.adapter.enableUser(id);
    expect(posts()).toEqual([]);
    expect([ids.users.alice, ids.users.erin, ids.users.grace, ids.users.frank].map(statusOf)).toEqual(["ACTIVE", "PROVISIONED", "PASSWORD_EXPIRED", "RECOVERY"]);
  });
});

describe("disableUser, SUSPEND mode", () => {
  it("suspends an active user, and enabling undoes it", async () => {
    await h.adapter.disableUser(ids.users.alice, "SUSPEND");
    expect(statusOf(ids.users.alice)).toBe("SUSPENDED");
    await h.adapter.enableUser(ids.users.alice);
    expect(statusOf(ids.users.alice)).toBe("ACTIVE");
    expect(posts()).toEqual(["POST /lifecycle/suspend", "POST /lifecycle/unsuspend"]);
  });

  it("is a no-op for users who already cannot sign in", async () => {
    for (const id of [ids.users.ivan, ids.users.judy, ids.users.carol]) await h.adapter.disableUser(id, "SUSPEND");
    expect(posts()).toEqual([]);
  });

  it("refuses, naming DEACTIVATE and without calling it, for users Okta will not suspend", async () => {
    await expect(h.adapter.disableUser(ids.users.grace, "SUSPEND")).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      message: expect.stringMatching(/PASSWORD_EXPIRED.*use mode DEACTIVATE/),
    });
    await expect(h.adapter.disableUser(ids.users.heidi, "SUSPEND")).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
    expect(posts()).toEqual([]);
  });

  it("is written to the System Log, which reads back as OCSF Disable", async () => {
    const now = new Date();
    await h.adapter.disableUser(ids.users.bob, "SUSPEND");
    // `until` is exclusive and defaults to this millisecond, which may be the suspend's own; bound it explicitly.
    const window = { since: new Date(now.getTime() - 60_000).toISOString(), until: new Date(now.getTime() + 60_000).toISOString() };
    const page = await h.adapter.queryAuditLog({ ...window, eventTypes: ["user.lifecycle.suspend"], limit: 10, cursor: null });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]!.ocsf).toMatchObject({ type_uid: 300105, activity_name: "Disable", user: { uid: ids.users.bob }, actor: { user: { uid: ids.users.ada } } });
  });
});

describe("disableUser, DEACTIVATE mode", () => {
  it("deactivates users in the statuses Okta will not suspend, without mailing them", async () => {
    const stillAbleToSignIn = [ids.users.grace, ids.users.heidi, ids.users.erin, ids.users.frank];
    for (const id of stillAbleToSignIn) await h.adapter.disableUser(id, "DEACTIVATE");
    expect(stillAbleToSignIn.map(statusOf)).toEqual(["DEPROVISIONED", "DEPROVISIONED", "DEPROVISIONED", "DEPROVISIONED"]);
    expect(posts()).toEqual(Array(4).fill("POST /lifecycle/deactivate"));
    expect(h.sim.state.requests.filter((request) => request.method === "POST").map((request) => request.query)).toEqual(Array(4).fill({ sendEmail: ["false"] }));
  });

  it("disables a user right after a forced password reset, where SUSPEND is refused, and enabling activates them again", async () => {
    await h.adapter.forcePasswordReset(ids.users.alice);
    await expect(h.adapter.disableUser(ids.users.alice, "SUSPEND")).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
    await h.adapter.disableUser(ids.users.alice, "DEACTIVATE");
    expect(statusOf(ids.users.alice)).toBe("DEPROVISIONED");
    await h.adapter.enableUser(ids.users.alice);
    expect(statusOf(ids.users.alice)).toBe("ACTIVE");
    expect(posts()).toEqual(["POST /lifecycle/expire_password", "POST /lifecycle/deactivate", "POST /lifecycle/activate"]);
  });

  it("deactivates a suspended user, and is a no-op for one already deactivated", async () => {
    await h.adapter.disableUser(ids.users.ivan, "DEACTIVATE");
    await h.adapter.disableUser(ids.users.judy, "DEACTIVATE");
    expect([statusOf(ids.users.ivan), statusOf(ids.users.judy)]).toEqual(["DEPROVISIONED", "DEPROVISIONED"]);
    expect(posts()).toEqual(["POST /lifecycle/deactivate"]);
  });

  it("is written to the System Log, which reads back as OCSF Disable", async () => {
    const now = new Date();
    await h.adapter.disableUser(ids.users.grace, "DEACTIVATE");
    const window = { since: new Date(now.getTime() - 60_000).toISOString(), until: new Date(now.getTime() + 60_000).toISOString() };
    const page = await h.adapter.queryAuditLog({ ...window, eventTypes: ["user.lifecycle.deactivate"], limit: 10, cursor: null });
    expect(page.items.map((event) => event.ocsf)).toMatchObject([{ type_uid: 300105, activity_name: "Disable", user: { uid: ids.users.grace } }]);
  });
});

describe("forcePasswordReset and expireAllSessions", () => {
  it("expires the password, so the user must choose a new one at next sign-in", async () => {
    await h.adapter.forcePasswordReset(ids.users.alice);
    expect(posts()).toEqual(["POST /lifecycle/expire_password"]);
    expect(statusOf(ids.users.alice)).toBe("PASSWORD_EXPIRED");
  });

  it("answers BAD_USER_INPUT, in its own words, when Okta refuses for the user's status", async () => {
    const error = await h.adapter.forcePasswordReset(ids.users.dan).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "BAD_USER_INPUT", message: "Okta cannot expire the user's password while the user is in their current status", details: { httpStatus: 403, providerCode: "E0000038" } });
  });

  it("ends every session and revokes OAuth tokens (204)", async () => {
    await h.adapter.expireAllSessions(ids.users.alice);
    expect(posts()).toEqual(["DELETE /sessions"]);
    expect(h.sim.state.requests[0]!.query).toEqual({ oauthTokens: ["true"] });
    expect(h.sim.state.sessionRevocations).toEqual([{ userId: ids.users.alice, oauthTokens: true, forgetDevices: true }]);
    expect(h.sim.state.sessions.get(ids.users.alice)).toBe(0);
  });

  it("answers NOT_FOUND for unknown users, without sending any change", async () => {
    await expect(h.adapter.enableUser("00uNoSuchUser0000g4")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(h.adapter.expireAllSessions("00uNoSuchUser0000g4")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(h.adapter.forcePasswordReset("x/../y")).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
  });
});

describe("credentials and verify", () => {
  it("verifies an API token with /users/me", async () => {
    await expect(h.adapter.verify()).resolves.toBeUndefined();
    expect(h.sim.state.requests).toEqual([expect.objectContaining({ method: "GET", path: "/api/v1/users/me", auth: "ssws" })]);
  });

  it("verifies an OAuth access token by listing one user, since a service app has no /users/me", async () => {
    const bearer = h.adapterWith({ authScheme: "Bearer" }, { type: "TOKEN", token: h.sim.credentials.accessToken });
    await expect(bearer.verify()).resolves.toBeUndefined();
    expect(h.sim.state.requests).toEqual([expect.objectContaining({ path: "/api/v1/users", query: { limit: ["1"] }, auth: "bearer" })]);
    expect((await bearer.getUser(ids.users.alice)).login).toBe("alice.smith@example.com");
  });

  it("answers PROVIDER_UNAUTHORIZED for a wrong token, or a token sent with the wrong scheme", async () => {
    const wrong = h.adapterWith({}, { type: "TOKEN", token: "00wrong" });
    await expect(wrong.verify()).rejects.toMatchObject({ code: "PROVIDER_UNAUTHORIZED", message: "Okta rejected the integration's token", details: { providerCode: "E0000011" } });
    const mixed = h.adapterWith({}, { type: "TOKEN", token: h.sim.credentials.accessToken });
    await expect(mixed.queryUsers({}, { limit: 1, cursor: null })).rejects.toMatchObject({ code: "PROVIDER_UNAUTHORIZED" });
  });

  it("answers PROVIDER_UNAUTHORIZED when a read-only admin's token tries a change", async () => {
    const readOnly = h.adapterWith({}, { type: "TOKEN", token: h.sim.credentials.readOnlyToken });
    await expect(readOnly.getUser(ids.users.alice)).resolves.toMatchObject({ status: "ACTIVE" });
    await expect(readOnly.disableUser(ids.users.alice, "SUSPEND")).rejects.toMatchObject({ code: "PROVIDER_UNAUTHORIZED", message: "The integration's Okta token may not suspend the user", details: { httpStatus: 403, providerCode: "E0000006" } });
    expect(statusOf(ids.users.alice)).toBe("ACTIVE");
  });
});
