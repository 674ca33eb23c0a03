/** The `credentials` list: typed filters on type, name and creation time, and an order that pages stably. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, logon, requestCredential } from "../helpers/flows.ts";
import { errorCode, gql, seedTenant, type TestGateway } from "../helpers/gateway.ts";
import { startGatewayFromTemplate } from "../helpers/template-gateway.ts";

let gateway: TestGateway;
let admin: string;
let accountId: string;
const createdAt = new Map<string, string>();

type Page = { credentials: { edges: { cursor: string; node: { name: string; createdAt: string } }[]; pageInfo: { hasNextPage: boolean } } };

const LIST = `query($owner: ID!, $filter: CredentialFilter, $orderBy: CredentialOrder, $first: Int, $after: String) {
  credentials(ownerId: $owner, filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    edges { cursor node { name createdAt } }
    pageInfo { hasNextPage }
  }
}`;

async function page(variables: Record<string, unknown>, owner = accountId) {
  const response = await gql<Page>(gateway, LIST, { token: admin, variables: { owner, ...variables } });
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.credentials;
}

const names = async (variables: Record<string, unknown>) => (await page(variables)).edges.map((edge) => edge.node.name);

beforeAll(async () => {
  gateway = await startGatewayFromTemplate();
  admin = (await logon(gateway, await seedTenant(gateway))).accessToken;
  accountId = (await createAccount(gateway, admin, "acme")).id;
  // Created one after another, so that creation order and name order differ.
  const secrets = { "beta-basic": { basic: { username: "bot@example.com", password: "password-1234" } }, "alpha-token": { token: { token: "token-1234567890" } }, "gamma-token": { token: { token: "token-0987654321" } } };
  for (const [name, secret] of Object.entries(secrets)) {
    const created = await requestCredential(gateway, admin, { ownerId: accountId, name, secret });
    expect(created.body.errors).toBeUndefined();
  }
  for (const edge of (await page({})).edges) createdAt.set(edge.node.name, edge.node.createdAt);
});

afterAll(async () => {
  await gateway?.stop();
});

describe("credentials(orderBy:)", () => {
  it("lists oldest first by default, and by name or creation time in either direction", async () => {
    expect(await names({})).toEqual(["beta-basic", "alpha-token", "gamma-token"]);
    expect(await names({ orderBy: { field: "NAME", direction: "ASC" } })).toEqual(["alpha-token", "beta-basic", "gamma-token"]);
    expect(await names({ orderBy: { field: "NAME", direction: "DESC" } })).toEqual(["gamma-token", "beta-basic", "alpha-token"]);
    expect(await names({ orderBy: { field: "CREATED_AT", direction: "DESC" } })).toEqual(["gamma-token", "alpha-token", "beta-basic"]);
  });

  it("pages through a name order with cursors, each credential once", async () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const current = await page({ orderBy: { field: "NAME", direction: "ASC" }, first: 1, after });
      seen.push(...current.edges.map((edge) => edge.node.name));
      if (!current.pageInfo.hasNextPage) break;
      after = current.edges.at(-1)!.cursor;
    }
    expect(seen).toEqual(["alpha-token", "beta-basic", "gamma-token"]);
  });
});

describe("credentials(filter:)", () => {
  it("narrows by type, by name and by creation time, all conditions together", async () => {
    expect(await names({ filter: { type: ["TOKEN"] } })).toEqual(["alpha-token", "gamma-token"]);
    expect(await names({ filter: { type: ["BASIC", "AWS"] } })).toEqual(["beta-basic"]);
    expect(await names({ filter: { name: { startsWith: "gam" } } })).toEqual(["gamma-token"]);
    expect(await names({ filter: { name: { contains: "TOKEN" } } })).toEqual(["alpha-token", "gamma-token"]);
    expect(await names({ filter: { createdAt: { from: createdAt.get("alpha-token") } } })).toEqual(["alpha-token", "gamma-token"]);
    expect(await names({ filter: { createdAt: { to: createdAt.get("alpha-token") } } })).toEqual(["beta-basic"]);
    expect(await names({ filter: { type: ["TOKEN"], name: { eq: "beta-basic" } } })).toEqual([]);
  });

  it("never widens the list beyond its owner", async () => {
    const other = (await createAccount(gateway, admin, "beta")).id;
    expect((await page({ filter: { name: { in: ["alpha-token", "beta-basic"] } } }, other)).edges).toEqual([]);
  });

  it("refuses a value that is not a credential type", async () => {
    const response = await gql(gateway, LIST, { token: admin, variables: { owner: accountId, filter: { type: ["PASSWORD"] } } });
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
  });
});
