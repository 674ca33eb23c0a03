import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ids } from "../fixtures/okta/index.ts";
import { createAccount, createIntegration, logon } from "../helpers/flows.ts";
import { errorCode, gql, seedTenant, startGateway, type TestGateway } from "../helpers/gateway.ts";
import { startOktaSimulator, type OktaSimulator } from "../simulators/okta/index.ts";
import { connectorClient, expectNoLeak, pageThrough } from "./connector-api.ts";
import * as okta from "./okta-documents.ts";

/** The fixture System Log spans 2026-11-20 08:00 to 2026-11-22 10:31; lifecycle calls made by tests log events later. */
const fixtureWindow = { since: "2026-11-20T00:00:00.000Z", until: "2026-11-22T12:00:00.000Z" };

describe("Okta through the gateway", () => {
  let gateway: TestGateway;
  let sim: OktaSimulator;
  let adminToken: string;
  let accountId: string;
  let token: string;
  const call = connectorClient(() => gateway, () => token);
  const simUser = (id: string) => sim.state.users.find((user) => user.id === id);
  const oktaIntegration = async (name: string, apiToken: string) =>
    createIntegration(gateway, adminToken, accountId, name, {
      identityOkta: { orgUrl: "https://acme.okta.com", apiBaseUrl: sim.url, credential: { token: { token: apiToken } } },
    });

  beforeAll(async () => {
    sim = await startOktaSimulator();
    gateway = await startGateway({ SWITCHYARD_ALLOW_PRIVATE_NETWORKS: "true" });
    const tenant = await seedTenant(gateway);
    adminToken = (await logon(gateway, tenant)).accessToken;
    accountId = (await createAccount(gateway, adminToken, "acme")).id;
    token = (await oktaIntegration("okta", sim.credentials.apiToken)).tokens.accessToken;
  });
  afterAll(async () => {
    await gateway.stop();
    await sim.close();
  });

  it("pages through every user with Relay cursors until hasNextPage is false, without duplicates", async () => {
    const { nodes, pages } = await pageThrough(
      (after) => call(okta.UsersQuery, { first: 5, after }),
      (data) => data.identityUsers,
    );
    const userIds = nodes.map((user) => user.id);
    // Every user of the org, DEPROVISIONED judy too (Okta's plain list would leave her out).
    expect(userIds).toHaveLength(13);
    expect(new Set(userIds).size).toBe(13);
    expect(userIds).toContain(ids.users.judy);
    expect(pages).toBe(3);
    const followed = sim.state.requests.filter((request) => request.path === "/api/v1/users" && request.query.after);
    expect(followed).toHaveLength(2);
    expect(nodes.find((user) => user.id === ids.users.alice)).toMatchObject({
      login: "alice.smith@example.com",
      email: "alice.smith@example.com",
      firstName: "Alice",
      lastName: "Smith",
      displayName: "Alice Smith",
      status: "ACTIVE",
    });
  });

  it("resumes after any edge's cursor, not only the last one of a page", async () => {
    const first = await call(okta.UsersQuery, { first: 5 });
    const edges = first.body.data?.identityUsers.edges ?? [];
    expect(edges).toHaveLength(5);
    const resumed = await call(okta.UsersQuery, { first: 5, after: edges[1]?.cursor });
    expect(resumed.body.errors).toBeUndefined();
    const all = await call(okta.UsersQuery, { first: 50 });
    const everyId = all.body.data?.identityUsers.edges.map((edge) => edge.node.id) ?? [];
    expect(resumed.body.data?.identityUsers.edges.map((edge) => edge.node.id)).toEqual(everyId.slice(2, 7));
  });

  it("filters users by status, DEPROVISIONED included, and by a search prefix", async () => {
    const deprovisioned = await call(okta.UsersQuery, { first: 50, filter: { status: ["DEPROVISIONED"] } });
    expect(deprovisioned.body.errors).toBeUndefined();
    expect(deprovisioned.body.data?.identityUsers.edges.map((edge) => edge.node)).toEqual([
      expect.objectContaining({ id: ids.users.judy, status: "DEPROVISIONED" }),
    ]);

    const blocked = await call(okta.UsersQuery, { first: 50, filter: { status: ["SUSPENDED", "LOCKED_OUT"] } });
    expect(blocked.body.data?.identityUsers.edges.map((edge) => edge.node.id).sort()).toEqual([ids.users.heidi, ids.users.ivan].sort());

    const searched = await call(okta.UsersQuery, { first: 50, filter: { search: "grace" } });
    expect(searched.body.data?.identityUsers.edges.map((edge) => edge.node.login)).toEqual(["grace.hopper@example.com"]);

    const nobody = await call(okta.UsersQuery, { first: 50, filter: { search: "zz-nobody" } });
    expect(nobody.body.data?.identityUsers).toMatchObject({ edges: [], pageInfo: { hasNextPage: false } });
  });

  it("keeps a filter across pages", async () => {
    const { nodes, pages } = await pageThrough(
      (after) => call(okta.UsersQuery, { first: 2, after, filter: { status: ["ACTIVE"] } }),
      (data) => data.identityUsers,
    );
    expect(pages).toBe(3);
    expect(nodes.every((user) => user.status === "ACTIVE")).toBe(true);
    expect(nodes.map((user) => user.id).sort()).toEqual([ids.users.ada, ids.users.alice, ids.users.bob, ids.users.svc, ids.users.olivia].sort());
  });

  it("reads one user, and answers NOT_FOUND for an unknown id", async () => {
    const found = await call(okta.UserQuery, { id: ids.users.grace });
    expect(found.body.errors).toBeUndefined();
    expect(found.body.data?.identityUser).toMatchObject({ id: ids.users.grace, login: "grace.hopper@example.com", status: "PASSWORD_EXPIRED", displayName: "Grace Hopper" });
    expect(found.body.data?.identityUser.raw).toMatchObject({ id: ids.users.grace });

    const missing = await call(okta.UserQuery, { id: "00uNoSuchUser0000000" });
    expect(errorCode(missing)).toBe("NOT_FOUND");
    const invalid = await call(okta.UserQuery, { id: "../groups" });
    expect(errorCode(invalid)).toBe("BAD_USER_INPUT");
  });

  it("lists and filters groups, reads one, and pages through its members", async () => {
    const all = await call(okta.GroupsQuery, { first: 50 });
    expect(all.body.errors).toBeUndefined();
    expect(all.body.data?.identityGroups.edges).toHaveLength(6);

    const named = await call(okta.GroupsQuery, { first: 50, filter: { name: "Eng" } });
    expect(named.body.data?.identityGroups.edges.map((edge) => edge.node.name).sort()).toEqual(["Engineering", "Engineering Managers"]);
    const typed = await call(okta.GroupsQuery, { first: 50, filter: { type: "APP_GROUP" } });
    expect(typed.body.data?.identityGroups.edges.map((edge) => edge.node.id)).toEqual([ids.groups.domainAdmins]);

    const group = await call(okta.GroupQuery, { id: ids.groups.engineering });
    expect(group.body.data?.identityGroup).toMatchObject({ id: ids.groups.engineering, name: "Engineering", type: "OKTA_GROUP" });
    expect(errorCode(await call(okta.GroupQuery, { id: "00gNoSuchGroup000000" }))).toBe("NOT_FOUND");

    const members = await pageThrough(
      (after) => call(okta.MembersQuery, { groupId: ids.groups.engineering, first: 2, after }),
      (data) => data.identityGroupMembers,
    );
    expect(members.pages).toBe(3);
    expect(members.nodes.map((user) => user.id).sort()).toEqual([ids.users.alice, ids.users.bob, ids.users.grace, ids.users.heidi, ids.users.ivan].sort());
    const empty = await call(okta.MembersQuery, { groupId: ids.groups.contractors, first: 10 });
    expect(empty.body.data?.identityGroupMembers).toMatchObject({ edges: [], pageInfo: { hasNextPage: false } });
  });

  it("reads the System Log as OCSF events, newest first, with every page and an event-type filter", async () => {
    const { nodes, pages } = await pageThrough(
      (after) => call(okta.AuditLogQuery, { ...fixtureWindow, first: 5, after }),
      (data) => data.identityAuditLog,
    );
    expect(pages).toBe(3);
    expect(nodes).toHaveLength(14);
    const uids = nodes.map((event) => (event.ocsf as { metadata: { uid: string } }).metadata.uid);
    expect(new Set(uids).size).toBe(14);
    const times = nodes.map((event) => Date.parse(event.time));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const signIn = nodes.find((event) => (event.ocsf as { metadata: { uid: string } }).metadata.uid === "19def6e2-8f81-11ef-abcd-c1d0587aa3b3");
    expect(signIn).toMatchObject({ classUid: 3002, className: "Authentication", activityId: 1, activityName: "Logon", typeUid: 300201, statusId: 1 });
    expect(signIn?.ocsf).toMatchObject({
      class_uid: 3002,
      activity_id: 1,
      type_uid: 300201,
      status_id: 1,
      category_uid: 3,
      metadata: { version: "1.3.0", event_code: "user.session.start", original_time: "2026-11-20T08:00:01.123Z" },
    });
    const failedSignIn = nodes.find((event) => (event.ocsf as { metadata: { uid: string } }).metadata.uid === "39954903-9d38-11ef-d790-d5b57239c308");
    expect(failedSignIn).toMatchObject({ classUid: 3002, activityId: 1, statusId: 2 });

    const filtered = await call(okta.AuditLogQuery, { ...fixtureWindow, first: 50, eventTypes: ["user.lifecycle.suspend", "group.user_membership.add"] });
    expect(filtered.body.errors).toBeUndefined();
    const events = filtered.body.data?.identityAuditLog.edges.map((edge) => edge.node) ?? [];
    expect(events.map((event) => [event.classUid, event.activityId, event.typeUid, event.statusId])).toEqual([
      [3001, 5, 300105, 1],
      [3006, 3, 300603, 1],
    ]);
    expect(events.map((event) => (event.ocsf as { metadata: { event_code: string } }).metadata.event_code)).toEqual([
      "user.lifecycle.suspend",
      "group.user_membership.add",
    ]);
  });

  it("refuses a since later than until, or than now when until is not given, naming since, without asking Okta", async () => {
    const logCalls = () => sim.state.requests.filter((request) => request.path === "/api/v1/logs").length;
    const before = logCalls();
    for (const window of [{ since: fixtureWindow.until, until: fixtureWindow.since }, { since: "2999-01-01T00:00:00.000Z" }]) {
      const refused = await call(okta.AuditLogQuery, { ...window, first: 5 });
      expect(refused.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^since/), extensions: { code: "BAD_USER_INPUT", field: "since" } });
      expect(refused.body.data ?? null).toBeNull();
    }
    expect(logCalls()).toBe(before);
  });

  it("disables and re-enables a user, and refuses to disable one Okta cannot suspend", async () => {
    const disabled = await call(okta.DisableMutation, { input: { userId: ids.users.bob } });
    expect(disabled.body.errors).toBeUndefined();
    expect(disabled.body.data?.disableIdentityUser.userId).toBe(ids.users.bob);
    expect(simUser(ids.users.bob)?.status).toBe("SUSPENDED");
    expect((await call(okta.UserQuery, { id: ids.users.bob })).body.data?.identityUser.status).toBe("SUSPENDED");

    const enabled = await call(okta.EnableMutation, { input: { userId: ids.users.bob } });
    expect(enabled.body.errors).toBeUndefined();
    expect(simUser(ids.users.bob)?.status).toBe("ACTIVE");

    const refused = await call(okta.DisableMutation, { input: { userId: ids.users.grace } });
    expect(errorCode(refused)).toBe("BAD_USER_INPUT");
    expect(simUser(ids.users.grace)?.status).toBe("PASSWORD_EXPIRED");
    expect(sim.state.requests.some((request) => request.path === `/api/v1/users/${ids.users.grace}/lifecycle/suspend`)).toBe(false);
  });

  it("disables a user right after a forced password reset by deactivating them when asked, which the refusal to suspend points to", async () => {
    expect((await call(okta.ForceResetMutation, { input: { userId: ids.users.frank } })).body.errors).toBeUndefined();
    const refused = await call(okta.DisableMutation, { input: { userId: ids.users.frank } });
    expect(errorCode(refused)).toBe("BAD_USER_INPUT");
    expect(refused.body.errors?.[0]?.message).toContain("use mode DEACTIVATE");

    const deactivated = await call(okta.DisableMutation, { input: { userId: ids.users.frank }, mode: "DEACTIVATE" });
    expect(deactivated.body.errors).toBeUndefined();
    expect(simUser(ids.users.frank)?.status).toBe("DEPROVISIONED");
    expect((await call(okta.UserQuery, { id: ids.users.frank })).body.data?.identityUser.status).toBe("DEPROVISIONED");
    const deactivations = sim.state.requests.filter((request) => request.path === `/api/v1/users/${ids.users.frank}/lifecycle/deactivate`);
    expect(deactivations.map((request) => request.query)).toEqual([{ sendEmail: ["false"] }]);
  });

  it("enables a locked-out user and a staged one, without mailing them", async () => {
    expect((await call(okta.EnableMutation, { input: { userId: ids.users.heidi } })).body.errors).toBeUndefined();
    expect(simUser(ids.users.heidi)?.status).toBe("ACTIVE");

    expect((await call(okta.EnableMutation, { input: { userId: ids.users.carol } })).body.errors).toBeUndefined();
    expect(simUser(ids.users.carol)?.status).toBe("ACTIVE");
    const activation = sim.state.requests.find((request) => request.path === `/api/v1/users/${ids.users.carol}/lifecycle/activate`);
    expect(activation?.query.sendEmail).toEqual(["false"]);
  });

  it("forces a password reset and expires every session", async () => {
    const reset = await call(okta.ForceResetMutation, { input: { userId: ids.users.alice } });
    expect(reset.body.errors).toBeUndefined();
    expect(reset.body.data?.forceIdentityUserPasswordReset.userId).toBe(ids.users.alice);
    expect(simUser(ids.users.alice)?.status).toBe("PASSWORD_EXPIRED");

    expect(sim.state.sessions.get(ids.users.alice)).toBe(1);
    const expired = await call(okta.ExpireSessionsMutation, { input: { userId: ids.users.alice } });
    expect(expired.body.errors).toBeUndefined();
    expect(sim.state.sessions.get(ids.users.alice)).toBe(0);
    expect(sim.state.sessionRevocations).toContainEqual(expect.objectContaining({ userId: ids.users.alice, oauthTokens: true }));

    const unknown = await call(okta.ExpireSessionsMutation, { input: { userId: "00uNoSuchUser0000000" } });
    expect(errorCode(unknown)).toBe("NOT_FOUND");
  });

  it("waits out a 429 until X-Rate-Limit-Reset, and fails fast with the wait when the reset is far off", async () => {
    const path = `/api/v1/groups/${ids.groups.finance}`;
    const countCalls = () => sim.state.requests.filter((request) => request.path === path).length;
    sim.inject({ kind: "rate-limit", resetInSeconds: 1 }, { path });
    const before = countCalls();
    const started = Date.now();
    const waited = await call(okta.GroupQuery, { id: ids.groups.finance });
    expect(waited.body.errors).toBeUndefined();
    expect(waited.body.data?.identityGroup.name).toBe("Finance");
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(countCalls() - before).toBe(2);

    sim.inject({ kind: "rate-limit", resetInSeconds: 120 }, { path });
    const limitedAt = Date.now();
    const limited = await call(okta.GroupQuery, { id: ids.groups.finance });
    expect(Date.now() - limitedAt).toBeLessThan(2_000);
    expect(errorCode(limited)).toBe("PROVIDER_RATE_LIMITED");
    const retryAfter = limited.body.errors?.[0]?.extensions?.retryAfterSeconds;
    expect(retryAfter).toBeGreaterThanOrEqual(119);
    expect(retryAfter).toBeLessThanOrEqual(121);
    expect(countCalls() - before).toBe(3);
    expectNoLeak(limited, [sim.credentials.apiToken, "E0000047", "API call exceeded"]);
  });

  it("maps a refused token to PROVIDER_UNAUTHORIZED without echoing it; a read-only admin may read but not change users", async () => {
    const wrongToken = "00wrong-okta-token-canary";
    const bad = await oktaIntegration("okta-wrong-token", wrongToken);
    const refused = await call(okta.UsersQuery, { first: 1 }, bad.tokens.accessToken);
    expect(errorCode(refused)).toBe("PROVIDER_UNAUTHORIZED");
    expectNoLeak(refused, [wrongToken, "E0000011", "Invalid token provided"]);

    const readOnly = await oktaIntegration("okta-read-only", sim.credentials.readOnlyToken);
    const read = await call(okta.UserQuery, { id: ids.users.ivan }, readOnly.tokens.accessToken);
    expect(read.body.data?.identityUser.status).toBe("SUSPENDED");
    const change = await call(okta.EnableMutation, { input: { userId: ids.users.ivan } }, readOnly.tokens.accessToken);
    expect(errorCode(change)).toBe("PROVIDER_UNAUTHORIZED");
    expect(simUser(ids.users.ivan)?.status).toBe("SUSPENDED");
    expectNoLeak(change, [sim.credentials.readOnlyToken]);
  });

  it("records one status event per call, named by its operation id", async () => {
    const { integration, tokens } = await oktaIntegration("okta-status", sim.credentials.apiToken);
    const as = tokens.accessToken;
    const calls = [
      call(okta.UsersQuery, { first: 1 }, as),
      call(okta.UserQuery, { id: ids.users.ada }, as),
      call(okta.GroupsQuery, { first: 1 }, as),
      call(okta.GroupQuery, { id: ids.groups.everyone }, as),
      call(okta.MembersQuery, { groupId: ids.groups.everyone, first: 1 }, as),
      call(okta.AuditLogQuery, { ...fixtureWindow, first: 1 }, as),
      call(okta.EnableMutation, { input: { userId: ids.users.dan } }, as),
      call(okta.DisableMutation, { input: { userId: ids.users.olivia } }, as),
      call(okta.ForceResetMutation, { input: { userId: ids.users.svc } }, as),
      call(okta.ExpireSessionsMutation, { input: { userId: ids.users.ada } }, as),
    ];
    for (const response of calls) expect((await response).body.errors).toBeUndefined();
    expect(simUser(ids.users.dan)?.status).toBe("PROVISIONED");
    expect(simUser(ids.users.olivia)?.status).toBe("SUSPENDED");
    expect(simUser(ids.users.svc)?.status).toBe("PASSWORD_EXPIRED");

    await gateway.app.services.status.flush();
    const status = await gql(gateway, okta.StatusEventsQuery, { token: adminToken, variables: { id: integration.id } });
    expect(status.body.errors).toBeUndefined();
    const events = status.body.data?.statusEvents.edges.map((edge) => edge.node) ?? [];
    expect(events.map((event) => event.operation).sort()).toEqual(
      [
        "identity_query_users",
        "identity_get_user",
        "identity_query_groups",
        "identity_get_group",
        "identity_list_group_members",
        "identity_query_audit_log",
        "identity_enable_user",
        "identity_disable_user",
        "identity_force_password_reset",
        "identity_expire_sessions",
      ].sort(),
    );
    expect(events.every((event) => event.outcome === "SUCCESS" && event.errorCode === null)).toBe(true);
    expect(events.find((event) => event.operation === "identity_expire_sessions")?.httpStatus).toBe(204);
    expect(events.find((event) => event.operation === "identity_get_group")?.httpStatus).toBe(200);
  });
});
