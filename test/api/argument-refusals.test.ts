/**
 * Paging arguments a list refuses, sent over HTTP: each refusal is BAD_USER_INPUT naming the argument
 * at fault in `extensions.field`, with a message saying what is wrong. None falls to the generic
 * "is not accepted here" of src/http/known-failures.ts, and none repeats the refusing library's text.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createIntegration, logon } from "../helpers/flows.ts";
import { gql, seedTenant, startGateway, type GraphQLResponse, type TestGateway } from "../helpers/gateway.ts";

let gateway: TestGateway;
let token: string;
let integrationToken: string;
/** A cursor each list really issued: a combination is refused even when its cursor is good. */
const cursors = { accounts: "", integrations: "", tickets: "" };

type Page = { edges: { cursor: string }[] };

beforeAll(async () => {
  gateway = await startGateway();
  token = (await logon(gateway, await seedTenant(gateway))).accessToken;
  const account = await createAccount(gateway, token, "acme");
  await createAccount(gateway, token, "beta");
  integrationToken = (await createIntegration(gateway, token, account.id, "one")).tokens.accessToken;
  await createIntegration(gateway, token, account.id, "two");
  const lists = await gql<{ accounts: Page; integrations: Page }>(gateway, `{ accounts(first: 1) { edges { cursor } } integrations(first: 1) { edges { cursor } } }`, { token });
  cursors.accounts = lists.body.data!.accounts.edges[0]!.cursor;
  cursors.integrations = lists.body.data!.integrations.edges[0]!.cursor;
  const tickets = await gql<{ tickets: Page }>(gateway, `{ tickets(first: 1) { edges { cursor } } }`, { token: integrationToken, path: "/graphql/connector" });
  cursors.tickets = tickets.body.data!.tickets.edges[0]!.cursor;
}, 60_000);
afterAll(() => gateway?.stop());

const pageVariables = "$first: Int, $last: Int, $after: String, $before: String";
const pageArguments = "first: $first, last: $last, after: $after, before: $before";
const Accounts = `query(${pageVariables}) { accounts(${pageArguments}) { edges { cursor } } }`;
const NestedIntegrations = `query(${pageVariables}) { accounts(first: 5) { edges { node { integrations(${pageArguments}) { edges { cursor } } } } } }`;
const Tickets = `query(${pageVariables}) { tickets(${pageArguments}) { edges { cursor } } }`;

/** `CURSOR` in a case stands for a cursor the list issued. */
type Case = [variables: Record<string, unknown>, field: string, message: RegExp];
const withCursor = (variables: Record<string, unknown>, cursor: string) =>
  Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, value === "CURSOR" ? cursor : value]));

function expectRefusal(response: GraphQLResponse<unknown>, field: string, message: RegExp) {
  expect(response.body.errors).toHaveLength(1);
  const error = response.body.errors![0]!;
  expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
  expect(error.message).toMatch(message);
  expect(error.message).not.toMatch(/is not accepted here|not supported at the same time|non-negative integer|can only be used/);
}

/** Every Prisma-backed list pages the same way (test/management/paging.test.ts); one top-level and one nested list stand for them. */
const prismaCases: Case[] = [
  [{ first: -1 }, "first", /^first: must be between 0 and 100$/],
  [{ last: -1 }, "last", /^last: must be between 0 and 100$/],
  [{ last: -1, after: "CURSOR" }, "last", /^last: must be between 0 and 100$/],
  [{ first: 1, last: 1 }, "last", /^last: cannot be combined with `first`/],
  [{ after: "CURSOR", before: "CURSOR" }, "before", /^before: cannot be combined with `after`$/],
  [{ first: 1, before: "CURSOR" }, "before", /^before: cannot be combined with `first`$/],
  [{ first: 0, before: "CURSOR" }, "before", /^before: cannot be combined with `first`$/],
  [{ last: 1, after: "CURSOR" }, "after", /^after: cannot be combined with `last`$/],
  [{ after: "garbage" }, "after", /^after: is not a cursor of this list$/],
  [{ before: "garbage" }, "before", /^before: is not a cursor of this list$/],
];

describe.each([
  { list: "accounts", document: Accounts, cursor: () => cursors.accounts },
  { list: "Account.integrations, nested in a list", document: NestedIntegrations, cursor: () => cursors.integrations },
])("$list", ({ document, cursor }) => {
  it.each(prismaCases)("refuses %j naming %s", async (variables, field, message) => {
    expectRefusal(await gql(gateway, document, { token, variables: withCursor(variables, cursor()) }), field, message);
  });
});

describe("tickets, a connector list, which pages forwards only", () => {
  const connectorCases: Case[] = [
    [{ first: -1 }, "first", /^first: must be between 0 and 100$/],
    [{ last: 1 }, "last", /^last: connector lists page forwards only: use first\/after$/],
    [{ first: 1, last: 1 }, "last", /^last: connector lists page forwards only/],
    [{ before: "CURSOR" }, "before", /^before: connector lists page forwards only: use first\/after$/],
    [{ first: 1, before: "CURSOR" }, "before", /^before: connector lists page forwards only/],
    [{ after: "garbage" }, "after", /^after: is not a cursor returned by this connection$/],
  ];
  it.each(connectorCases)("refuses %j naming %s", async (variables, field, message) => {
    const response = await gql(gateway, Tickets, { token: integrationToken, path: "/graphql/connector", variables: withCursor(variables, cursors.tickets) });
    expectRefusal(response, field, message);
  });

  it("pages on from the same cursor with first/after", async () => {
    const response = await gql<{ tickets: Page }>(gateway, Tickets, { token: integrationToken, path: "/graphql/connector", variables: { first: 1, after: cursors.tickets } });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.tickets.edges).toHaveLength(1);
  });
});
