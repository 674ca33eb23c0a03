/**
 * Hostile input values on both APIs: overlong strings, huge lists, big and deep JSON, NUL bytes,
 * lone surrogates and malformed ids. Each answers BAD_USER_INPUT naming the field, or NOT_FOUND;
 * never an internal error, on PGlite and on PostgreSQL (TEST_DATABASE_URL) alike.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createIntegration, logon } from "../helpers/flows.ts";
import { errorCode, gql, seedTenant, type GraphQLResponse, type TestGateway } from "../helpers/gateway.ts";
import { startGatewayFromTemplate } from "../helpers/template-gateway.ts";

let gateway: TestGateway;
let organizationToken: string;
let integrationToken: string;
let accountId: string;
let integrationId: string;

beforeAll(async () => {
  gateway = await startGatewayFromTemplate();
  const tenant = await seedTenant(gateway);
  organizationToken = (await logon(gateway, tenant)).accessToken;
  accountId = (await createAccount(gateway, organizationToken, "limits")).id;
  const created = await createIntegration(gateway, organizationToken, accountId, "limits-mock");
  integrationId = created.integration.id;
  integrationToken = created.tokens.accessToken;
});
afterAll(() => gateway.stop());

const NUL = "a\u0000b";
const LONE = "a\ud800b";
const LONG = "x".repeat(70_000);
const HUGE_LIST = Array.from({ length: 5_000 }, (_, index) => `label-${index}`);
const unknownId = "6f1c1b7e-9a55-4c43-9d0e-3f7a2b1c0d9e";

const forged = (decoded: string) => Buffer.from(decoded).toString("base64");

/** `{ a: { a: … } }`, `depth` levels. */
const nested = (depth: number): unknown => (depth === 0 ? 1 : { a: nested(depth - 1) });

type Api = "management" | "connector" | "anonymous";

interface Case {
  title: string;
  api: Api;
  document: string;
  variables?: Record<string, unknown>;
  /** BAD_USER_INPUT must name this field; NOT_FOUND is accepted only where `notFound` is set. */
  field?: string;
  notFound?: boolean;
  /** An empty answer is right too (a filter that matches nothing). */
  emptyOk?: boolean;
  /** Another refusal that is right here (e.g. logon's UNAUTHENTICATED, which never says which part was wrong). */
  also?: string;
}

const createAccountDoc = "mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }";
const accountsDoc = "query($filter: AccountFilter) { accounts(filter: $filter) { totalCount } }";
const createTicketDoc = "mutation($input: CreateTicketInput!) { createTicket(input: $input) { ticket { id } } }";
const ticketInput = { projectKey: "DEMO", issueType: "Task", summary: "A ticket" };

