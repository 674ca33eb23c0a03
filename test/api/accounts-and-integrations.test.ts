/** Accounts and integrations through the management API, and paging through a connector list. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/index.ts";
import type { AccountsForAccountTestsQueryVariables, ProviderConfigInput } from "../generated/graphql.ts";
import { createAccount, createIntegration, CreateAccountMutation, CreateIntegrationMutation, createOrganizationToken, seedAdminToken } from "../helpers/flows.ts";
import { errorCode, gql, type TestGateway } from "../helpers/gateway.ts";
import { accepted, connectorProbe, managementProbe, unauthenticated } from "../helpers/probes.ts";
import { startGatewayFromTemplate } from "../helpers/template-gateway.ts";

const AccountQuery = graphql(`
  query AccountForAccountTests($id: ID!) {
    account(id: $id) { id name fullname environment labels }
  }
`);

const AccountsQuery = graphql(`
  query AccountsForAccountTests($first: Int, $filter: AccountFilter, $orderBy: AccountOrder) {
    accounts(first: $first, filter: $filter, orderBy: $orderBy) { totalCount edges { node { name } } }
  }
`);

const UpdateAccountMutation = graphql(`
  mutation UpdateAccountForAccountTests($input: UpdateAccountInput!) {
    updateAccount(input: $input) { account { id name fullname environment labels } }
  }
`);

const DeleteAccountMutation = graphql(`
  mutation DeleteAccountForAccountTests($input: DeleteAccountInput!) {
    deleteAccount(input: $input) { id }
  }
`);

const IntegrationsQuery = graphql(`
  query IntegrationsForIntegrationTests {
    integrations { edges { node { id name connector providerId } } }
  }
`);

const IntegrationQuery = graphql(`
  query IntegrationForIntegrationTests($id: ID!) {
    integration(id: $id) { id }
  }
`);

const DeleteIntegrationMutation = graphql(`
  mutation DeleteIntegrationForIntegrationTests($input: DeleteIntegrationInput!) {
    deleteIntegration(input: $input) { id }
  }
`);

const TicketsPageQuery = graphql(`
  query TicketsPageForIntegrationTests($first: Int, $after: String) {
    tickets(first: $first, after: $after) {
      edges { cursor node { key } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

let gateway: TestGateway;
let token: string;
/** The account the integration tests work in. */
let accountId: string;

beforeAll(async () => {
  gateway = await startGatewayFromTemplate();
  token = await seedAdminToken(gateway);
  accountId = (await createAccount(gateway, token, "integrations")).id;
});
afterAll(() => gateway.stop());

const create = (input: { name: string; fullname?: string; environment?: "TEST" | "PROD"; labels?: string[] }) =>
  gql(gateway, CreateAccountMutation, { token, variables: { input } });

const names = async (variables: AccountsForAccountTestsQueryVariables) => {
  const response = await gql(gateway, AccountsQuery, { token, variables });
  expect(response.body.errors).toBeUndefined();
  return response.body.data?.accounts.edges.map((edge) => edge.node.name);
};

describe("createAccount", () => {
  it("creates a TEST account by default, with its labels and the name as fullname", async () => {
    const response = await create({ name: "acme", labels: ["gold", "eu-west"] });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.createAccount.account).toMatchObject({ name: "acme", fullname: "acme", environment: "TEST", labels: ["gold", "eu-west"] });
  });

  it("refuses a name already taken in the organization with CONFLICT", async () => {
    expect((await create({ name: "taken" })).body.errors).toBeUndefined();
    const duplicate = await create({ name: "taken", environment: "PROD" });
    expect(errorCode(duplicate)).toBe("CONFLICT");
    expect(duplicate.body.data ?? null).toBeNull();
  });

  it.each([
    ["name", { name: "Not A Slug!" }],
    ["name", { name: "-leading-hyphen" }],
    ["labels", { name: "fine-name", labels: ["Bad Label"] }],
  ])("refuses a bad %s with BAD_USER_INPUT naming the field", async (field, input) => {
    const response = await create(input);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(response.body.data ?? null).toBeNull();
  });
});

