/**
 * The filters and orders of integrations (top-level and under an account), audit events, refresh
 * tokens and organization webhooks, and UPDATED_AT on every list whose items show `updatedAt`: each
 * narrows or sorts as described, a foreign or malformed id matches nothing, and an id cursor pages
 * through any sort order without skipping or repeating.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logon } from "../helpers/flows.ts";
import { gql, seedTenant, startGateway, type TestGateway } from "../helpers/gateway.ts";
import { eventually, narrowedToken } from "./support.ts";

let gateway: TestGateway;
let admin: string;
let adminMemberId: string;
let pointId: string;
const accountIds: Record<string, string> = {};
const integrationIds: Record<string, string> = {};
const statements: string[] = [];
/** Creation times are kept to the millisecond; a pause keeps "created later" from being a tie. */
const nextMillisecond = () => new Promise((resolve) => setTimeout(resolve, 3));
let counting = false;

async function data<T>(query: string, variables: Record<string, unknown> = {}, token = admin): Promise<T> {
  const response = await gql<T>(gateway, query, { token, variables });
  expect(response.body.errors).toBeUndefined();
  return response.body.data!;
}

async function createAccount(name: string, environment: string, labels: string[]) {
  const created = await data<{ createAccount: { account: { id: string } } }>(
    "mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }",
    { input: { name, environment, labels } },
  );
  accountIds[name] = created.createAccount.account.id;
}

async function createIntegration(account: string, name: string, underPoint: boolean) {
  const input = { accountId: accountIds[account], name, provider: { ticketingMock: {} }, ...(underPoint && { integrationPointId: pointId }) };
  const created = await data<{ createIntegration: { integration: { id: string } } }>(
    "mutation($input: CreateIntegrationInput!) { createIntegration(input: $input) { integration { id } } }",
    { input },
  );
  integrationIds[`${account}/${name}`] = created.createIntegration.integration.id;
}

beforeAll(async () => {
  // The webhook dispatcher polls on the same client; its statements are not the request's.
  gateway = await startGateway({ SWITCHYARD_WEBHOOK_DELIVERY: "false" }, { onQuery: (sql) => counting && statements.push(sql) });
  const tenant = await seedTenant(gateway);
  admin = (await logon(gateway, tenant)).accessToken;
  adminMemberId = tenant.memberId;
  const point = await data<{ createIntegrationPoint: { integrationPoint: { id: string } } }>(
    "mutation($input: CreateIntegrationPointInput!) { createIntegrationPoint(input: $input) { integrationPoint { id } } }",
    { input: { name: "tickets", connector: "TICKETING", testProviders: ["ticketing_mock"], prodProviders: ["ticketing_mock"] } },
  );
  pointId = point.createIntegrationPoint.integrationPoint.id;
  await createAccount("alpha", "TEST", ["eu"]);
  await createAccount("beta", "PROD", ["eu", "vip"]);
  await createAccount("gamma", "TEST", []);
  await createIntegration("alpha", "mango", true);
  await createIntegration("alpha", "shared", false);
  await createIntegration("beta", "kiwi", true);
  await createIntegration("beta", "apple", false);
  await createIntegration("gamma", "shared", false);
}, 60_000);
afterAll(() => gateway?.stop());

type Node = { id: string; name: string; createdAt: string; updatedAt: string; account: { name: string } };
type Connection = { edges: { node: Node }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };

const IntegrationsQuery = `query($filter: IntegrationFilter, $orderBy: IntegrationOrder, $first: Int, $after: String) {
  integrations(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    edges { node { id name createdAt updatedAt account { name } } }
    pageInfo { endCursor hasNextPage }
  }
}`;

const integrations = async (variables: Record<string, unknown>, token = admin) =>
  (await data<{ integrations: Connection }>(IntegrationsQuery, variables, token)).integrations;
const qualified = (connection: Connection) => connection.edges.map(({ node }) => `${node.account.name}/${node.name}`);
const sortedNames = async (filter: Record<string, unknown>, token = admin) => qualified(await integrations({ filter }, token)).sort();

