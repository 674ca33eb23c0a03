/** A valid token reaches only its own layer, its own connector and its own tenant, over HTTP and graphql-ws. */
import { randomUUID } from "node:crypto";
import { print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/index.ts";
import { createAccount, createIntegration, CreateAccountMutation, CreateIntegrationMutation, createOrganizationToken, logon } from "../helpers/flows.ts";
import { errorCode, gql, seedTenant, type GraphQLResponse, type TestGateway } from "../helpers/gateway.ts";
import { accepted, AccountCountQuery, connectorProbe, createIntegrationToken, deleteRefreshToken, FirstTicketQuery, outcome, refreshTokenObjects } from "../helpers/probes.ts";
import { startGatewayFromTemplate } from "../helpers/template-gateway.ts";
import { wsRequest } from "../helpers/ws.ts";

const IdentityUsersQuery = graphql(`
  query IdentityUsersForLayerTests {
    identityUsers(first: 3) { edges { node { id login status } } }
  }
`);

const ComplianceFindingsQuery = graphql(`
  query ComplianceFindingsForLayerTests {
    complianceFindings(first: 3) { edges { node { id title classUid } } }
  }
`);

const CreateNotificationMutation = graphql(`
  mutation CreateNotificationForLayerTests($input: CreateNotificationInput!) {
    createNotification(input: $input) { notification { id channel text } }
  }
`);

const NotificationQuery = graphql(`
  query NotificationForLayerTests($id: ID!) {
    notification(id: $id) { id channel text }
  }
`);

const AccountByNameQuery = graphql(`
  query AccountByNameForLayerTests($name: String!) {
    accounts(filter: { name: { eq: $name } }) { totalCount }
  }
`);

const AccountQuery = graphql(`
  query AccountForIsolationTests($id: ID!) {
    account(id: $id) { id name }
  }
`);

const IntegrationQuery = graphql(`
  query IntegrationForIsolationTests($id: ID!) {
    integration(id: $id) { id name }
  }
`);

const AccountsQuery = graphql(`
  query AccountsForIsolationTests($filter: AccountFilter) {
    accounts(filter: $filter) { totalCount edges { node { id name } } }
  }
`);

/** Tenant A holds one account with an integration of every connector; tenant B must not be able to tell A's ids from nothing. */
let gateway: TestGateway;
let orgToken: string;
const tokens = { ticketing: "", identity: "", notifications: "", cloudsecurity: "" };
const a = { accountId: "", integrationId: "", integrationRefreshTokenId: "" };
let bToken: string;
let bAccountId: string;

beforeAll(async () => {
  gateway = await startGatewayFromTemplate();
  const [tenantA, tenantB] = await Promise.all([seedTenant(gateway), seedTenant(gateway)]);
  orgToken = (await logon(gateway, tenantA)).accessToken;
  bToken = (await logon(gateway, tenantB)).accessToken;
  a.accountId = (await createAccount(gateway, orgToken, "layers")).id;
  const providers = {
    ticketing: { ticketingMock: {} },
    identity: { identityMock: {} },
    notifications: { notificationsMock: {} },
    cloudsecurity: { cloudsecurityMock: {} },
  } as const;
  for (const connector of Object.keys(providers) as (keyof typeof providers)[]) {
    const created = await createIntegration(gateway, orgToken, a.accountId, connector, providers[connector]);
    tokens[connector] = created.tokens.accessToken;
    if (connector === "ticketing") Object.assign(a, { integrationId: created.integration.id, integrationRefreshTokenId: created.tokens.refreshTokenId });
  }
  bAccountId = (await createAccount(gateway, bToken, "layers")).id;
});
afterAll(() => gateway.stop());

/** A field refused to the token: FORBIDDEN, and nothing of the field's data in the response. */
function expectForbiddenField(response: GraphQLResponse<unknown>) {
  expect(errorCode(response)).toBe("FORBIDDEN");
  expect(response.body.data ?? null).toBeNull();
}

describe("integration tokens on /graphql", () => {
  it("read tickets, identity users and compliance findings of their own connector", async () => {
    const tickets = await gql(gateway, FirstTicketQuery, { token: tokens.ticketing });
    expect(tickets.body.data?.tickets.edges.map((edge) => edge.node.key)).toEqual(["MOCK-1"]);

    const users = await gql(gateway, IdentityUsersQuery, { token: tokens.identity });
    expect(users.body.errors).toBeUndefined();
    expect(users.body.data?.identityUsers.edges).toHaveLength(3);

    const findings = await gql(gateway, ComplianceFindingsQuery, { token: tokens.cloudsecurity });
    expect(findings.body.errors).toBeUndefined();
    expect(findings.body.data?.complianceFindings.edges.length).toBeGreaterThan(0);
    expect(findings.body.data?.complianceFindings.edges.every((edge) => edge.node.classUid === 2003)).toBe(true);
  });

  it("create a notification and read it back", async () => {
    const created = await gql(gateway, CreateNotificationMutation, { token: tokens.notifications, variables: { input: { text: "deploy finished" } } });
    expect(created.body.errors).toBeUndefined();
    const notification = created.body.data?.createNotification.notification;
    expect(notification).toMatchObject({ channel: "mock-channel", text: "deploy finished" });

    const read = await gql(gateway, NotificationQuery, { token: tokens.notifications, variables: { id: notification?.id ?? "" } });
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data?.notification).toEqual(notification);
  });

  it("are refused every management field with FORBIDDEN and no data", async () => {
    expectForbiddenField(await gql(gateway, AccountCountQuery, { token: tokens.ticketing }));
    expectForbiddenField(await gql(gateway, "{ organization { id name } }", { token: tokens.ticketing }));
    expectForbiddenField(await gql(gateway, "{ refreshTokens { edges { node { id } } } }", { token: tokens.ticketing }));
    expectForbiddenField(await gql(gateway, "{ integrations { edges { node { id } } } }", { token: tokens.notifications }));
  });

  it("are refused management mutations, and nothing is created", async () => {
    expectForbiddenField(await gql(gateway, CreateAccountMutation, { token: tokens.ticketing, variables: { input: { name: "sneaky" } } }));
    const check = await gql(gateway, AccountByNameQuery, { token: orgToken, variables: { name: "sneaky" } });
    expect(check.body.data?.accounts.totalCount).toBe(0);
  });

  it("are refused another connector's fields", async () => {
    expectForbiddenField(await gql(gateway, IdentityUsersQuery, { token: tokens.ticketing }));
    expectForbiddenField(await gql(gateway, ComplianceFindingsQuery, { token: tokens.ticketing }));
    expectForbiddenField(await gql(gateway, FirstTicketQuery, { token: tokens.identity }));
    expectForbiddenField(await gql(gateway, NotificationQuery, { token: tokens.cloudsecurity, variables: { id: "mock-channel:1.0" } }));
    expectForbiddenField(await gql(gateway, CreateNotificationMutation, { token: tokens.ticketing, variables: { input: { text: "hello" } } }));
  });
});