describe("updateAccount", () => {
  it("changes the given fields and leaves the others", async () => {
    const account = await createAccount(gateway, token, "to-update");
    const response = await gql(gateway, UpdateAccountMutation, {
      token,
      variables: { input: { id: account.id, fullname: "To Update Inc.", environment: "PROD", labels: ["platinum"] } },
    });
    expect(response.body.errors).toBeUndefined();
    const expected = { id: account.id, name: "to-update", fullname: "To Update Inc.", environment: "PROD", labels: ["platinum"] };
    expect(response.body.data?.updateAccount.account).toEqual(expected);
    expect((await gql(gateway, AccountQuery, { token, variables: { id: account.id } })).body.data?.account).toEqual(expected);
  });

  it("refuses a rename to a taken name with CONFLICT", async () => {
    await createAccount(gateway, token, "rename-target");
    const account = await createAccount(gateway, token, "rename-source");
    const response = await gql(gateway, UpdateAccountMutation, { token, variables: { input: { id: account.id, name: "rename-target" } } });
    expect(errorCode(response)).toBe("CONFLICT");
  });
});

describe("accounts", () => {
  beforeAll(async () => {
    await create({ name: "list-alpha-1", environment: "TEST", labels: ["gold"] });
    await create({ name: "list-alpha-2", environment: "PROD", labels: ["gold", "eu"] });
    await create({ name: "list-beta-1", environment: "PROD", labels: ["eu"] });
  });

  it("filters by name prefix, environment and labels, and sorts by name descending", async () => {
    const listed = { name: { startsWith: "list-" } };
    expect(await names({ filter: listed, orderBy: { field: "NAME", direction: "DESC" } })).toEqual(["list-beta-1", "list-alpha-2", "list-alpha-1"]);
    expect(await names({ filter: { name: { startsWith: "list-alpha" } }, orderBy: { field: "NAME", direction: "ASC" } })).toEqual(["list-alpha-1", "list-alpha-2"]);
    expect(await names({ filter: { ...listed, environment: "PROD" }, orderBy: { field: "NAME", direction: "ASC" } })).toEqual(["list-alpha-2", "list-beta-1"]);
    expect(await names({ filter: { ...listed, labels: ["gold", "eu"] } })).toEqual(["list-alpha-2"]);
    expect(await names({ filter: { ...listed, labels: ["eu"] }, orderBy: { field: "NAME", direction: "DESC" } })).toEqual(["list-beta-1", "list-alpha-2"]);
  });

  it("counts what the filter matches", async () => {
    const response = await gql(gateway, AccountsQuery, { token, variables: { first: 1, filter: { name: { startsWith: "list-" } } } });
    expect(response.body.data?.accounts.totalCount).toBe(3);
    expect(response.body.data?.accounts.edges).toHaveLength(1);
  });

  it("accepts a page of 100 and refuses 101 with BAD_USER_INPUT", async () => {
    expect((await gql(gateway, AccountsQuery, { token, variables: { first: 100 } })).body.errors).toBeUndefined();
    const response = await gql(gateway, AccountsQuery, { token, variables: { first: 101 } });
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
    expect(response.body.data ?? null).toBeNull();
  });
});

