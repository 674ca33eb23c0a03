import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/index.ts";
import type { StatusesCountedQueryVariables } from "../generated/graphql.ts";
import { createAccount, createIntegration, createOrganizationToken, seedAdminToken } from "../helpers/flows.ts";
import { errorCode, gql, startGateway, type TestGateway } from "../helpers/gateway.ts";
import { startJiraSimulator, type JiraSimulator } from "../simulators/jira/index.ts";

const TimeseriesQuery = graphql(`
  query Timeseries($integrationId: ID, $range: TimeseriesRange!) {
    statusTimeseries(integrationId: $integrationId, range: $range) { start succeeded failed averageLatencyMs }
  }
`);

const StatusesQuery = graphql(`
  query StatusesCounted($first: Int, $filter: IntegrationStatusFilter) {
    integrationStatuses(first: $first, filter: $filter) { totalCount edges { node { integrationId health } } }
  }
`);

type Bucket = { succeeded: number; failed: number; averageLatencyMs?: number | null };
const totals = (buckets: Bucket[] | undefined) => ({
  succeeded: (buckets ?? []).reduce((sum, bucket) => sum + bucket.succeeded, 0),
  failed: (buckets ?? []).reduce((sum, bucket) => sum + bucket.failed, 0),
});

describe("statusTimeseries and integrationStatuses", () => {
  let gateway: TestGateway;
  let sim: JiraSimulator;
  let admin: string;
  let mockIntegration: string;
  let otherAccount: string;

  beforeAll(async () => {
    sim = await startJiraSimulator();
    gateway = await startGateway({ SWITCHYARD_ALLOW_PRIVATE_NETWORKS: "true" });
    admin = await seedAdminToken(gateway);
    const account = await createAccount(gateway, admin, "calls");
    otherAccount = (await createAccount(gateway, admin, "quiet")).id;
    const mock = await createIntegration(gateway, admin, account.id, "mock");
    mockIntegration = mock.integration.id;
    const refused = await createIntegration(gateway, admin, account.id, "jira", {
      ticketingJira: { apiBaseUrl: sim.url, credential: { basic: { username: sim.credentials.email, password: "wrong" } } },
    });
    for (let call = 0; call < 3; call++) await gql(gateway, "{ tickets(first: 1) { edges { node { key } } } }", { token: mock.tokens.accessToken, path: "/graphql/connector" });
    await gql(gateway, "{ tickets(first: 1) { edges { node { key } } } }", { token: refused.tokens.accessToken, path: "/graphql/connector" });
    await gateway.app.services.status.flush();
  });
  afterAll(async () => {
    await gateway.stop();
    await sim.close();
  });

  it("buckets the organization's calls per minute over the last hour, empty buckets included", async () => {
    const response = await gql(gateway, TimeseriesQuery, { token: admin, variables: { range: "LAST_HOUR" } });
    expect(response.body.errors).toBeUndefined();
    const buckets = response.body.data?.statusTimeseries;
    expect(buckets).toHaveLength(60);
    expect(totals(buckets)).toEqual({ succeeded: 3, failed: 1 });
    // The calls land in the last bucket or, across a minute boundary, the one before it.
    const withCalls = (buckets ?? []).filter((bucket) => bucket.succeeded + bucket.failed > 0);
    expect(withCalls.length).toBeGreaterThanOrEqual(1);
    expect(buckets?.slice(-2)).toEqual(expect.arrayContaining(withCalls));
    for (const bucket of buckets ?? []) expect(bucket.averageLatencyMs === null).toBe(bucket.succeeded + bucket.failed === 0);
  });

  it("narrows to one integration, and per hour over the last day", async () => {
    const one = await gql(gateway, TimeseriesQuery, { token: admin, variables: { integrationId: mockIntegration, range: "LAST_DAY" } });
    expect(one.body.data?.statusTimeseries).toHaveLength(24);
    expect(totals(one.body.data?.statusTimeseries)).toEqual({ succeeded: 3, failed: 0 });
  });

  it("counts nothing outside an account-restricted token's accounts, and hides other tenants' integrations", async () => {
    const restricted = (await createOrganizationToken(gateway, admin, { permissionSet: "VIEWER", accountIds: [otherAccount] })).body.data?.createOrganizationToken.tokens.accessToken;
    const hidden = await gql(gateway, TimeseriesQuery, { token: restricted, variables: { range: "LAST_HOUR" } });
    expect(totals(hidden.body.data?.statusTimeseries)).toEqual({ succeeded: 0, failed: 0 });
    const stranger = await seedAdminToken(gateway);
    expect(errorCode(await gql(gateway, TimeseriesQuery, { token: stranger, variables: { integrationId: mockIntegration, range: "LAST_HOUR" } }))).toBe("NOT_FOUND");
  });

  it("integrationStatuses counts the whole filtered list in totalCount, not just the page, within the token's reach", async () => {
    const counted = async (variables: StatusesCountedQueryVariables, token = admin) => {
      const response = await gql(gateway, StatusesQuery, { token, variables });
      expect(response.body.errors).toBeUndefined();
      const statuses = response.body.data?.integrationStatuses;
      return { totalCount: statuses?.totalCount, page: statuses?.edges.length };
    };
    expect(await counted({ first: 1 })).toEqual({ totalCount: 2, page: 1 });
    expect(await counted({ filter: { health: ["HEALTHY"] } })).toEqual({ totalCount: 1, page: 1 });
    expect(await counted({ filter: { accountId: [otherAccount] } })).toEqual({ totalCount: 0, page: 0 });
    const restricted = (await createOrganizationToken(gateway, admin, { permissionSet: "VIEWER", accountIds: [otherAccount] })).body.data?.createOrganizationToken.tokens.accessToken;
    expect(await counted({}, restricted)).toEqual({ totalCount: 0, page: 0 });
  });
});
