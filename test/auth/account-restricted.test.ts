/** Members and tokens restricted to accounts: they manage their own tokens, and learn or change nothing beyond their accounts. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createIntegration, logon } from "../helpers/flows.ts";
import { errorCode, gql, seedTenant, type SeededTenant, type TestGateway } from "../helpers/gateway.ts";
import { startGatewayFromTemplate } from "../helpers/template-gateway.ts";
import { eventually, narrowedToken } from "../management/support.ts";

let gateway: TestGateway;
let tenant: SeededTenant;
let admin: string;
let accountX: string;
let accountY: string;

const MINT = `mutation($input: CreateOrganizationTokenInput!) { createOrganizationToken(input: $input) { tokens { accessToken refreshTokenId } } }`;
const LIST = `{ refreshTokens(first: 100) { edges { node { id memberId accountIds } } } }`;
const DELETE = `mutation($id: ID!) { deleteRefreshToken(id: $id) { refreshTokenId } }`;

type TokenList = { refreshTokens: { edges: { node: { id: string; memberId: string | null; accountIds: string[] | null } }[] } };

async function mint(token: string, input: Record<string, unknown>) {
  const response = await gql<{ createOrganizationToken: { tokens: { accessToken: string; refreshTokenId: string } } }>(gateway, MINT, { token, variables: { input } });
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.createOrganizationToken.tokens;
}

async function listedIds(token: string) {
  const response = await gql<TokenList>(gateway, LIST, { token });
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.refreshTokens.edges.map((edge) => edge.node.id);
}

async function restrictedMember(email: string, accountIds: string[]) {
  const role = await gql<{ createRole: { role: { id: string } } }>(gateway, `mutation($input: CreateRoleInput!) { createRole(input: $input) { role { id } } }`, {
    token: admin,
    variables: { input: { name: `${email.split("@")[0]}-role`, permissionSet: "ADMINISTRATOR", accountIds } },
  });
  expect(role.body.errors).toBeUndefined();
  const member = await gql(gateway, `mutation($input: CreateMemberInput!) { createMember(input: $input) { member { id } } }`, {
    token: admin,
    variables: { input: { email, password: "a-long-enough-password", roleIds: [role.body.data!.createRole.role.id] } },
  });
  expect(member.body.errors).toBeUndefined();
  return logon(gateway, { ...tenant, email, password: "a-long-enough-password" });
}

beforeAll(async () => {
  gateway = await startGatewayFromTemplate();
  tenant = await seedTenant(gateway);
  admin = (await logon(gateway, tenant)).accessToken;
  accountX = (await createAccount(gateway, admin, "acct-x")).id;
  accountY = (await createAccount(gateway, admin, "secret-customer-y")).id;
  await createIntegration(gateway, admin, accountY, "y-int");
});

afterAll(async () => {
  await gateway?.stop();
});

describe("refresh tokens of an account-restricted caller", () => {
  it("a member whose roles are restricted to accounts logs off, and its session then stops working", async () => {
    const session = await restrictedMember("x-admin@example.test", [accountX]);
    const response = await gql(gateway, `mutation { logoff { refreshTokenId } }`, { token: session.accessToken });
    expect(response.body.errors).toBeUndefined();
    const after = await gql(gateway, `{ accounts(first: 1) { totalCount } }`, { token: session.accessToken });
    expect(errorCode(after)).toBe("UNAUTHENTICATED");
  });

  it("a restricted member sees its own session and the tokens it minted, but not other members' or the administrator's", async () => {
    const session = await restrictedMember("x-admin-2@example.test", [accountX]);
    const other = await restrictedMember("x-admin-3@example.test", [accountX]);
    const minted = await mint(session.accessToken, { permissionSet: "VIEWER", accountIds: [accountX] });
    const seen = await listedIds(session.accessToken);
    expect(seen).toEqual(expect.arrayContaining([session.refreshTokenId, minted.refreshTokenId]));
    expect(seen).not.toContain(other.refreshTokenId);
    const adminList = await gql<TokenList>(gateway, LIST, { token: admin });
    const adminSessions = adminList.body.data!.refreshTokens.edges.filter((edge) => edge.node.memberId === tenant.memberId).map((edge) => edge.node.id);
    expect(adminSessions.length).toBeGreaterThan(0);
    for (const id of adminSessions) expect(seen).not.toContain(id);
    const foreign = await gql(gateway, DELETE, { token: session.accessToken, variables: { id: other.refreshTokenId } });
    expect(errorCode(foreign)).toBe("NOT_FOUND");
  });

  it("a restricted token revokes a token it minted, which then stops working", async () => {
    const token = await narrowedToken(gateway, admin, { permissionSet: "ADMINISTRATOR", accountIds: [accountX] });
    const minted = await mint(token, { permissionSet: "VIEWER", accountIds: [accountX] });
    const removed = await gql(gateway, DELETE, { token, variables: { id: minted.refreshTokenId } });
    expect(removed.body.errors).toBeUndefined();
    const after = await gql(gateway, `{ accounts(first: 1) { totalCount } }`, { token: minted.accessToken });
    expect(errorCode(after)).toBe("UNAUTHENTICATED");
  });

  it("a restricted token sees none of its member's tokens that reach other accounts, nor connector tokens of other accounts", async () => {
    const wider = await mint(admin, { permissionSet: "VIEWER", accountIds: [accountX, accountY] });
    const token = await narrowedToken(gateway, admin, { permissionSet: "ADMINISTRATOR", accountIds: [accountX] });
    const list = await gql<TokenList>(gateway, LIST, { token });
    expect(list.body.errors).toBeUndefined();
    expect(list.body.data!.refreshTokens.edges.map((edge) => edge.node.id)).not.toContain(wider.refreshTokenId);
    expect(JSON.stringify(list.body)).not.toContain(accountY);
    const refused = await gql(gateway, DELETE, { token, variables: { id: wider.refreshTokenId } });
    expect(errorCode(refused)).toBe("NOT_FOUND");
  });
});

describe("organization-wide writes by an account-restricted token", () => {
  it("createAccount is FORBIDDEN (audited as denied), creates nothing and does not reveal other accounts' names", async () => {
    const token = await narrowedToken(gateway, admin, { permissionSet: "ACCOUNT_MANAGER", accountIds: [accountX] });
    const taken = await gql(gateway, `mutation { createAccount(input: { name: "secret-customer-y" }) { account { id } } }`, { token });
    const fresh = await gql(gateway, `mutation { createAccount(input: { name: "made-by-x-only" }) { account { id } } }`, { token });
    expect([errorCode(taken), errorCode(fresh)]).toEqual(["FORBIDDEN", "FORBIDDEN"]);
    const made = await gql<{ accounts: { totalCount: number } }>(gateway, `{ accounts(filter: { name: { eq: "made-by-x-only" } }) { totalCount } }`, { token: admin });
    expect(made.body.data?.accounts.totalCount).toBe(0);
    await eventually(async () => {
      const audit = await gql<{ auditEvents: { edges: { node: { action: string; outcome: string } }[] } }>(
        gateway,
        `{ auditEvents(first: 20, filter: { action: { eq: "accounts.create" } }) { edges { node { action outcome } } } }`,
        { token: admin },
      );
      expect(audit.body.data?.auditEvents.edges.filter((edge) => edge.node.outcome === "DENIED").length).toBe(2);
    });
  });

  it("an unrestricted account-manager still creates accounts", async () => {
    const token = await narrowedToken(gateway, admin, { permissionSet: "ACCOUNT_MANAGER" });
    const created = await gql(gateway, `mutation { createAccount(input: { name: "made-by-manager" }) { account { id } } }`, { token });
    expect(created.body.errors).toBeUndefined();
  });

  it("credentials owned by an integration point are FORBIDDEN to a restricted token, allowed to an unrestricted one", async () => {
    const point = await gql<{ createIntegrationPoint: { integrationPoint: { id: string } } }>(
      gateway,
      `mutation { createIntegrationPoint(input: { name: "ip-cred", connector: TICKETING, testProviders: ["ticketing_mock"], prodProviders: [] }) { integrationPoint { id } } }`,
      { token: admin },
    );
    const ownerId = point.body.data!.createIntegrationPoint.integrationPoint.id;
    const create = (token: string, name: string) =>
      gql(gateway, `mutation($input: CreateCredentialInput!) { createCredential(input: $input) { credential { id } } }`, {
        token,
        variables: { input: { ownerId, name, secret: { token: { token: "planted-token-1234" } } } },
      });
    const restricted = await narrowedToken(gateway, admin, { permissionSet: "ACCOUNT_MANAGER", accountIds: [accountX] });
    expect(errorCode(await create(restricted, "planted"))).toBe("FORBIDDEN");
    const unrestricted = await narrowedToken(gateway, admin, { permissionSet: "ACCOUNT_MANAGER" });
    expect((await create(unrestricted, "shared")).body.errors).toBeUndefined();
    const listed = await gql<{ credentials: { edges: { node: { name: string } }[] } }>(gateway, `query($id: ID!) { credentials(ownerId: $id) { edges { node { name } } } }`, {
      token: admin,
      variables: { id: ownerId },
    });
    expect(listed.body.data?.credentials.edges.map((edge) => edge.node.name)).toEqual(["shared"]);
  });
});

describe("roles seen by an account-restricted token", () => {
  it("show only the caller's accounts, while an unrestricted viewer sees them all", async () => {
    const role = await gql(gateway, `mutation($input: CreateRoleInput!) { createRole(input: $input) { role { id } } }`, {
      token: admin,
      variables: { input: { name: "xy-viewer", permissionSet: "VIEWER", accountIds: [accountX, accountY] } },
    });
    expect(role.body.errors).toBeUndefined();
    const query = `{ roles(first: 100, filter: { name: { eq: "xy-viewer" } }) { edges { node { name accountIds } } } }`;
    const restricted = await gql(gateway, query, { token: await narrowedToken(gateway, admin, { permissionSet: "VIEWER", accountIds: [accountX] }) });
    expect(restricted.body.errors).toBeUndefined();
    expect(JSON.stringify(restricted.body)).not.toContain(accountY);
    expect(restricted.body.data).toEqual({ roles: { edges: [{ node: { name: "xy-viewer", accountIds: [accountX] } }] } });
    const everyone = await gql(gateway, query, { token: await narrowedToken(gateway, admin, { permissionSet: "VIEWER" }) });
    expect(everyone.body.data).toEqual({ roles: { edges: [{ node: { name: "xy-viewer", accountIds: [accountX, accountY] } }] } });
  });
});
