/**
 * The official Okta SDK (@okta/okta-sdk-nodejs 8), pointed at the simulator, must get answers it can parse:
 * this keeps the simulator honest about the wire format independently of our adapter. v8 needs no https
 * or okta.com URL, so the simulator's http://127.0.0.1 origin is the orgUrl; the GET cache is switched off
 * so reads after lifecycle calls see the change.
 */
import { Client, OktaApiError } from "@okta/okta-sdk-nodejs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ids } from "../../fixtures/okta/index.ts";
import { type OktaSimulator, startOktaSimulator } from "../../simulators/okta/index.ts";

let sim: OktaSimulator;
let client: Client;

beforeAll(async () => {
  sim = await startOktaSimulator();
  client = new Client({ orgUrl: sim.url, token: sim.credentials.apiToken, cacheMiddleware: null });
});
afterAll(() => sim.close());

async function all<T>(collection: AsyncIterable<T | null>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of collection) if (item) items.push(item);
  return items;
}

describe("@okta/okta-sdk-nodejs against the simulator", () => {
  it("lists users across pages by following the Link header, with SSWS auth", async () => {
    const users = await all(await client.userApi.listUsers({ limit: 5 }));
    expect(users).toHaveLength(12);
    expect(users.every((user) => typeof user.id === "string" && user.created instanceof Date && !Number.isNaN(user.created.getTime()))).toBe(true);
    const requests = sim.state.requests.filter((request) => request.path === "/api/v1/users");
    expect(requests.map((request) => request.query.after?.[0] ?? null)).toEqual([null, users[4]!.id, users[9]!.id]);
    expect(requests.every((request) => request.auth === "ssws")).toBe(true);
  });

  it("searches users, DEPROVISIONED included", async () => {
    const users = await all(await client.userApi.listUsers({ search: 'status eq "DEPROVISIONED"' }));
    expect(users.map((user) => user.id)).toEqual([ids.users.judy]);
  });

  it("gets a user by id or login, custom profile attributes included", async () => {
    const user = await client.userApi.getUser({ userId: "alice.smith@example.com" });
    expect(user).toMatchObject({ id: ids.users.alice, status: "ACTIVE", profile: { login: "alice.smith@example.com", githubUsername: "asmith-acme" } });
    expect(user.lastLogin).toBeInstanceOf(Date);
    const missing = await client.userApi.getUser({ userId: "00uNoSuchUser0000g4" }).catch((caught: unknown) => caught);
    expect(missing).toBeInstanceOf(OktaApiError);
    expect(missing).toMatchObject({ status: 404, errorCode: "E0000007" });
  });

  it("lists groups, gets one, and pages its members", async () => {
    const groups = await all(await client.groupApi.listGroups({ search: 'type eq "OKTA_GROUP"', limit: 2 }));
    expect(groups.map((group) => group.profile?.name).sort()).toEqual(["Contractors", "Engineering", "Engineering Managers", "Finance"]);
    expect(await client.groupApi.getGroup({ groupId: ids.groups.domainAdmins })).toMatchObject({ type: "APP_GROUP", profile: { name: "Domain Admins" } });
    const members = await all(await client.groupApi.listGroupUsers({ groupId: ids.groups.engineering, limit: 2 }));
    expect(members).toHaveLength(5);
  });

  it("reads the System Log across pages, with version and postalCode as strings", async () => {
    const events = await all(await client.systemLogApi.listLogEvents({ since: "2026-11-01T00:00:00Z", until: "2026-11-23T00:00:00Z", limit: 4, sortOrder: "DESCENDING" }));
    expect(events).toHaveLength(14);
    expect(events.every((event) => event.version === "0" && event.published instanceof Date)).toBe(true);
    const boston = events.find((event) => event.eventType === "user.account.update_password");
    expect(boston?.client?.geographicalContext?.postalCode).toBe("02118");
    const mfa = events.find((event) => event.eventType === "user.authentication.auth_via_mfa");
    expect(mfa?.debugContext?.debugData).toMatchObject({ factor: "OKTA_VERIFY_PUSH" });
  });

  it("runs lifecycle operations with Okta's status codes, and sees Okta's errors for a wrong status", async () => {
    await client.userApi.suspendUser({ userId: ids.users.bob });
    expect((await client.userApi.getUser({ userId: ids.users.bob })).status).toBe("SUSPENDED");
    await client.userApi.unsuspendUser({ userId: ids.users.bob });
    await client.userApi.unlockUser({ userId: ids.users.heidi });
    expect(await client.userApi.activateUser({ userId: ids.users.dan, sendEmail: false })).toMatchObject({ activationToken: expect.any(String) });
    expect((await client.userApi.expirePassword({ userId: ids.users.olivia })).status).toBe("PASSWORD_EXPIRED");
    expect(await client.userApi.generateResetPasswordToken({ userId: ids.users.bob, sendEmail: false })).toMatchObject({ resetPasswordUrl: expect.any(String) });
    await expect(client.userApi.revokeUserSessions({ userId: ids.users.alice, oauthTokens: true })).resolves.toBeUndefined();
    await client.userApi.deactivateUser({ userId: ids.users.erin });
    const statuses = [ids.users.bob, ids.users.heidi, ids.users.dan, ids.users.erin].map((id) => sim.state.users.find((user) => user.id === id)!.status);
    expect(statuses).toEqual(["RECOVERY", "ACTIVE", "PROVISIONED", "DEPROVISIONED"]);

    const refused = await client.userApi.suspendUser({ userId: ids.users.grace }).catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(OktaApiError);
    expect(refused).toMatchObject({ status: 400, errorCode: "E0000001", errorCauses: [{ errorSummary: "Cannot suspend a user that is not active" }] });
  });

  it("backs off on 429 using X-Rate-Limit-Reset and Date, then succeeds", async () => {
    // The SDK waits until Reset plus a second of clock slack, so a window that reset a second ago costs one second.
    sim.inject({ kind: "rate-limit", resetInSeconds: -1 }, { path: `/api/v1/groups/${ids.groups.finance}` });
    const before = sim.state.requests.length;
    await expect(client.groupApi.getGroup({ groupId: ids.groups.finance })).resolves.toMatchObject({ profile: { name: "Finance" } });
    expect(sim.state.requests.length - before).toBe(2);
  });

  it("is refused with 401 E0000011 for a wrong token", async () => {
    const stranger = new Client({ orgUrl: sim.url, token: "00wrong", cacheMiddleware: null });
    const error = await stranger.userApi.getUser({ userId: ids.users.alice }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 401, errorCode: "E0000011" });
  });
});
