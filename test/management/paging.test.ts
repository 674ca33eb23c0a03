import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createIntegration, logon } from "../helpers/flows.ts";
import { errorCode, gql, seedTenant, startGateway, type TestGateway } from "../helpers/gateway.ts";

let gateway: TestGateway;
let token: string;
let accountId: string;

beforeAll(async () => {
  gateway = await startGateway();
  token = (await logon(gateway, await seedTenant(gateway))).accessToken;
  accountId = (await createAccount(gateway, token, "acme")).id;
  await createIntegration(gateway, token, accountId, "one");
  await createIntegration(gateway, token, accountId, "two");
  await gql(gateway, `mutation { createOrganizationWebhook(input: { name: "hook", url: "https://example.com/h", events: [INTEGRATION_STATUS_CHANGED] }) { webhook { id } } }`, { token });
}, 60_000);
afterAll(() => gateway?.stop());

interface Page {
  edges: { cursor: string; node: { id: string; name: string } }[];
  pageInfo: { endCursor: string; hasNextPage: boolean };
}
interface Lists {
  accounts: Page;
  integrations: Page;
  account: { integrations: Page };
}

const q = (query: string, variables: Record<string, unknown> = {}) => gql<Lists>(gateway, query, { token, variables });
const refusal = (response: Awaited<ReturnType<typeof q>>) => ({ code: errorCode(response), field: response.body.errors?.[0]?.extensions?.field });
const data = (response: Awaited<ReturnType<typeof q>>) => {
  expect(response.body.errors).toBeUndefined();
  return response.body.data!;
};
const names = (page: Page) => page.edges.map((edge) => edge.node.name);

const AccountsPage = `query($first: Int, $last: Int, $after: String, $before: String) {
  accounts(first: $first, last: $last, after: $after, before: $before, filter: { name: { startsWith: "p" } }) {
    edges { cursor node { id name } }
    pageInfo { endCursor hasNextPage }
  }
}`;
const AccountIntegrations = `query($id: ID!, $first: Int, $last: Int, $after: String) {
  account(id: $id) { integrations(first: $first, last: $last, after: $after) { edges { cursor node { name } } } }
}`;

describe("page size: at most 100, on every list", () => {
  it.each([
    ["accounts", `{ accounts(first: 101) { edges { cursor } } }`, "first"],
    ["accounts, backwards", `{ accounts(last: 101) { edges { cursor } } }`, "last"],
    ["refreshTokens", `{ refreshTokens(first: 101) { edges { cursor } } }`, "first"],
    ["OrganizationWebhook.deliveries", `{ organizationWebhooks(first: 1) { edges { node { deliveries(first: 101) { edges { cursor } } } } } }`, "first"],
  ])("%s refuses a larger page instead of cutting it", async (_list, query, field) => {
    expect(refusal(await q(query))).toEqual({ code: "BAD_USER_INPUT", field });
  });

  it("Account.integrations refuses 101 and serves 100", async () => {
    expect(refusal(await q(AccountIntegrations, { id: accountId, first: 101 }))).toEqual({ code: "BAD_USER_INPUT", field: "first" });
    const served = data(await q(AccountIntegrations, { id: accountId, first: 100 }));
    expect(names(served.account.integrations)).toEqual(["one", "two"]);
  });

  it("first and last together are refused, on top-level and nested lists", async () => {
    expect(refusal(await q(AccountsPage, { first: 1, last: 1 }))).toEqual({ code: "BAD_USER_INPUT", field: "last" });
    expect(refusal(await q(AccountIntegrations, { id: accountId, first: 1, last: 1 }))).toEqual({ code: "BAD_USER_INPUT", field: "last" });
  });
});

describe("cursors", () => {
  it("first with before names `before`, not `after`", async () => {
    const page = data(await q(`{ accounts(first: 1) { pageInfo { endCursor } } }`));
    const response = await q(AccountsPage, { first: 1, before: page.accounts.pageInfo.endCursor });
    expect(refusal(response)).toEqual({ code: "BAD_USER_INPUT", field: "before" });
    expect(response.body.errors?.[0]?.message).toMatch(/first/);
  });

  it("a malformed cursor on a nested list names `after`", async () => {
    expect(refusal(await q(AccountIntegrations, { id: accountId, first: 1, after: "garbage" }))).toEqual({ code: "BAD_USER_INPUT", field: "after" });
  });
});