describe("organization tokens on /graphql", () => {
  it("read accounts", async () => {
    const accounts = await gql(gateway, AccountCountQuery, { token: orgToken });
    expect(outcome(accounts)).toEqual(accepted);
    expect(accounts.body.data?.accounts.totalCount).toBe(1);
  });

  it("are refused every connector field with FORBIDDEN and no data", async () => {
    expectForbiddenField(await gql(gateway, FirstTicketQuery, { token: orgToken }));
    expectForbiddenField(await gql(gateway, IdentityUsersQuery, { token: orgToken }));
    expectForbiddenField(await gql(gateway, ComplianceFindingsQuery, { token: orgToken }));
    expectForbiddenField(await gql(gateway, NotificationQuery, { token: orgToken, variables: { id: "mock-channel:1.0" } }));
    expectForbiddenField(await gql(gateway, CreateNotificationMutation, { token: orgToken, variables: { input: { text: "hello" } } }));
  });
});

describe("the sub-graph endpoints", () => {
  const refusedRequest = { status: 403, code: "FORBIDDEN" };

  it("/graphql/management serves organization tokens and refuses integration tokens outright with 403", async () => {
    expect(outcome(await gql(gateway, AccountCountQuery, { token: orgToken, path: "/graphql/management" }))).toEqual(accepted);

    const refused = await gql(gateway, AccountCountQuery, { token: tokens.ticketing, path: "/graphql/management" });
    expect(outcome(refused)).toEqual(refusedRequest);
    expect(refused.body.data ?? null).toBeNull();
    expect(outcome(await gql(gateway, "{ __typename }", { token: tokens.ticketing, path: "/graphql/management" }))).toEqual(refusedRequest);
  });

  it("/graphql/connector serves integration tokens and refuses organization tokens outright with 403", async () => {
    const tickets = await gql(gateway, FirstTicketQuery, { token: tokens.ticketing, path: "/graphql/connector" });
    expect(outcome(tickets)).toEqual(accepted);
    expect(tickets.body.data?.tickets.edges).toHaveLength(1);

    for (const document of [...[FirstTicketQuery, IdentityUsersQuery, ComplianceFindingsQuery].map((query) => print(query)), "{ __typename }"]) {
      const refused = await gql(gateway, document, { token: orgToken, path: "/graphql/connector" });
      expect(outcome(refused)).toEqual(refusedRequest);
      expect(refused.body.data ?? null).toBeNull();
    }
  });

  it("/graphql/connector still refuses an integration token another connector's field", async () => {
    expectForbiddenField(await gql(gateway, IdentityUsersQuery, { token: tokens.ticketing, path: "/graphql/connector" }));
  });
});