describe("integrations: filters", () => {
  it("by integration point; a foreign or malformed point id matches nothing", async () => {
    expect(await sortedNames({ integrationPointId: [pointId] })).toEqual(["alpha/mango", "beta/kiwi"]);
    expect(await sortedNames({ integrationPointId: [accountIds.alpha] })).toEqual([]);
    expect(await sortedNames({ integrationPointId: ["not-a-uuid"] })).toEqual([]);
  });

  it("by the owning account's environment and labels (every label must be carried)", async () => {
    expect(await sortedNames({ environment: "PROD" })).toEqual(["beta/apple", "beta/kiwi"]);
    expect(await sortedNames({ environment: "TEST" })).toEqual(["alpha/mango", "alpha/shared", "gamma/shared"]);
    expect(await sortedNames({ labels: ["eu"] })).toEqual(["alpha/mango", "alpha/shared", "beta/apple", "beta/kiwi"]);
    expect(await sortedNames({ labels: ["eu", "vip"] })).toEqual(["beta/apple", "beta/kiwi"]);
    expect(await sortedNames({ labels: ["eu"], environment: "TEST", integrationPointId: [pointId] })).toEqual(["alpha/mango"]);
  });

  it("by creation time: open either end, `to` exclusive", async () => {
    const all = (await integrations({})).edges.map(({ node }) => node);
    const kiwi = all.find((node) => node.name === "kiwi")!;
    const expected = (keep: (created: number) => boolean) => all.filter((node) => keep(Date.parse(node.createdAt))).map((node) => `${node.account.name}/${node.name}`).sort();
    const kiwiTime = Date.parse(kiwi.createdAt);
    expect(await sortedNames({ createdAt: { from: kiwi.createdAt } })).toEqual(expected((time) => time >= kiwiTime));
    expect(await sortedNames({ createdAt: { to: kiwi.createdAt } })).toEqual(expected((time) => time < kiwiTime));
    expect(expected((time) => time < kiwiTime)).toContain("alpha/mango");
    expect(await sortedNames({ createdAt: { to: "2000-01-01T00:00:00Z" } })).toEqual([]);
  });

  it("by update time, and sorted by it: the integration changed last comes first", async () => {
    await nextMillisecond();
    await data("mutation($input: UpdateIntegrationInput!) { updateIntegration(input: $input) { integration { id } } }", {
      input: { id: integrationIds["beta/apple"], fullname: "Apple, renamed" },
    });
    const byUpdate = await integrations({ orderBy: { field: "UPDATED_AT", direction: "DESC" } });
    const changed = byUpdate.edges[0]!.node;
    expect(`${changed.account.name}/${changed.name}`).toBe("beta/apple");
    expect(await sortedNames({ updatedAt: { from: changed.updatedAt } })).toEqual(["beta/apple"]);
  });

  it("an account-restricted token filtering on another account's id sees nothing of it", async () => {
    const restricted = await narrowedToken(gateway, admin, { permissionSet: "VIEWER", accountIds: [accountIds.alpha!] });
    expect(await sortedNames({ accountId: [accountIds.beta] }, restricted)).toEqual([]);
    expect(await sortedNames({ integrationPointId: [pointId] }, restricted)).toEqual(["alpha/mango"]);
  });
});

describe("integrations: order and paging", () => {
  it("sorts by name both ways, equal names tie-broken on id in the same direction", async () => {
    const ascending = await integrations({ orderBy: { field: "NAME", direction: "ASC" } });
    const descending = await integrations({ orderBy: { field: "NAME", direction: "DESC" } });
    expect(ascending.edges.map(({ node }) => node.name)).toEqual(["apple", "kiwi", "mango", "shared", "shared"]);
    expect(descending.edges.map(({ node }) => node.id)).toEqual(ascending.edges.map(({ node }) => node.id).reverse());
  });

  it("pages through NAME DESC with `after` and gets every integration exactly once", async () => {
    const orderBy = { field: "NAME", direction: "DESC" };
    const first = await integrations({ orderBy, first: 3 });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await integrations({ orderBy, first: 3, after: first.pageInfo.endCursor });
    expect(second.pageInfo.hasNextPage).toBe(false);

    const paged = [...first.edges, ...second.edges].map(({ node }) => node.id);
    const whole = (await integrations({ orderBy })).edges.map(({ node }) => node.id);
    expect(paged).toEqual(whole);
    expect(new Set(paged).size).toBe(Object.keys(integrationIds).length);
    expect(qualified(first).slice(0, 2).map((name) => name.split("/")[1])).toEqual(["shared", "shared"]);
  });
});

