import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createIntegration, logon } from "../helpers/flows.ts";
import { errorCode, gql, seedTenant, startGateway, type TestGateway } from "../helpers/gateway.ts";

describe("a fresh gateway", () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(() => gateway.stop());

  it("serves an integration token the mock tickets and refuses it the management API", async () => {
    const tenant = await seedTenant(gateway);
    const tokens = await logon(gateway, tenant);
    const account = await createAccount(gateway, tokens.accessToken, "globex");
    const { tokens: integrationTokens } = await createIntegration(gateway, tokens.accessToken, account.id, "tickets");

    const tickets = await gql<{ tickets: { edges: { node: { key: string } }[] } }>(gateway, "{ tickets(first: 3) { edges { node { key } } } }", {
      token: integrationTokens.accessToken,
      path: "/graphql/connector",
    });
    expect(tickets.body.data?.tickets.edges.map((edge) => edge.node.key)).toEqual(["MOCK-1", "MOCK-2", "MOCK-3"]);

    const accounts = await gql(gateway, "{ accounts { totalCount } }", { token: integrationTokens.accessToken });
    expect(errorCode(accounts)).toBe("FORBIDDEN");
    expect(accounts.body.data).toBeNull();
  });
});
