import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/index.ts";
import type { AuditEventsForTestQueryVariables } from "../generated/graphql.ts";
import { createAccount, createIntegration, createOrganizationToken, logon, seedAdminToken } from "../helpers/flows.ts";
import { errorCode, gql, seedTenant, startGateway, type SeededTenant, type TestGateway } from "../helpers/gateway.ts";
import { narrowedToken } from "./support.ts";
import { mutationTargets } from "../../src/services/mutation-targets.ts";

const AuditEventsQuery = graphql(`
  query AuditEventsForTest($first: Int, $after: String, $filter: AuditEventFilter) {
    auditEvents(first: $first, after: $after, filter: $filter) {
      edges {
        cursor
        node { id time actorType actorId tokenId action resourceType resourceId accountId integrationId outcome reason requestId remoteAddress }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const CreatePointForAuditMutation = graphql(`
  mutation CreateIntegrationPointForAuditTest($input: CreateIntegrationPointInput!) {
    createIntegrationPoint(input: $input) { integrationPoint { id } }
  }
`);

describe("audit events", () => {
  let gateway: TestGateway;
  let tenant: SeededTenant;
  let admin: string;
  let east: { id: string };
  let west: { id: string };
  let eastIntegrationId: string;
  let westIntegrationId: string;
  let pointId: string;

  const list = (token: string, variables: AuditEventsForTestQueryVariables = {}) => gql(gateway, AuditEventsQuery, { token, variables });
  const actions = (response: Awaited<ReturnType<typeof list>>) => response.body.data?.auditEvents.edges.map((edge) => edge.node.action);

  beforeAll(async () => {
    gateway = await startGateway();
    tenant = await seedTenant(gateway);
    admin = (await logon(gateway, tenant)).accessToken;
    east = await createAccount(gateway, admin, "east");
    west = await createAccount(gateway, admin, "west");
    eastIntegrationId = (await createIntegration(gateway, admin, east.id, "east-tickets")).integration.id;
    westIntegrationId = (await createIntegration(gateway, admin, west.id, "west-tickets")).integration.id;
    const point = await gql(gateway, CreatePointForAuditMutation, { token: admin, variables: { input: { name: "audited", connector: "TICKETING" } } });
    pointId = point.body.data?.createIntegrationPoint.integrationPoint.id ?? "";
  });
  afterAll(() => gateway.stop());

  it("lists the organization's events newest first, with who, what and how it ended", async () => {
    const response = await list(admin, { filter: { action: { startsWith: "accounts." } } });
    expect(actions(response)).toEqual(["accounts.create", "accounts.create"]);
    const [newest, oldest] = response.body.data?.auditEvents.edges.map((edge) => edge.node) ?? [];
    expect(newest).toMatchObject({ resourceType: "Account", resourceId: west.id, accountId: west.id, integrationId: null, outcome: "SUCCESS", reason: null });
    expect(newest).toMatchObject({ actorType: "MEMBER", actorId: tenant.memberId, remoteAddress: expect.any(String), requestId: expect.any(String) });
    expect(newest?.tokenId).toMatch(/^[0-9a-f-]{36}$/);
    expect(oldest?.resourceId).toBe(east.id);
    expect(Date.parse(newest?.time ?? "")).toBeGreaterThanOrEqual(Date.parse(oldest?.time ?? ""));
  });

  it("pages through events without gaps or repeats", async () => {
    const all = (await list(admin)).body.data?.auditEvents.edges.map((edge) => edge.node.id) ?? [];
    expect(all.length).toBeGreaterThanOrEqual(5);
    const first = await list(admin, { first: 2 });
    expect(first.body.data?.auditEvents.pageInfo.hasNextPage).toBe(true);
    const second = await list(admin, { first: 2, after: first.body.data?.auditEvents.pageInfo.endCursor });
    const paged = [...(first.body.data?.auditEvents.edges ?? []), ...(second.body.data?.auditEvents.edges ?? [])].map((edge) => edge.node.id);
    expect(paged).toEqual(all.slice(0, 4));
    expect(errorCode(await list(admin, { first: 500 }))).toBe("BAD_USER_INPUT");
  });

  it("filters by resource, account, integration, actor, outcome and time", async () => {
    expect(actions(await list(admin, { filter: { resourceType: ["IntegrationPoint"] } }))).toEqual(["integration-points.create"]);
    expect(actions(await list(admin, { filter: { resourceId: pointId } }))).toEqual(["integration-points.create"]);
    expect(actions(await list(admin, { filter: { accountId: [east.id] } }))).toEqual(["integrations.create", "accounts.create"]);
    expect(actions(await list(admin, { filter: { integrationId: [eastIntegrationId] } }))).toEqual(["integrations.create"]);
    expect(actions(await list(admin, { filter: { actorId: tenant.memberId, action: { eq: "integration-points.create" } } }))).toEqual(["integration-points.create"]);
    expect(actions(await list(admin, { filter: { actorId: "someone-else" } }))).toEqual([]);
    expect(actions(await list(admin, { filter: { outcome: ["FAILURE"] } }))).toEqual([]);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect(actions(await list(admin, { filter: { time: { from: future } } }))).toEqual([]);
    expect(actions(await list(admin, { filter: { time: { to: future }, accountId: [west.id] } }))).toEqual(["integrations.create", "accounts.create"]);
  });

  it("filters by several integrations at once, as by several accounts", async () => {
    const response = await list(admin, { filter: { integrationId: [eastIntegrationId, westIntegrationId], action: { eq: "integrations.create" } } });
    const concerned = response.body.data?.auditEvents.edges.map((edge) => edge.node.integrationId);
    expect(concerned).toEqual([westIntegrationId, eastIntegrationId]);
  });

  it("treats malformed ids in filters as matching nothing", async () => {
    expect(actions(await list(admin, { filter: { accountId: ["not-a-uuid"] } }))).toEqual([]);
    expect(actions(await list(admin, { filter: { integrationId: ["not-a-uuid"] } }))).toEqual([]);
  });

  it("records refused mutations as DENIED, under the action their success would have had", async () => {
    const viewer = await narrowedToken(gateway, admin, { permissionSet: "VIEWER" });
    expect(errorCode(await gql(gateway, CreatePointForAuditMutation, { token: viewer, variables: { input: { name: "nope", connector: "TICKETING" } } }))).toBe("FORBIDDEN");
    const denied = await list(admin, { filter: { outcome: ["DENIED"] } });
    expect(denied.body.data?.auditEvents.edges.map((edge) => edge.node)).toEqual([
      expect.objectContaining({ action: "integration-points.create", resourceType: "IntegrationPoint", outcome: "DENIED", reason: "FORBIDDEN" }),
    ]);
  });

  it("shows a token restricted to one account only that account's events", async () => {
    const eastOnly = await narrowedToken(gateway, admin, { permissionSet: "VIEWER", accountIds: [east.id] });
    const seen = (await list(eastOnly)).body.data?.auditEvents.edges.map((edge) => edge.node) ?? [];
    expect(seen.map((event) => event.action)).toEqual(["integrations.create", "accounts.create"]);
    expect(seen.every((event) => event.accountId === east.id)).toBe(true);

    const asked = await list(eastOnly, { filter: { accountId: [west.id] } });
    expect(asked.body.errors).toBeUndefined();
    expect(actions(asked)).toEqual([]);
    expect(actions(await list(eastOnly, { filter: { resourceId: pointId } }))).toEqual([]);

    const everything = (await list(admin)).body.data?.auditEvents.edges.map((edge) => edge.node.accountId) ?? [];
    expect(everything).toContain(west.id);
    expect(everything).toContain(null);
  });

  it("keeps tenants apart and refuses tokens without audit:read", async () => {
    const otherAdmin = await seedAdminToken(gateway);
    const theirs = (await list(otherAdmin)).body.data?.auditEvents.edges.map((edge) => edge.node) ?? [];
    expect(theirs.map((event) => event.accountId).filter((id) => id === east.id || id === west.id)).toEqual([]);
    expect(theirs.map((event) => event.resourceId)).not.toContain(pointId);

    const issuer = await narrowedToken(gateway, admin, { permissionSet: "TOKEN_ISSUER" });
    const refused = await list(issuer);
    expect(errorCode(refused)).toBe("FORBIDDEN");
    expect(refused.body.data).toBeNull();
    const integrationToken = (await createIntegration(gateway, admin, east.id, "east-more")).tokens.accessToken;
    expect(errorCode(await list(integrationToken))).toBe("FORBIDDEN");
  });

  it("names every action `<resource>.<verb>` in lower-case words joined by hyphens, multi-word verbs included", async () => {
    const fresh = await seedTenant(gateway);
    const session = (await logon(gateway, fresh)).accessToken;
    const mutate = async (mutation: string, input: Record<string, unknown>) => {
      const response = await gql<Record<string, never>>(gateway, mutation, { token: session, variables: { input } });
      expect(response.body.errors).toBeUndefined();
    };
    const account = await createAccount(gateway, session, "spelled");
    const { integration } = await createIntegration(gateway, session, account.id, "spelled-tickets");
    await mutate("mutation($input: CreateIntegrationTokenInput!) { createIntegrationToken(input: $input) { tokens { refreshTokenId } } }", { integrationId: integration.id });
    const minted = await createOrganizationToken(gateway, session, { permissionSet: "VIEWER" });
    const id = minted.body.data?.createOrganizationToken.tokens.refreshTokenId;
    await mutate("mutation($input: RefreshTokenIdInput!) { rotateRefreshToken(input: $input) { tokens { refreshTokenId } } }", { id });
    await mutate("mutation($input: RefreshTokenIdInput!) { removeSecondaryTokenPair(input: $input) { refreshTokenId } }", { id });
    await mutate("mutation($input: ChangePasswordInput!) { changePassword(input: $input) { changed } }", { oldPassword: fresh.password, newPassword: "another-long-enough-password" });

    const recorded = actions(await list(session)) ?? [];
    expect(recorded).toEqual(
      expect.arrayContaining(["auth.change-password", "tokens.remove-secondary", "tokens.rotate", "tokens.create-organization-token", "tokens.create-integration-token"]),
    );
    // Refused and failed attempts are recorded under the names mutationTargets gives them.
    const spelled = /^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*$/;
    for (const action of [...recorded, ...Object.values(mutationTargets).map((target) => target.action)]) expect(action).toMatch(spelled);
  });
});