const AccountIntegrations = `query($id: ID!, $filter: IntegrationFilter, $orderBy: IntegrationOrder) {
  account(id: $id) { integrations(filter: $filter, orderBy: $orderBy) { totalCount edges { node { name } } } }
}`;

describe("Account.integrations: the same filter and order", () => {
  const nested = async (account: string, variables: Record<string, unknown>) => {
    const { integrations: connection } = (await data<{ account: { integrations: { totalCount: number; edges: { node: { name: string } }[] } } }>(AccountIntegrations, { id: accountIds[account], ...variables })).account;
    return { totalCount: connection.totalCount, names: connection.edges.map(({ node }) => node.name) };
  };

  it("filters and sorts one account's integrations, and counts the filtered list", async () => {
    expect(await nested("alpha", { orderBy: { field: "NAME", direction: "DESC" } })).toEqual({ totalCount: 2, names: ["shared", "mango"] });
    expect(await nested("alpha", { filter: { integrationPointId: [pointId] } })).toEqual({ totalCount: 1, names: ["mango"] });
    expect(await nested("beta", { filter: { name: { startsWith: "ap" } } })).toEqual({ totalCount: 1, names: ["apple"] });
  });

  it("account conditions keep all of the account's integrations or none", async () => {
    expect(await nested("beta", { filter: { environment: "TEST" } })).toEqual({ totalCount: 0, names: [] });
    expect(await nested("beta", { filter: { labels: ["vip"] } })).toEqual({ totalCount: 2, names: ["kiwi", "apple"] });
  });

  it("costs the same statements for one account as for three, filtered and sorted", async () => {
    const query = `query($first: Int!, $filter: IntegrationFilter) {
      accounts(first: $first) { edges { node { integrations(first: 10, filter: $filter, orderBy: { field: NAME, direction: DESC }) { edges { node { id name } } } } } }
    }`;
    const count = async (first: number) => {
      let fewest = Number.POSITIVE_INFINITY;
      // The fewest over three runs: background work (a token-liveness refresh) only ever adds.
      for (let run = 0; run < 3; run++) {
        statements.length = 0;
        counting = true;
        await data(query, { first, filter: { labels: ["eu"], createdAt: { from: "2000-01-01T00:00:00Z" } } });
        counting = false;
        fewest = Math.min(fewest, statements.length);
      }
      return fewest;
    };
    expect(await count(3)).toBe(await count(1));
  });
});

type AuditPage = { auditEvents: { edges: { node: { id: string; time: string } }[]; pageInfo: { endCursor: string | null } } };
const AuditQuery = `query($orderBy: AuditEventOrder, $first: Int, $after: String) {
  auditEvents(filter: { action: { startsWith: "integrations." } }, orderBy: $orderBy, first: $first, after: $after) {
    edges { node { id time } } pageInfo { endCursor }
  }
}`;

describe("auditEvents: orderBy", () => {
  it("is newest first by default and oldest first on request, the exact reverse", async () => {
    await eventually(async () => {
      const byDefault = (await data<AuditPage>(AuditQuery)).auditEvents.edges.map(({ node }) => node);
      expect(byDefault).toHaveLength(6);
      const ascending = (await data<AuditPage>(AuditQuery, { orderBy: { field: "TIME", direction: "ASC" } })).auditEvents.edges.map(({ node }) => node);
      expect(ascending.map((node) => node.id)).toEqual(byDefault.map((node) => node.id).reverse());
      const times = ascending.map((node) => Date.parse(node.time));
      expect(times).toEqual([...times].sort((a, b) => a - b));
    });
  });

  it("pages on oldest first with `after`", async () => {
    const orderBy = { field: "TIME", direction: "ASC" };
    const whole = (await data<AuditPage>(AuditQuery, { orderBy })).auditEvents.edges.map(({ node }) => node.id);
    const first = (await data<AuditPage>(AuditQuery, { orderBy, first: 4 })).auditEvents;
    const rest = (await data<AuditPage>(AuditQuery, { orderBy, first: 4, after: first.pageInfo.endCursor })).auditEvents;
    expect([...first.edges, ...rest.edges].map(({ node }) => node.id)).toEqual(whole);
  });
});