describe("deleteAccount", () => {
  it("removes the account and stops its integration tokens on the next request", async () => {
    const doomed = await createAccount(gateway, token, "doomed");
    const kept = await createAccount(gateway, token, "kept");
    const doomedToken = (await createIntegration(gateway, token, doomed.id, "tickets")).tokens.accessToken;
    const keptToken = (await createIntegration(gateway, token, kept.id, "tickets")).tokens.accessToken;
    expect(await connectorProbe(gateway, doomedToken)).toEqual(accepted);

    const deleted = await gql(gateway, DeleteAccountMutation, { token, variables: { input: { id: doomed.id } } });
    expect(deleted.body).toEqual({ data: { deleteAccount: { id: doomed.id } } });

    expect(await connectorProbe(gateway, doomedToken)).toEqual(unauthenticated);
    expect(await connectorProbe(gateway, keptToken)).toEqual(accepted);
    expect(errorCode(await gql(gateway, AccountQuery, { token, variables: { id: doomed.id } }))).toBe("NOT_FOUND");
    expect(await names({ filter: { name: { eq: "doomed" } } })).toEqual([]);
  });

  it("stops an organization token restricted to it alone, and keeps one that still reaches another account", async () => {
    const [only, other] = [await createAccount(gateway, token, "only-one"), await createAccount(gateway, token, "the-other")];
    const restricted = async (accountIds: string[]) =>
      (await createOrganizationToken(gateway, token, { permissionSet: "VIEWER", accountIds })).body.data?.createOrganizationToken.tokens.accessToken as string;
    const [alone, both] = [await restricted([only.id]), await restricted([only.id, other.id])];
    expect(await managementProbe(gateway, alone)).toEqual(accepted);

    expect((await gql(gateway, DeleteAccountMutation, { token, variables: { input: { id: only.id } } })).body.errors).toBeUndefined();
    expect(await managementProbe(gateway, alone)).toEqual(unauthenticated);
    expect(await managementProbe(gateway, both)).toEqual(accepted);

    expect((await gql(gateway, DeleteAccountMutation, { token, variables: { input: { id: other.id } } })).body.errors).toBeUndefined();
    expect(await managementProbe(gateway, both)).toEqual(unauthenticated);
    expect(await managementProbe(gateway, token)).toEqual(accepted);
  });
});

async function integrationNames() {
  const response = await gql(gateway, IntegrationsQuery, { token });
  expect(response.body.errors).toBeUndefined();
  return response.body.data?.integrations.edges.map((edge) => edge.node.name) ?? [];
}

describe("createIntegration", () => {
  it("creates an integration of the one provider given, with a token for its connector", async () => {
    const created = await createIntegration(gateway, token, accountId, "one-provider", { identityMock: {} });
    expect(created.integration).toMatchObject({ name: "one-provider", connector: "IDENTITY", providerId: "identity_mock", account: { id: accountId } });
    expect(await integrationNames()).toContain("one-provider");
  });

  it.each([
    ["no provider", {}],
    ["two providers", { ticketingMock: {}, identityMock: {} }],
    // Deliberately outside the generated type, which encodes @oneOf.
  ] as [string, ProviderConfigInput][])("refuses %s in the @oneOf provider variable as the client's error, and creates nothing", async (_label, provider) => {
    const before = await integrationNames();
    const response = await gql(gateway, CreateIntegrationMutation, { token, variables: { input: { accountId, name: "not-created", provider } } });
    expect(response.body.data?.createIntegration ?? null).toBeNull();
    expect(response.status).toBeLessThan(500);
    expect(response.body.errors?.[0]?.extensions?.code).not.toBe("INTERNAL_SERVER_ERROR");
    expect(response.body.errors?.[0]?.message).toContain("ProviderConfigInput");
    expect(await integrationNames()).toEqual(before);
  });

  it.each([
    ["no provider", "{}"],
    ["two providers", "{ ticketingMock: {}, identityMock: {} }"],
  ])("refuses %s written inline in the @oneOf provider input, and creates nothing", async (_label, provider) => {
    const before = await integrationNames();
    const mutation = `mutation { createIntegration(input: { accountId: "${accountId}", name: "not-created", provider: ${provider} }) { integration { id } } }`;
    const response = await gql(gateway, mutation, { token });
    expect(response.body.data ?? null).toBeNull();
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(await integrationNames()).toEqual(before);
  });
});