describe("graphql-ws on /graphql", () => {
  it("runs a connector query for an integration token", async () => {
    const result = await wsRequest(gateway, "{ tickets(first: 2) { edges { node { key } } } }", { token: tokens.ticketing });
    expect(result).toEqual({ kind: "result", data: { tickets: { edges: [{ node: { key: "MOCK-1" } }, { node: { key: "MOCK-2" } }] } }, errors: undefined });
  });

  it("runs a management query for an organization token", async () => {
    const result = await wsRequest(gateway, "{ accounts { totalCount } }", { token: orgToken });
    expect(result).toEqual({ kind: "result", data: { accounts: { totalCount: 1 } }, errors: undefined });
  });

  it("refuses a management query to an integration token with FORBIDDEN and no data", async () => {
    const result = await wsRequest(gateway, "{ accounts { totalCount } }", { token: tokens.ticketing });
    expect(result).toMatchObject({ kind: "result", data: null, errors: [{ extensions: { code: "FORBIDDEN" } }] });
  });

  it("answers an operation on a connection with a bad token with UNAUTHENTICATED", async () => {
    const result = await wsRequest(gateway, "{ tickets(first: 1) { edges { node { key } } } }", { token: "abc.def.ghi" });
    expect(result).toMatchObject({ kind: "errors", errors: [{ extensions: { code: "UNAUTHENTICATED" } }] });
  });

  it("answers an integration token on /graphql/management with FORBIDDEN", async () => {
    const result = await wsRequest(gateway, "{ accounts { totalCount } }", { token: tokens.ticketing, path: "/graphql/management" });
    expect(result).toMatchObject({ kind: "errors", errors: [{ extensions: { code: "FORBIDDEN" } }] });
  });
});

/** Everything a client sees of an answer, apart from headers. */
const shape = (response: GraphQLResponse<unknown>) => ({ status: response.status, body: response.body });

/** Asks the same question about A's id, a random UUID and a malformed id; all three must answer NOT_FOUND identically. */
async function expectIndistinguishable(ask: (id: string) => Promise<GraphQLResponse<unknown>>, foreignId: string) {
  const [foreign, unknown, malformed] = await Promise.all([ask(foreignId), ask(randomUUID()), ask("not-a-uuid")]);
  expect(foreign.body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  expect(shape(foreign)).toEqual(shape(unknown));
  expect(shape(foreign)).toEqual(shape(malformed));
}

describe("tenant B's administrator and tenant A's ids", () => {
  it("account(id) answers NOT_FOUND, exactly as for an unknown or malformed id", async () => {
    await expectIndistinguishable((id) => gql(gateway, AccountQuery, { token: bToken, variables: { id } }), a.accountId);
    const own = await gql(gateway, AccountQuery, { token: bToken, variables: { id: bAccountId } });
    expect(own.body.data?.account).toEqual({ id: bAccountId, name: "layers" });
  });

  it("integration(id) answers NOT_FOUND, exactly as for an unknown or malformed id", async () => {
    await expectIndistinguishable((id) => gql(gateway, IntegrationQuery, { token: bToken, variables: { id } }), a.integrationId);
  });

  it("createIntegration under A's account answers NOT_FOUND and creates nothing", async () => {
    await expectIndistinguishable(
      (accountId) => gql(gateway, CreateIntegrationMutation, { token: bToken, variables: { input: { accountId, name: "intruder", provider: { ticketingMock: {} } } } }),
      a.accountId,
    );
    const integrations = await gql(gateway, "{ integrations { edges { node { id } } } }", { token: bToken });
    expect(integrations.body).toEqual({ data: { integrations: { edges: [] } } });
  });

  it("createIntegrationToken for A's integration answers NOT_FOUND and mints nothing", async () => {
    const before = await refreshTokenObjects(gateway, bToken);
    await expectIndistinguishable((integrationId) => createIntegrationToken(gateway, bToken, integrationId), a.integrationId);
    expect(await refreshTokenObjects(gateway, bToken)).toEqual(before);
  });

  it("createOrganizationToken restricted to A's account answers NOT_FOUND and mints nothing", async () => {
    const before = await refreshTokenObjects(gateway, bToken);
    await expectIndistinguishable((accountId) => createOrganizationToken(gateway, bToken, { permissionSet: "VIEWER", accountIds: [accountId] }), a.accountId);
    expect(await refreshTokenObjects(gateway, bToken)).toEqual(before);
  });

  it("deleteRefreshToken of A's integration token answers NOT_FOUND and A's token keeps working", async () => {
    await expectIndistinguishable((id) => deleteRefreshToken(gateway, bToken, id), a.integrationRefreshTokenId);
    expect(await connectorProbe(gateway, tokens.ticketing)).toEqual(accepted);
  });

  it("accounts lists only B's accounts, even when filtered by A's id", async () => {
    const all = await gql(gateway, AccountsQuery, { token: bToken });
    expect(all.body.data?.accounts).toEqual({ totalCount: 1, edges: [{ node: { id: bAccountId, name: "layers" } }] });
    const byForeignId = await gql(gateway, AccountsQuery, { token: bToken, variables: { filter: { id: [a.accountId] } } });
    expect(byForeignId.body.data?.accounts).toEqual({ totalCount: 0, edges: [] });
  });
});