type TokenNode = { name: string; layer: string; session: boolean; memberId: string | null; integrationId: string | null; expiresAt: string };
const TokensQuery = `query($filter: RefreshTokenFilter, $orderBy: RefreshTokenOrder) {
  refreshTokens(filter: $filter, orderBy: $orderBy) { edges { node { name layer session memberId integrationId expiresAt } } }
}`;
const tokens = async (variables: Record<string, unknown>) => (await data<{ refreshTokens: { edges: { node: TokenNode }[] } }>(TokensQuery, variables)).refreshTokens.edges.map(({ node }) => node);

describe("refreshTokens: filter and orderBy", () => {
  beforeAll(async () => {
    for (const [name, ttlSeconds] of [["ci-deploy", 3_600], ["ci-audit", 7_200]] as const) {
      await nextMillisecond();
      await data("mutation($input: CreateOrganizationTokenInput!) { createOrganizationToken(input: $input) { tokens { refreshTokenId } } }", {
        input: { permissionSet: "VIEWER", name, ttlSeconds },
      });
    }
  });

  it("by layer, integration and session", async () => {
    expect(await tokens({ filter: { layer: "CONNECTOR" } })).toHaveLength(Object.keys(integrationIds).length);
    const mango = await tokens({ filter: { integrationId: [integrationIds["alpha/mango"]] } });
    expect(mango).toEqual([expect.objectContaining({ layer: "CONNECTOR", integrationId: integrationIds["alpha/mango"] })]);
    const sessions = await tokens({ filter: { session: true } });
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.every((token) => token.layer === "MANAGEMENT" && token.memberId === adminMemberId)).toBe(true);
    const minted = await tokens({ filter: { session: false, layer: "MANAGEMENT" } });
    expect(minted.some((token) => token.session)).toBe(false);
    expect(minted.map((token) => token.name)).toEqual(expect.arrayContaining(["ci-audit", "ci-deploy"]));
  });

  it("by member; a malformed or foreign id matches nothing", async () => {
    const mine = await tokens({ filter: { memberId: [adminMemberId] } });
    expect(mine.every((token) => token.layer === "MANAGEMENT")).toBe(true);
    expect(mine.map((token) => token.name)).toEqual(expect.arrayContaining(["ci-audit", "ci-deploy"]));
    expect(await tokens({ filter: { memberId: ["garbage"] } })).toEqual([]);
    expect(await tokens({ filter: { integrationId: [accountIds.alpha] } })).toEqual([]);
  });

  it("by name, expiry and creation time, sorted by expiry or name", async () => {
    const named = { name: { startsWith: "ci-" } };
    const soon = new Date(Date.now() + 5_400_000).toISOString();
    expect((await tokens({ filter: { ...named, expiresAt: { to: soon } } })).map((token) => token.name)).toEqual(["ci-deploy"]);
    expect((await tokens({ filter: named, orderBy: { field: "EXPIRES_AT", direction: "ASC" } })).map((token) => token.name)).toEqual(["ci-deploy", "ci-audit"]);
    expect((await tokens({ filter: named, orderBy: { field: "NAME", direction: "ASC" } })).map((token) => token.name)).toEqual(["ci-audit", "ci-deploy"]);
    expect((await tokens({ filter: named })).map((token) => token.name)).toEqual(["ci-audit", "ci-deploy"]);
    expect(await tokens({ filter: { createdAt: { from: new Date(Date.now() + 60_000).toISOString() } } })).toEqual([]);
  });

  it("counts the filtered list, not the page", async () => {
    const counted = await data<{ refreshTokens: { totalCount: number; edges: unknown[] } }>(
      "query($filter: RefreshTokenFilter) { refreshTokens(first: 1, filter: $filter) { totalCount edges { cursor } } }",
      { filter: { name: { startsWith: "ci-" } } },
    );
    expect(counted.refreshTokens).toMatchObject({ totalCount: 2, edges: [expect.anything()] });
  });
});