const cases = (): Case[] => [
  { title: "an account name with a NUL byte", api: "management", document: createAccountDoc, variables: { input: { name: NUL } }, field: "name" },
  { title: "an overlong account name", api: "management", document: createAccountDoc, variables: { input: { name: LONG } }, field: "name" },
  { title: "a full name with a NUL byte", api: "management", document: createAccountDoc, variables: { input: { name: "nul-fullname", fullname: NUL } }, field: "fullname" },
  { title: "a full name with a lone surrogate", api: "management", document: createAccountDoc, variables: { input: { name: "lone-fullname", fullname: LONE } }, field: "fullname" },
  { title: "a full name reversed by a right-to-left override", api: "management", document: createAccountDoc, variables: { input: { name: "rlo-fullname", fullname: "invoice\u202Efdp.exe" } }, field: "fullname" },
  { title: "a full name of a zero-width space alone", api: "management", document: createAccountDoc, variables: { input: { name: "zwsp-fullname", fullname: "\u200B" } }, field: "fullname" },
  { title: "a full name of spaces alone", api: "management", document: createAccountDoc, variables: { input: { name: "blank-fullname", fullname: "   " } }, field: "fullname" },
  { title: "an empty full name", api: "management", document: createAccountDoc, variables: { input: { name: "empty-fullname", fullname: "" } }, field: "fullname" },
  { title: "a full name with a C1 control character", api: "management", document: createAccountDoc, variables: { input: { name: "c1-fullname", fullname: "a\u0085b" } }, field: "fullname" },
  { title: "a full name written as a literal with a NUL escape", api: "management", document: 'mutation { createAccount(input: { name: "literal-nul", fullname: "a\\u0000b" }) { account { id } } }', field: "fullname" },
  { title: "a full name in a variable of its own, with a NUL byte", api: "management", document: 'mutation($n: String) { createAccount(input: { name: "var-fullname", fullname: $n }) { account { id } } }', variables: { n: NUL }, field: "fullname" },
  { title: "labels in a variable of their own, one with a NUL byte", api: "management", document: 'mutation($l: [String!]) { createAccount(input: { name: "var-labels", labels: $l }) { account { id } } }', variables: { l: ["ok", NUL] }, field: "labels" },
  { title: "a label with a NUL byte", api: "management", document: createAccountDoc, variables: { input: { name: "nul-label", labels: ["ok", NUL] } }, field: "labels" },
  { title: "5,000 labels", api: "management", document: createAccountDoc, variables: { input: { name: "many-labels", labels: HUGE_LIST } }, field: "labels" },
  { title: "a name filter with a NUL byte", api: "management", document: accountsDoc, variables: { filter: { name: { contains: NUL } } }, field: "contains" },
  { title: "a name filter with a lone surrogate", api: "management", document: accountsDoc, variables: { filter: { name: { eq: LONE } } }, field: "eq" },
  { title: "a labels filter with a NUL byte", api: "management", document: accountsDoc, variables: { filter: { labels: [NUL] } }, field: "labels" },
  { title: "an id filter of 5,000 ids", api: "management", document: accountsDoc, variables: { filter: { id: HUGE_LIST } }, field: "id" },
  { title: "an account id that is not a UUID", api: "management", document: "query($id: ID!) { account(id: $id) { id } }", variables: { id: "not-a-uuid" }, notFound: true },
  { title: "an account id with SQL in it", api: "management", document: "query($id: ID!) { account(id: $id) { id } }", variables: { id: "' or 1=1 --" }, notFound: true },
  { title: "an account id with a NUL byte", api: "management", document: "query($id: ID!) { account(id: $id) { id } }", variables: { id: `${unknownId}\u0000` }, field: "id" },
  { title: "an account id that is unknown", api: "management", document: "query($id: ID!) { account(id: $id) { id } }", variables: { id: unknownId }, notFound: true },
  { title: "an update of a malformed account id", api: "management", document: "mutation($input: UpdateAccountInput!) { updateAccount(input: $input) { account { id } } }", variables: { input: { id: "12345", fullname: "x" } }, notFound: true },
  { title: "an integration for a malformed account id", api: "management", document: "mutation($input: CreateIntegrationInput!) { createIntegration(input: $input) { integration { id } } }", variables: { input: { accountId: "zzz", name: "x", provider: { ticketingMock: {} } } }, notFound: true },
  {
    title: "provider settings with a NUL byte",
    api: "management",
    document: "mutation($input: UpdateIntegrationInput!) { updateIntegration(input: $input) { integration { id } } }",
    variables: { input: { id: "$integration", provider: { ticketingJira: { siteUrl: "https://x.atlassian.net\u0000", credential: { basic: { username: "a", password: "b" } } } } } },
    field: "siteUrl",
  },
  { title: "a page cursor with a NUL byte", api: "management", document: "query($after: String) { accounts(after: $after) { totalCount } }", variables: { after: NUL }, field: "after" },
  { title: "a page cursor that is garbage", api: "management", document: "query($after: String) { accounts(after: $after) { totalCount } }", variables: { after: "!!not-a-cursor!!" }, field: "after" },
  { title: "a forged cursor naming a non-UUID row", api: "management", document: "query($after: String) { accounts(after: $after) { edges { cursor } } }", variables: { after: forged("GPC:S:not-a-uuid") }, field: "after" },
  { title: "a forged cursor holding a NUL byte", api: "management", document: "query($after: String) { accounts(after: $after) { edges { cursor } } }", variables: { after: forged("GPC:S:a\u0000b") }, field: "after" },
  { title: "a forged compound cursor", api: "management", document: "query($after: String) { accounts(after: $after, orderBy: { field: NAME, direction: ASC }) { totalCount } }", variables: { after: forged('GPC:T:["S:a\u0000","D:99999999999999999999"]') }, field: "after" },
  { title: "audit events filtered by a NUL byte", api: "management", document: "query($filter: AuditEventFilter) { auditEvents(filter: $filter) { edges { cursor } } }", variables: { filter: { action: { eq: NUL } } }, field: "eq" },
  { title: "audit events filtered by a malformed account id", api: "management", document: "query($filter: AuditEventFilter) { auditEvents(filter: $filter) { edges { cursor } } }", variables: { filter: { accountId: ["nope"], resourceId: "nope" } }, field: "accountId", emptyOk: true },
  { title: "a logon email with a NUL byte", api: "anonymous", document: "mutation($input: LogonInput!) { logon(input: $input) { tokens { accessToken } } }", variables: { input: { organizationId: unknownId, email: `a\u0000@b.test`, password: "x" } }, field: "email" },
  { title: "a logon with a malformed organization id", api: "anonymous", document: "mutation($input: LogonInput!) { logon(input: $input) { tokens { accessToken } } }", variables: { input: { organizationId: "nope", email: "a@b.test", password: "x" } }, notFound: true, also: "UNAUTHENTICATED" },
  { title: "a ticket summary with a NUL byte", api: "connector", document: createTicketDoc, variables: { input: { ...ticketInput, summary: NUL } }, field: "summary" },
  { title: "an overlong ticket description", api: "connector", document: createTicketDoc, variables: { input: { ...ticketInput, description: LONG } }, field: "description" },
  { title: "5,000 ticket tags", api: "connector", document: createTicketDoc, variables: { input: { ...ticketInput, tags: HUGE_LIST } }, field: "tags" },
  { title: "custom fields nested 200 levels deep", api: "connector", document: createTicketDoc, variables: { input: { ...ticketInput, customFields: nested(200) } }, field: "a" },
  { title: "custom fields with 5,000 keys", api: "connector", document: createTicketDoc, variables: { input: { ...ticketInput, customFields: Object.fromEntries(HUGE_LIST.map((key) => [key, 1])) } }, field: "customFields" },
  { title: "a custom field key with a NUL byte", api: "connector", document: createTicketDoc, variables: { input: { ...ticketInput, customFields: { [NUL]: 1 } } }, field: "a\u0000b" },
  { title: "a ticket id with a NUL byte", api: "connector", document: "query($id: ID!) { ticket(id: $id) { id } }", variables: { id: NUL }, field: "id" },
  { title: "a ticket id with a lone surrogate", api: "connector", document: "query($id: ID!) { ticket(id: $id) { id } }", variables: { id: LONE }, field: "id" },
  { title: "a ticket id that walks up the path", api: "connector", document: "query($id: ID!) { ticket(id: $id) { id } }", variables: { id: "../../myself" }, field: "id", notFound: true },
  { title: "a ticket status filter of 5,000 values", api: "connector", document: "query($filter: TicketFilter) { tickets(filter: $filter) { edges { cursor } } }", variables: { filter: { status: HUGE_LIST } }, field: "status" },
  { title: "a ticket cursor that is garbage", api: "connector", document: "query($after: String) { tickets(after: $after) { edges { cursor } } }", variables: { after: "\u0000\ud800garbage" }, field: "after" },
];

