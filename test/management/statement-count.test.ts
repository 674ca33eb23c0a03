/**
 * Lists resolve their relations in batches: a page of 2 and a page of 20 cost the same number of
 * SQL statements, counted at the database client for the whole HTTP request. A first page and its
 * relations load in one statement (joins); a page after a cursor in one per relation level, since
 * Prisma does not join when it pages by cursor.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, seedAdminToken } from "../helpers/flows.ts";
import { gql, startGateway, type TestGateway } from "../helpers/gateway.ts";

const ACCOUNTS = 20;
const INTEGRATIONS_PER_ACCOUNT = 2;

const accountsWithIntegrations = `query ($first: Int!) {
  accounts(first: $first) { edges { node { id name
    integrations(first: 10) { edges { node { id name
      status { health requests lastSuccessAt }
      account { id name }
      integrationPoint { id name }
      credential { id type hint }
    } } }
  } } }
}`;

const integrationsWithRelations = `query ($first: Int!, $after: String) {
  integrations(first: $first, after: $after) { edges { node { id name
    account { id name environment }
    integrationPoint { id name connector }
    status { health failures }
    credential { type hint }
  } } }
}`;

const accountsWithIntegrationsAfter = `query ($first: Int!, $after: String) {
  accounts(first: $first) { edges { node { id integrations(first: 10, after: $after) { edges { node { id } } } } } }
}`;

const auditEvents = `query ($first: Int!) { auditEvents(first: $first) { edges { node { id action outcome accountId } } } }`;

describe("SQL statements per list request", () => {
  let gateway: TestGateway;
  let token: string;
  const statements: string[] = [];
  let counting = false;

  beforeAll(async () => {
    // The webhook dispatcher polls on the same client; its statements are not the request's.
    gateway = await startGateway({ SWITCHYARD_WEBHOOK_DELIVERY: "false" }, { onQuery: (sql) => counting && statements.push(sql) });
    token = await seedAdminToken(gateway);
    const point = await gql<{ createIntegrationPoint: { integrationPoint: { id: string } } }>(
      gateway,
      `mutation ($input: CreateIntegrationPointInput!) { createIntegrationPoint(input: $input) { integrationPoint { id } } }`,
      { token, variables: { input: { name: "tickets", connector: "TICKETING", testProviders: ["ticketing_mock", "ticketing_jira"], prodProviders: [] } } },
    );
    const integrationPointId = point.body.data?.createIntegrationPoint.integrationPoint.id;
    expect(integrationPointId).toBeTruthy();
    for (let index = 0; index < ACCOUNTS; index++) {
      const account = await createAccount(gateway, token, `account-${index}`);
      for (let slot = 0; slot < INTEGRATIONS_PER_ACCOUNT; slot++) {
        const provider =
          slot === 0
            ? { ticketingMock: {} }
            : { ticketingJira: { apiBaseUrl: "https://example.atlassian.net", credential: { basic: { username: "bot@example.com", password: `secret-${index}` } } } };
        const created = await gql(gateway, `mutation ($input: CreateIntegrationInput!) { createIntegration(input: $input) { integration { id } } }`, {
          token,
          variables: { input: { accountId: account.id, name: `integration-${slot}`, integrationPointId, provider } },
        });
        expect(created.body.errors).toBeUndefined();
      }
    }
    await gateway.app.services.status.flush();
  }, 120_000);
  afterAll(() => gateway.stop());

  /** The fewest statements over three runs: background work (a token-liveness refresh, a status flush) only ever adds. */
  async function countStatements(query: string, first: number, after?: string) {
    let fewest = Number.POSITIVE_INFINITY;
    let rows = 0;
    for (let run = 0; run < 3; run++) {
      statements.length = 0;
      counting = true;
      const response = await gql<Record<string, { edges: unknown[] }>>(gateway, query, { token, variables: { first, after } });
      counting = false;
      expect(response.body.errors).toBeUndefined();
      const [list] = Object.values(response.body.data ?? {});
      rows = list?.edges.length ?? 0;
      fewest = Math.min(fewest, statements.length);
    }
    return { rows, statements: fewest };
  }

  it.each([
    ["accounts → integrations → status, account, integration point, credential", accountsWithIntegrations, 1],
    ["integrations → account, integration point, status, credential", integrationsWithRelations, 1],
    ["auditEvents", auditEvents, 1],
  ])("%s: the same few statements for a page of 2 and a page of 20", async (_name, query, bound) => {
    const small = await countStatements(query, 2);
    const large = await countStatements(query, 20);
    expect(small.rows).toBe(2);
    expect(large.rows).toBeGreaterThan(small.rows);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(bound);
  });

  it("integrations after a cursor: the same statements for a page of 2 and a page of 20, one per relation level", async () => {
    const first = await gql<{ integrations: { pageInfo: { endCursor: string } } }>(gateway, "{ integrations(first: 1) { pageInfo { endCursor } } }", { token });
    const after = first.body.data?.integrations.pageInfo.endCursor ?? "";
    const small = await countStatements(integrationsWithRelations, 2, after);
    const large = await countStatements(integrationsWithRelations, 20, after);
    expect(small.rows).toBe(2);
    expect(large.rows).toBe(20);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(5);
  });

  it("a nested list after a cursor looks the cursor's row up once per request, not once per parent", async () => {
    const first = await gql<{ integrations: { pageInfo: { endCursor: string } } }>(gateway, "{ integrations(first: 1) { pageInfo { endCursor } } }", { token });
    const after = first.body.data?.integrations.pageInfo.endCursor ?? "";
    const small = await countStatements(accountsWithIntegrationsAfter, 2, after);
    const large = await countStatements(accountsWithIntegrationsAfter, 20, after);
    expect(large.rows).toBe(20);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(3);
  });

  it("fills every relation of every row (the batches are not empty shortcuts)", async () => {
    const response = await gql<{
      accounts: { edges: { node: { integrations: { edges: { node: { account: { id: string }; integrationPoint: { id: string } | null; credential: { type: string } | null } }[] } } }[] };
    }>(gateway, accountsWithIntegrations, { token, variables: { first: 20 } });
    const integrations = response.body.data?.accounts.edges.flatMap((edge) => edge.node.integrations.edges.map((inner) => inner.node)) ?? [];
    expect(integrations).toHaveLength(ACCOUNTS * INTEGRATIONS_PER_ACCOUNT);
    expect(integrations.every((integration) => integration.account.id && integration.integrationPoint?.id)).toBe(true);
    expect(integrations.filter((integration) => integration.credential?.type === "BASIC")).toHaveLength(ACCOUNTS);
  });
});