describe("organizationWebhooks: createdAt and orderBy", () => {
  const WebhooksQuery = `query($filter: OrganizationWebhookFilter, $orderBy: OrganizationWebhookOrder) {
    organizationWebhooks(filter: $filter, orderBy: $orderBy) { edges { node { name createdAt } } }
  }`;
  const webhooks = async (variables: Record<string, unknown>) =>
    (await data<{ organizationWebhooks: { edges: { node: { name: string; createdAt: string } }[] } }>(WebhooksQuery, variables)).organizationWebhooks.edges.map(({ node }) => node);

  beforeAll(async () => {
    for (const name of ["hook-b", "hook-a"]) {
      await nextMillisecond();
      await data("mutation($input: CreateOrganizationWebhookInput!) { createOrganizationWebhook(input: $input) { webhook { id } } }", {
        input: { name, url: `https://example.com/${name}`, events: ["ACCOUNT_CREATED"] },
      });
    }
  });

  it("sorts by name or by creation, oldest first by default", async () => {
    expect((await webhooks({})).map((hook) => hook.name)).toEqual(["hook-b", "hook-a"]);
    expect((await webhooks({ orderBy: { field: "NAME", direction: "ASC" } })).map((hook) => hook.name)).toEqual(["hook-a", "hook-b"]);
    expect((await webhooks({ orderBy: { field: "CREATED_AT", direction: "DESC" } })).map((hook) => hook.name)).toEqual(["hook-a", "hook-b"]);
  });

  it("narrows by creation time", async () => {
    const [older, newer] = await webhooks({});
    expect((await webhooks({ filter: { createdAt: { from: newer!.createdAt } } })).map((hook) => hook.name)).toContain("hook-a");
    expect(await webhooks({ filter: { createdAt: { from: "2000-01-01T00:00:00Z", to: older!.createdAt } } })).toEqual([]);
    expect(await webhooks({ filter: { createdAt: { from: new Date(Date.now() + 60_000).toISOString() } } })).toEqual([]);
  });
});

/** One list whose items show `updatedAt`: its order input, how to make an item and change it later, and the list narrowed to the items made here. */
type Changeable = { order: string; create: (name: string) => Promise<string>; change: (id: string) => Promise<unknown>; list: (paging: string) => string };

async function made(mutation: string, input: Record<string, unknown>, payloadField: string, token = admin) {
  const inputType = `${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input`;
  const response = await data<Record<string, Record<string, { id: string }>>>(`mutation($input: ${inputType}!) { ${mutation}(input: $input) { ${payloadField} { id } } }`, { input }, token);
  return response[mutation]![payloadField]!.id;
}