function send(testCase: Case) {
  const variables = JSON.parse(JSON.stringify(testCase.variables ?? {}).replaceAll('"$integration"', JSON.stringify(integrationId))) as Record<string, unknown>;
  const token = testCase.api === "management" ? organizationToken : testCase.api === "connector" ? integrationToken : null;
  const path = testCase.api === "connector" ? "/graphql/connector" : testCase.api === "management" ? "/graphql/management" : "/graphql";
  return gql(gateway, testCase.document, { token, path, variables });
}

function expectRefused(response: GraphQLResponse<unknown>, testCase: Case) {
  const summary = { status: response.status, code: errorCode(response), field: response.body.errors?.[0]?.extensions?.field, message: response.body.errors?.[0]?.message };
  expect(summary.status, JSON.stringify(summary)).toBeLessThan(500);
  if (testCase.emptyOk && !response.body.errors) return;
  const allowed = [...(testCase.notFound ? ["NOT_FOUND", "BAD_USER_INPUT"] : ["BAD_USER_INPUT"]), ...(testCase.also ? [testCase.also] : [])];
  expect(allowed, JSON.stringify(summary)).toContain(summary.code);
  if (summary.code === "BAD_USER_INPUT" && testCase.field) expect(summary.field, JSON.stringify(summary)).toBe(testCase.field);
}

describe("hostile input values", () => {
  for (const testCase of cases()) {
    it(`refuses ${testCase.title}`, async () => {
      expectRefused(await send(testCase), testCase);
    });
  }

  it("wrote nothing for the refused accounts, and accepts well-formed Unicode beside them", async () => {
    const accepted = await gql(gateway, createAccountDoc, {
      token: organizationToken,
      path: "/graphql/management",
      variables: { input: { name: "unicode-ok", fullname: "Zoë 🚀 👩‍💻 日本 — ok", labels: ["a", "b"] } },
    });
    expect(accepted.body.errors).toBeUndefined();
    const listed = await gql<{ accounts: { edges: { node: { name: string; fullname: string } }[] } }>(gateway, "{ accounts(first: 100) { edges { node { name fullname } } } }", {
      token: organizationToken,
      path: "/graphql/management",
    });
    expect(listed.body.data?.accounts.edges.map((edge) => edge.node.name).sort()).toEqual(["limits", "unicode-ok"]);
    expect(listed.body.data?.accounts.edges.find((edge) => edge.node.name === "unicode-ok")?.node.fullname).toBe("Zoë 🚀 👩‍💻 日本 — ok");
  });

  it("accepts strings and lists just inside the limits", async () => {
    const response = await gql(gateway, "query($filter: AccountFilter) { accounts(filter: $filter) { totalCount } }", {
      token: organizationToken,
      path: "/graphql/management",
      variables: { filter: { name: { contains: "y".repeat(65_536) }, labels: HUGE_LIST.slice(0, 1_000) } },
    });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({ accounts: { totalCount: 0 } });
  });
});