describe("deleteIntegration", () => {
  it("removes the integration and stops its tokens on the next request; a sibling's token keeps working", async () => {
    const doomed = await createIntegration(gateway, token, accountId, "doomed");
    const sibling = await createIntegration(gateway, token, accountId, "sibling");
    expect(await connectorProbe(gateway, doomed.tokens.accessToken)).toEqual(accepted);

    const deleted = await gql(gateway, DeleteIntegrationMutation, { token, variables: { input: { id: doomed.integration.id } } });
    expect(deleted.body).toEqual({ data: { deleteIntegration: { id: doomed.integration.id } } });

    expect(await connectorProbe(gateway, doomed.tokens.accessToken)).toEqual(unauthenticated);
    expect(await connectorProbe(gateway, sibling.tokens.accessToken)).toEqual(accepted);
    expect(errorCode(await gql(gateway, IntegrationQuery, { token, variables: { id: doomed.integration.id } }))).toBe("NOT_FOUND");
  });
});

describe("connector pagination", () => {
  let ticketsToken: string;
  beforeAll(async () => {
    ticketsToken = (await createIntegration(gateway, token, accountId, "paged-tickets")).tokens.accessToken;
  });

  const page = (variables: { first?: number; after?: string | null }) => gql(gateway, TicketsPageQuery, { token: ticketsToken, variables });

  it("walks all twelve mock tickets five at a time, without gaps or duplicates", async () => {
    const keys: string[] = [];
    const hasNext: boolean[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const response = await page({ first: 5, after });
      expect(response.body.errors).toBeUndefined();
      const connection = response.body.data?.tickets;
      keys.push(...(connection?.edges.map((edge) => edge.node.key) ?? []));
      hasNext.push(connection?.pageInfo.hasNextPage ?? false);
      if (!connection?.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor ?? null;
    }
    expect(hasNext).toEqual([true, true, false]);
    expect(keys).toEqual(Array.from({ length: 12 }, (_, index) => `MOCK-${index + 1}`));
  });

  it("resumes after any edge's cursor", async () => {
    const first = await page({ first: 4 });
    const third = first.body.data?.tickets.edges[2];
    const resumed = await page({ first: 2, after: third?.cursor });
    expect(resumed.body.data?.tickets.edges.map((edge) => edge.node.key)).toEqual(["MOCK-4", "MOCK-5"]);
  });

  it.each([
    ["a garbage cursor", { first: 5, after: "garbage!" }],
    ["a cursor that decodes to something else", { first: 5, after: Buffer.from('{"page":1}').toString("base64url") }],
  ])("refuses %s with BAD_USER_INPUT", async (_label, variables) => {
    const response = await page(variables);
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
    expect(response.body.data ?? null).toBeNull();
  });

  it.each([101, -1])("refuses first: %i naming the range, as management lists do", async (first) => {
    const response = await page({ first });
    expect(response.body.errors?.[0]).toMatchObject({ message: "first: must be between 0 and 100", extensions: { code: "BAD_USER_INPUT", field: "first" } });
    expect(response.body.data ?? null).toBeNull();
  });

  it("answers first: 0 with no tickets but whether any follow, and a cursor that resumes where it stood", async () => {
    const empty = await page({ first: 0 });
    expect(empty.body.errors).toBeUndefined();
    expect(empty.body.data?.tickets).toMatchObject({ edges: [], pageInfo: { hasNextPage: true } });
    const resumed = await page({ first: 2, after: empty.body.data?.tickets.pageInfo.endCursor });
    expect(resumed.body.data?.tickets.edges.map((edge) => edge.node.key)).toEqual(["MOCK-1", "MOCK-2"]);

    const third = (await page({ first: 3 })).body.data?.tickets.edges[2]?.cursor;
    const afterThird = await page({ first: 0, after: third });
    expect(afterThird.body.data?.tickets).toMatchObject({ edges: [], pageInfo: { hasNextPage: true } });
    const next = await page({ first: 1, after: afterThird.body.data?.tickets.pageInfo.endCursor });
    expect(next.body.data?.tickets.edges.map((edge) => edge.node.key)).toEqual(["MOCK-4"]);

    const end = (await page({ first: 12 })).body.data?.tickets.pageInfo.endCursor;
    expect((await page({ first: 0, after: end })).body.data?.tickets).toMatchObject({ edges: [], pageInfo: { hasNextPage: false } });
  });
});