describe("UPDATED_AT: every list whose items show updatedAt sorts by it", () => {
  const byName = `filter: { name: { startsWith: "upd-" } }`;
  const subOrganizationNames = new Map<string, string>();
  const changeable: Record<string, Changeable> = {
    accounts: {
      order: "AccountOrder",
      create: (name) => made("createAccount", { name }, "account"),
      change: (id) => made("updateAccount", { id, fullname: "Changed" }, "account"),
      list: (paging) => `accounts(${byName}, ${paging})`,
    },
    integrationPoints: {
      order: "IntegrationPointOrder",
      create: (name) => made("createIntegrationPoint", { name, connector: "TICKETING" }, "integrationPoint"),
      change: (id) => made("updateIntegrationPoint", { id, fullname: "Changed" }, "integrationPoint"),
      list: (paging) => `integrationPoints(${byName}, ${paging})`,
    },
    roles: {
      order: "RoleOrder",
      create: (name) => made("createRole", { name, permissionSet: "VIEWER" }, "role"),
      change: (id) => made("updateRole", { id, description: "Changed." }, "role"),
      list: (paging) => `roles(${byName}, ${paging})`,
    },
    members: {
      order: "MemberOrder",
      create: (name) => made("createMember", { email: `${name}@example.com`, kind: "SERVICE" }, "member"),
      change: (id) => made("updateMember", { id, fullname: "Changed" }, "member"),
      list: (paging) => `members(filter: { email: { startsWith: "upd-" } }, ${paging})`,
    },
    organizationWebhooks: {
      order: "OrganizationWebhookOrder",
      create: (name) => made("createOrganizationWebhook", { name, url: `https://example.com/${name}`, events: ["ACCOUNT_CREATED"] }, "webhook"),
      change: (id) => made("updateOrganizationWebhook", { id, enabled: false }, "webhook"),
      list: (paging) => `organizationWebhooks(${byName}, ${paging})`,
    },
    credentials: {
      order: "CredentialOrder",
      create: (name) => made("createCredential", { ownerId: accountIds.alpha, name, secret: { token: { token: "first-token-1234567890" } } }, "credential"),
      change: (id) => made("updateCredential", { id, secret: { token: { token: "second-token-1234567890" } } }, "credential"),
      list: (paging) => `credentials(ownerId: "${accountIds.alpha}", ${byName}, ${paging})`,
    },
    subOrganizations: {
      order: "SubOrganizationOrder",
      create: async (name) => {
        const id = await made("createSubOrganization", { name, adminEmail: `admin@${name}.example.com`, adminPassword: "sub-organization-pass" }, "organization");
        subOrganizationNames.set(id, name);
        return id;
      },
      // Only a sub-organization's own members change it: its first administrator logs on to it.
      change: async (id) => {
        const input = { organizationId: id, email: `admin@${subOrganizationNames.get(id)}.example.com`, password: "sub-organization-pass" };
        const { logon } = await data<{ logon: { tokens: { accessToken: string } } }>("mutation($input: LogonInput!) { logon(input: $input) { tokens { accessToken } } }", { input });
        return made("updateOrganization", { fullname: "Changed" }, "organization", logon.tokens.accessToken);
      },
      list: (paging) => `subOrganizations(${byName}, ${paging})`,
    },
  };
  const ids: Record<string, { older: string; newer: string }> = {};

  beforeAll(async () => {
    for (const [list, { create, change }] of Object.entries(changeable)) {
      const older = await create(`upd-${list.toLowerCase()}-older`);
      await nextMillisecond();
      const newer = await create(`upd-${list.toLowerCase()}-newer`);
      await nextMillisecond();
      await change(older);
      ids[list] = { older, newer };
    }
  }, 60_000);

  async function page(list: string, orderBy: { field: string; direction: string }, paging: { first?: number; after?: string | null } = {}) {
    const { order, list: field } = changeable[list]!;
    const query = `query($orderBy: ${order}, $first: Int, $after: String) { ${field("orderBy: $orderBy, first: $first, after: $after")} { edges { node { id } } pageInfo { endCursor } } }`;
    const connection = (await data<Record<string, { edges: { node: { id: string } }[]; pageInfo: { endCursor: string | null } }>>(query, { orderBy, ...paging }))[list]!;
    return { ids: connection.edges.map(({ node }) => node.id), endCursor: connection.pageInfo.endCursor };
  }

  it.each(Object.keys(changeable))("%s: the item changed last comes first newest-first and last oldest-first, whatever the creation order", async (list) => {
    const { older, newer } = ids[list]!;
    expect((await page(list, { field: "UPDATED_AT", direction: "DESC" })).ids).toEqual([older, newer]);
    expect((await page(list, { field: "UPDATED_AT", direction: "ASC" })).ids).toEqual([newer, older]);
    expect((await page(list, { field: "CREATED_AT", direction: "DESC" })).ids).toEqual([newer, older]);
  });

  it("accounts page on by UPDATED_AT with `after`", async () => {
    const orderBy = { field: "UPDATED_AT", direction: "DESC" };
    const first = await page("accounts", orderBy, { first: 1 });
    const rest = await page("accounts", orderBy, { first: 1, after: first.endCursor });
    expect([...first.ids, ...rest.ids]).toEqual([ids.accounts!.older, ids.accounts!.newer]);
  });
});
