import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createIntegration, createOrganizationToken, logon } from "../helpers/flows.ts";
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
const WebhookDeliveries = `query($first: Int, $after: String) {
  organizationWebhooks(first: 1) { edges { node { deliveries(first: $first, after: $after) { edges { node { id } } } } } }
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

  it("a negative page is refused naming the range, on top-level and nested lists", async () => {
    const range = (field: string) => ({ message: `${field}: must be between 0 and 100`, extensions: { code: "BAD_USER_INPUT", field } });
    expect((await q(AccountsPage, { first: -1 })).body.errors?.[0]).toMatchObject(range("first"));
    expect((await q(AccountsPage, { last: -1 })).body.errors?.[0]).toMatchObject(range("last"));
    expect((await q(AccountIntegrations, { id: accountId, first: -1 })).body.errors?.[0]).toMatchObject(range("first"));
    expect((await q(AccountsPage, { first: 101 })).body.errors?.[0]).toMatchObject(range("first"));
  });

  it("first: 0 answers an empty page that still says whether items follow", async () => {
    const empty = data(await q(`{ integrations(first: 0) { totalCount edges { cursor } pageInfo { hasNextPage } } }`)) as unknown as {
      integrations: { totalCount: number; edges: unknown[]; pageInfo: { hasNextPage: boolean } };
    };
    expect(empty.integrations).toEqual({ totalCount: 2, edges: [], pageInfo: { hasNextPage: true } });
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

  it("paging on after the cursor's item was deleted is refused with a way out, not answered with an empty page", async () => {
    for (const name of ["p1", "p2", "p3"]) await createAccount(gateway, token, name);
    const first = data(await q(AccountsPage, { first: 1 }));
    const { endCursor } = first.accounts.pageInfo;
    data(await q(`mutation($id: ID!) { deleteAccount(input: { id: $id }) { id } }`, { id: first.accounts.edges[0]!.node.id }));

    const after = await q(AccountsPage, { first: 10, after: endCursor });
    expect(refusal(after)).toEqual({ code: "BAD_USER_INPUT", field: "after" });
    expect(after.body.errors?.[0]?.message).toMatch(/first page/);
    expect(refusal(await q(AccountsPage, { last: 10, before: endCursor }))).toEqual({ code: "BAD_USER_INPUT", field: "before" });

    expect(names(data(await q(AccountsPage, { first: 10 })).accounts)).toEqual(["p2", "p3"]);
  });

  it("the cursor of a list's last item still answers an empty page: the list has ended", async () => {
    const page = data(await q(AccountsPage, { first: 10 }));
    const last = data(await q(AccountsPage, { first: 10, after: page.accounts.pageInfo.endCursor }));
    expect(last.accounts).toMatchObject({ edges: [], pageInfo: { hasNextPage: false } });
  });

  it("a cursor from another list is refused, on top-level and nested lists", async () => {
    const integrationCursor = data(await q(`{ integrations(first: 1) { edges { cursor } } }`)).integrations.edges[0]!.cursor;
    const accountCursor = data(await q(`{ accounts(first: 1) { edges { cursor } } }`)).accounts.edges[0]!.cursor;

    expect(refusal(await q(AccountsPage, { first: 10, after: integrationCursor }))).toEqual({ code: "BAD_USER_INPUT", field: "after" });
    expect(refusal(await q(AccountIntegrations, { id: accountId, first: 10, after: accountCursor }))).toEqual({ code: "BAD_USER_INPUT", field: "after" });
    expect(refusal(await q(WebhookDeliveries, { first: 10, after: integrationCursor }))).toEqual({ code: "BAD_USER_INPUT", field: "after" });
  });

  it("a cursor naming another tenant's item is refused, rather than placing this tenant's page by that item's name", async () => {
    const otherToken = (await logon(gateway, await seedTenant(gateway, "other-tenant"))).accessToken;
    const otherAccount = (await createAccount(gateway, otherToken, "theirs")).id;
    const foreign = (await createIntegration(gateway, otherToken, otherAccount, "o-between")).integration.id;
    // The cursor this API would issue for that item, had it been on this tenant's list.
    const cursor = Buffer.from(`GPC:S:${foreign}`).toString("base64");
    const ByName = `query($after: String) { integrations(first: 10, after: $after, orderBy: { field: NAME, direction: ASC }) { edges { node { name } } } }`;
    // Without the scope on the cursor, this answered ["two"]: the integrations named after "o-between".
    expect(refusal(await q(ByName, { after: cursor }))).toEqual({ code: "BAD_USER_INPUT", field: "after" });
  });

  it("a cursor naming an item of an account beyond the token's reach is refused, for one account or several", async () => {
    const hidden = (await createAccount(gateway, token, "hidden")).id;
    const hiddenIntegration = (await createIntegration(gateway, token, hidden, "o-hidden")).integration.id;
    const second = (await createAccount(gateway, token, "second")).id;
    const cursor = Buffer.from(`GPC:S:${hiddenIntegration}`).toString("base64");
    const ByName = `query($after: String) { integrations(first: 10, after: $after, orderBy: { field: NAME, direction: ASC }) { edges { node { name } } } }`;
    for (const accountIds of [[accountId], [accountId, second]]) {
      const minted = await createOrganizationToken(gateway, token, { permissionSet: "VIEWER", accountIds });
      const restricted = minted.body.data?.createOrganizationToken.tokens.accessToken as string;
      const response = await gql<Lists>(gateway, ByName, { token: restricted, variables: { after: cursor } });
      expect(refusal(response)).toEqual({ code: "BAD_USER_INPUT", field: "after" });
      // The accounts list, whose cursor is the account's own id: the hidden account is refused, a visible one pages on.
      const accounts = (after: string) => gql<Lists>(gateway, `query($after: String) { accounts(first: 10, after: $after) { edges { node { name } } } }`, { token: restricted, variables: { after } });
      expect(refusal(await accounts(Buffer.from(`GPC:S:${hidden}`).toString("base64")))).toEqual({ code: "BAD_USER_INPUT", field: "after" });
      expect((await accounts(Buffer.from(`GPC:S:${accountId}`).toString("base64"))).body.errors).toBeUndefined();
    }
  });

  it("a nested list's own cursor pages on", async () => {
    const page = data(await q(AccountIntegrations, { id: accountId, first: 1 }));
    const next = data(await q(AccountIntegrations, { id: accountId, first: 1, after: page.account.integrations.edges[0]!.cursor }));
    expect(names(next.account.integrations)).toEqual(["two"]);
  });
});
