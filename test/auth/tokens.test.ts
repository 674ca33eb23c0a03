/** Minting tokens never widens authority; refresh-token objects renew, rotate, reset and revoke their pairs. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/index.ts";
import { createAccount, createIntegration, CreateAccountMutation, createOrganizationToken, logon } from "../helpers/flows.ts";
import { errorCode, gql, seedTenant, type SeededTenant, type TestGateway } from "../helpers/gateway.ts";
import { accepted, connectorProbe, createIntegrationToken, deleteRefreshToken, FirstTicketQuery, managementProbe, outcome, refreshTokenObjects, unauthenticated } from "../helpers/probes.ts";
import { startGatewayFromTemplate } from "../helpers/template-gateway.ts";

const AccountsQuery = graphql(`
  query AccountsForNarrowingTests {
    accounts { totalCount edges { node { id } } }
  }
`);

const AccountQuery = graphql(`
  query AccountForNarrowingTests($id: ID!) {
    account(id: $id) { id }
  }
`);

const RefreshTokenPairMutation = graphql(`
  mutation RefreshTokenPairForTokenTests($input: RefreshTokenPairInput!) {
    refreshTokenPair(input: $input) { tokens { accessToken refreshToken refreshTokenId expiresAt } }
  }
`);

const RotateRefreshTokenMutation = graphql(`
  mutation RotateRefreshTokenForTokenTests($input: RefreshTokenIdInput!) {
    rotateRefreshToken(input: $input) { tokens { accessToken refreshToken refreshTokenId expiresAt } }
  }
`);

const ResetRefreshTokenMutation = graphql(`
  mutation ResetRefreshTokenForTokenTests($input: RefreshTokenIdInput!) {
    resetRefreshToken(input: $input) { tokens { accessToken refreshToken refreshTokenId expiresAt } }
  }
`);

const RemoveSecondaryTokenPairMutation = graphql(`
  mutation RemoveSecondaryTokenPairForTokenTests($input: RefreshTokenIdInput!) {
    removeSecondaryTokenPair(input: $input) { refreshTokenId }
  }
`);

interface Pair {
  accessToken: string;
  refreshToken: string;
  refreshTokenId: string;
}

let gateway: TestGateway;
let adminToken: string;
let accountX: string;
let accountY: string;
let integrationX: string;
let tenant: SeededTenant;

beforeAll(async () => {
  gateway = await startGatewayFromTemplate();
  tenant = await seedTenant(gateway);
  adminToken = (await logon(gateway, tenant)).accessToken;
  accountX = (await createAccount(gateway, adminToken, "account-x")).id;
  accountY = (await createAccount(gateway, adminToken, "account-y")).id;
  integrationX = (await createIntegration(gateway, adminToken, accountX, "tickets")).integration.id;
});
afterAll(() => gateway.stop());

const field = (response: { body: { errors?: readonly { extensions?: Record<string, unknown> }[] } }) => response.body.errors?.[0]?.extensions?.field;

/** Mints with `token`, expecting success; returns the new pair. */
async function mint(token: string, input: Parameters<typeof createOrganizationToken>[2]): Promise<Pair> {
  const response = await createOrganizationToken(gateway, token, input);
  expect(response.body.errors).toBeUndefined();
  const tokens = response.body.data?.createOrganizationToken.tokens;
  if (!tokens) throw new Error("createOrganizationToken failed");
  return tokens;
}

/** A fresh viewer token of the organization. */
const viewerPair = () => mint(adminToken, { permissionSet: "VIEWER" });

/** Asks `token` to mint `input` and expects a refusal with `code` that leaves no new refresh-token object behind. */
async function expectRefusedMint(token: string, input: Parameters<typeof createOrganizationToken>[2], code: string) {
  const ids = async () => (await refreshTokenObjects(gateway, adminToken)).map((object) => object.id);
  const before = await ids();
  const response = await createOrganizationToken(gateway, token, input);
  expect(errorCode(response)).toBe(code);
  expect(response.body.data ?? null).toBeNull();
  expect(await ids()).toEqual(before);
}


async function refresh(refreshToken: string) {
  return gql(gateway, RefreshTokenPairMutation, { variables: { input: { refreshToken } } });
}

async function refreshed(pair: Pair): Promise<Pair> {
  const response = await refresh(pair.refreshToken);
  expect(response.body.errors).toBeUndefined();
  const tokens = response.body.data?.refreshTokenPair.tokens;
  if (!tokens) throw new Error("refreshTokenPair failed");
  return tokens;
}

async function hasSecondary(id: string) {
  const found = (await refreshTokenObjects(gateway, adminToken)).find((object) => object.id === id);
  return found?.hasSecondary;
}

const probe = (pair: Pair) => managementProbe(gateway, pair.accessToken);

describe("a viewer token", () => {
  it("reads accounts but may not create one", async () => {
    const viewer = (await viewerPair()).accessToken;
    const accounts = await gql(gateway, AccountsQuery, { token: viewer });
    expect(accounts.body.data?.accounts.totalCount).toBe(2);

    const created = await gql(gateway, CreateAccountMutation, { token: viewer, variables: { input: { name: "by-viewer" } } });
    expect(errorCode(created)).toBe("FORBIDDEN");
    expect(created.body.data ?? null).toBeNull();
    expect((await gql(gateway, AccountsQuery, { token: adminToken })).body.data?.accounts.totalCount).toBe(2);
  });

  it("may not mint an administrator token, nor any organization token; nothing is created", async () => {
    const viewer = (await viewerPair()).accessToken;
    await expectRefusedMint(viewer, { permissionSet: "ADMINISTRATOR" }, "FORBIDDEN");
    await expectRefusedMint(viewer, { permissionSet: "VIEWER" }, "FORBIDDEN");
  });

  it("may not mint an integration token", async () => {
    const viewer = (await viewerPair()).accessToken;
    expect(errorCode(await createIntegrationToken(gateway, viewer, integrationX))).toBe("FORBIDDEN");
  });
});

describe("a token-issuer token", () => {
  it("mints a token within its own permissions but not a wider one; the refusal creates nothing", async () => {
    const issuer = (await mint(adminToken, { permissionSet: "TOKEN_ISSUER" })).accessToken;
    await expectRefusedMint(issuer, { permissionSet: "ADMINISTRATOR" }, "FORBIDDEN");
    await expectRefusedMint(issuer, { permissionSet: "VIEWER" }, "FORBIDDEN");

    const narrow = (await mint(issuer, { permissionSet: "VIEWER", permissions: ["accounts:read"] })).accessToken;
    expect((await gql(gateway, AccountsQuery, { token: narrow })).body.data?.accounts.totalCount).toBe(2);
    expect(errorCode(await gql(gateway, "{ integrations { edges { node { id } } } }", { token: narrow }))).toBe("FORBIDDEN");
  });
});

describe("an account-restricted token", () => {
  it("lists only its accounts and cannot see the others", async () => {
    const onlyX = (await mint(adminToken, { permissionSet: "VIEWER", accountIds: [accountX] })).accessToken;
    const accounts = await gql(gateway, AccountsQuery, { token: onlyX });
    expect(accounts.body.data?.accounts).toEqual({ totalCount: 1, edges: [{ node: { id: accountX } }] });

    expect((await gql(gateway, AccountQuery, { token: onlyX, variables: { id: accountX } })).body.data?.account).toEqual({ id: accountX });
    const other = await gql(gateway, AccountQuery, { token: onlyX, variables: { id: accountY } });
    expect(errorCode(other)).toBe("NOT_FOUND");
    expect(other.body.data ?? null).toBeNull();
  });

  it("may not mint an unrestricted token or one for other accounts; nothing is created", async () => {
    const adminOfX = (await mint(adminToken, { permissionSet: "ADMINISTRATOR", accountIds: [accountX] })).accessToken;
    await expectRefusedMint(adminOfX, { permissionSet: "VIEWER" }, "FORBIDDEN");
    await expectRefusedMint(adminOfX, { permissionSet: "VIEWER", accountIds: [accountY] }, "FORBIDDEN");
    await expectRefusedMint(adminOfX, { permissionSet: "VIEWER", accountIds: [accountX, accountY] }, "FORBIDDEN");
  });

  it("mints a token restricted to its own account", async () => {
    const adminOfX = (await mint(adminToken, { permissionSet: "ADMINISTRATOR", accountIds: [accountX] })).accessToken;
    const viewerOfX = (await mint(adminOfX, { permissionSet: "VIEWER", accountIds: [accountX] })).accessToken;
    expect((await gql(gateway, AccountsQuery, { token: viewerOfX })).body.data?.accounts).toEqual({ totalCount: 1, edges: [{ node: { id: accountX } }] });
  });

  it("mints integration tokens only for its own accounts' integrations", async () => {
    const adminOfY = (await mint(adminToken, { permissionSet: "ADMINISTRATOR", accountIds: [accountY] })).accessToken;
    expect(errorCode(await createIntegrationToken(gateway, adminOfY, integrationX))).toBe("NOT_FOUND");
    const adminOfX = (await mint(adminToken, { permissionSet: "ADMINISTRATOR", accountIds: [accountX] })).accessToken;
    const minted = await createIntegrationToken(gateway, adminOfX, integrationX);
    expect(minted.body.errors).toBeUndefined();
  });
});

describe("connect-ui tokens", () => {
  let point: string;
  let otherPoint: string;
  const createPoint = async (name: string, testProviders: string[]) => {
    const response = await gql<{ createIntegrationPoint: { integrationPoint: { id: string } } }>(
      gateway,
      "mutation($input: CreateIntegrationPointInput!) { createIntegrationPoint(input: $input) { integrationPoint { id } } }",
      { token: adminToken, variables: { input: { name, connector: "TICKETING", testProviders, prodProviders: [] } } },
    );
    expect(response.body.errors).toBeUndefined();
    return response.body.data?.createIntegrationPoint.integrationPoint.id ?? "";
  };
  const connectToken = async () => (await mint(adminToken, { permissionSet: "CONNECT_UI", accountIds: [accountX], integrationPointId: point })).accessToken;

  beforeAll(async () => {
    point = await createPoint("connect-page", ["ticketing_mock"]);
    otherPoint = await createPoint("elsewhere", ["ticketing_mock"]);
  });

  it("must be restricted to exactly one account and bound to an integration point", async () => {
    await expectRefusedMint(adminToken, { permissionSet: "CONNECT_UI", integrationPointId: point }, "BAD_USER_INPUT");
    await expectRefusedMint(adminToken, { permissionSet: "CONNECT_UI", accountIds: [accountX, accountY], integrationPointId: point }, "BAD_USER_INPUT");
    await expectRefusedMint(adminToken, { permissionSet: "CONNECT_UI", accountIds: [accountX] }, "BAD_USER_INPUT");
    await expectRefusedMint(adminToken, { permissionSet: "VIEWER", integrationPointId: point }, "BAD_USER_INPUT");
    const connect = await connectToken();
    const integrations = await gql(gateway, "{ integrations { edges { node { id } } } }", { token: connect });
    expect(integrations.body).toEqual({ data: { integrations: { edges: [{ node: { id: integrationX } }] } } });
  });

  it("cannot read the account or the status an integration leads to, which its permissions do not cover", async () => {
    const connect = await connectToken();
    const account = await gql(gateway, "{ integrations { edges { node { id account { id name } } } } }", { token: connect });
    expect(errorCode(account)).toBe("FORBIDDEN");
    expect(account.body.data ?? null).toBeNull();
    expect(JSON.stringify(account.body)).not.toContain(accountX);
    const status = await gql(gateway, "{ integrations { edges { node { id status { health } } } } }", { token: connect });
    expect(errorCode(status)).toBe("FORBIDDEN");
    expect(status.body.data).toEqual({ integrations: { edges: [{ node: { id: integrationX, status: null } }] } });
  });

  it("creates and verifies integrations of its account under its own integration point only, and changes nothing else", async () => {
    const connect = await connectToken();
    const create = (input: Record<string, unknown>) =>
      gql<{ createIntegration: { integration: { id: string; integrationPoint: { id: string } | null } } }>(
        gateway,
        "mutation($input: CreateIntegrationInput!) { createIntegration(input: $input) { integration { id integrationPoint { id } } } }",
        { token: connect, variables: { input: { accountId: accountX, provider: { ticketingMock: {} }, ...input } } },
      );
    const created = await create({ name: "connected" });
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data?.createIntegration.integration.integrationPoint).toEqual({ id: point });
    expect(field(await create({ name: "elsewhere", integrationPointId: otherPoint }))).toBe("integrationPointId");
    const jira = { ticketingJira: { siteUrl: "https://acme.atlassian.net", credential: { basic: { username: "a@b.test", password: "secret-token-1" } } } };
    const verify = await gql(gateway, "mutation($input: VerifyIntegrationInput!) { verifyIntegration(input: $input) { result { ok } } }", {
      token: connect,
      variables: { input: { accountId: accountX, provider: jira } },
    });
    expect(errorCode(verify)).toBe("BAD_USER_INPUT");
    const update = await gql(gateway, "mutation($input: UpdateIntegrationInput!) { updateIntegration(input: $input) { integration { id } } }", {
      token: connect,
      variables: { input: { id: integrationX, fullname: "Taken over" } },
    });
    expect(errorCode(update)).toBe("FORBIDDEN");
    const remove = await gql(gateway, "mutation($input: DeleteIntegrationInput!) { deleteIntegration(input: $input) { __typename } }", { token: connect, variables: { input: { id: integrationX } } });
    expect(errorCode(remove)).toBe("FORBIDDEN");
  });

  it("ends with its integration point", async () => {
    const doomed = await createPoint("doomed", ["ticketing_mock"]);
    const pair = await mint(adminToken, { permissionSet: "CONNECT_UI", accountIds: [accountX], integrationPointId: doomed });
    const connectProbe = async () => errorCode(await gql(gateway, "{ integrations(first: 1) { edges { node { id } } } }", { token: pair.accessToken })) ?? "accepted";
    expect(await connectProbe()).toBe("accepted");
    const deleted = await gql(gateway, "mutation($input: DeleteIntegrationPointInput!) { deleteIntegrationPoint(input: $input) { __typename } }", {
      token: adminToken,
      variables: { input: { id: doomed } },
    });
    expect(deleted.body.errors).toBeUndefined();
    expect(await connectProbe()).toBe("UNAUTHENTICATED");
  });
});

describe("createIntegrationToken", () => {
  it("gives an administrator a token that works on the connector API", async () => {
    const response = await createIntegrationToken(gateway, adminToken, integrationX);
    expect(response.body.errors).toBeUndefined();
    const token = response.body.data?.createIntegrationToken.tokens.accessToken ?? "";
    const tickets = await gql(gateway, FirstTicketQuery, { token, path: "/graphql/connector" });
    expect(tickets.body).toEqual({ data: { tickets: { edges: [{ node: { key: "MOCK-1" } }] } } });
  });
});

describe("refreshTokenPair", () => {
  it("trades the primary refresh token for a new pair and keeps the old pair as the secondary until removeSecondaryTokenPair", async () => {
    const first = await viewerPair();
    expect(await hasSecondary(first.refreshTokenId)).toBe(false);

    const second = await refreshed(first);
    expect(second.refreshTokenId).toBe(first.refreshTokenId);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(await probe(second)).toEqual(accepted);
    expect(await probe(first)).toEqual(accepted);
    expect(await hasSecondary(first.refreshTokenId)).toBe(true);

    const removed = await gql(gateway, RemoveSecondaryTokenPairMutation, { token: adminToken, variables: { input: { id: first.refreshTokenId } } });
    expect(removed.body.errors).toBeUndefined();
    expect(await probe(first)).toEqual(unauthenticated);
    expect(await probe(second)).toEqual(accepted);
    expect(await hasSecondary(first.refreshTokenId)).toBe(false);
  });

  it("refuses the secondary refresh token, an unknown one and an access token with UNAUTHENTICATED, leaving the pairs as they were", async () => {
    const first = await viewerPair();
    const second = await refreshed(first);
    for (const refreshToken of [first.refreshToken, "syr_not-a-refresh-token", second.accessToken]) {
      const response = await refresh(refreshToken);
      expect(outcome(response)).toEqual(unauthenticated);
      expect(response.body.data ?? null).toBeNull();
    }
    expect(await probe(first)).toEqual(accepted);
    expect(await probe(second)).toEqual(accepted);
  });

  it("renews integration tokens too", async () => {
    const tokens = (await createIntegrationToken(gateway, adminToken, integrationX)).body.data?.createIntegrationToken.tokens as Pair;
    const renewed = await refreshed(tokens);
    expect(await connectorProbe(gateway, renewed.accessToken)).toEqual(accepted);
    expect(await connectorProbe(gateway, tokens.accessToken)).toEqual(accepted);
  });
});

describe("rotateRefreshToken", () => {
  it("drops the old secondary, keeps the old primary as the secondary and issues a new primary", async () => {
    const oldest = await viewerPair();
    const previous = await refreshed(oldest);

    const response = await gql(gateway, RotateRefreshTokenMutation, { token: adminToken, variables: { input: { id: oldest.refreshTokenId } } });
    expect(response.body.errors).toBeUndefined();
    const rotated = response.body.data?.rotateRefreshToken.tokens as Pair;

    expect(await probe(oldest)).toEqual(unauthenticated);
    expect(await probe(previous)).toEqual(accepted);
    expect(await probe(rotated)).toEqual(accepted);
    expect(await hasSecondary(oldest.refreshTokenId)).toBe(true);
    expect(outcome(await refresh(previous.refreshToken))).toEqual(unauthenticated);
    expect(await refreshed(rotated)).toMatchObject({ refreshTokenId: oldest.refreshTokenId });
  });
});

describe("resetRefreshToken", () => {
  it("issues a new primary and stops every earlier token", async () => {
    const oldest = await viewerPair();
    const previous = await refreshed(oldest);

    const response = await gql(gateway, ResetRefreshTokenMutation, { token: adminToken, variables: { input: { id: oldest.refreshTokenId } } });
    expect(response.body.errors).toBeUndefined();
    const reset = response.body.data?.resetRefreshToken.tokens as Pair;

    expect(await probe(oldest)).toEqual(unauthenticated);
    expect(await probe(previous)).toEqual(unauthenticated);
    expect(await probe(reset)).toEqual(accepted);
    expect(await hasSecondary(oldest.refreshTokenId)).toBe(false);
    expect(outcome(await refresh(previous.refreshToken))).toEqual(unauthenticated);
  });
});

describe("rotating or resetting another token's object", () => {
  const reissue = (token: string, id: string) => [
    gql(gateway, RotateRefreshTokenMutation, { token, variables: { input: { id } } }),
    gql(gateway, ResetRefreshTokenMutation, { token, variables: { input: { id } } }),
  ];

  it("never hands a narrower token a wider one: the administrator's session stays as it was", async () => {
    const session = await logon(gateway, tenant);
    const tokenKeeper = await mint(adminToken, { permissionSet: "ADMINISTRATOR", permissions: ["tokens:read", "tokens:write"] });
    for (const attempt of reissue(tokenKeeper.accessToken, session.refreshTokenId)) {
      const response = await attempt;
      expect(errorCode(response)).toBe("FORBIDDEN");
      expect(response.body.data ?? null).toBeNull();
    }
    expect(await probe(session)).toEqual(accepted);
    expect(await hasSecondary(session.refreshTokenId)).toBe(false);
    const wider = await mint(adminToken, { permissionSet: "VIEWER" });
    for (const attempt of reissue(tokenKeeper.accessToken, wider.refreshTokenId)) expect(errorCode(await attempt)).toBe("FORBIDDEN");
    expect(await probe(wider)).toEqual(accepted);
  });

  it("re-issues a token no wider than the caller's", async () => {
    const tokenKeeper = await mint(adminToken, { permissionSet: "ADMINISTRATOR", permissions: ["tokens:read", "tokens:write", "tokens:issue-organization"] });
    const narrower = await mint(tokenKeeper.accessToken, { permissionSet: "ADMINISTRATOR", permissions: ["tokens:read"] });
    const response = await gql(gateway, RotateRefreshTokenMutation, { token: tokenKeeper.accessToken, variables: { input: { id: narrower.refreshTokenId } } });
    expect(response.body.errors).toBeUndefined();
    expect(await hasSecondary(narrower.refreshTokenId)).toBe(true);
  });

  it("re-issues an integration token only to a caller that may issue integration tokens", async () => {
    const { tokens: integrationPair } = await createIntegration(gateway, adminToken, accountX, "reissued");
    const tokenKeeper = await mint(adminToken, { permissionSet: "ADMINISTRATOR", permissions: ["tokens:read", "tokens:write"] });
    for (const attempt of reissue(tokenKeeper.accessToken, integrationPair.refreshTokenId)) expect(errorCode(await attempt)).toBe("FORBIDDEN");
    expect(await connectorProbe(gateway, integrationPair.accessToken)).toEqual(accepted);
    const issuer = await mint(adminToken, { permissionSet: "ADMINISTRATOR", permissions: ["tokens:write", "tokens:issue-integration"] });
    const rotated = await gql(gateway, RotateRefreshTokenMutation, { token: issuer.accessToken, variables: { input: { id: integrationPair.refreshTokenId } } });
    expect(rotated.body.errors).toBeUndefined();
    expect(await connectorProbe(gateway, rotated.body.data?.rotateRefreshToken.tokens.accessToken ?? "")).toEqual(accepted);
  });

  it("records the refusal in the audit log", async () => {
    const session = await logon(gateway, tenant);
    const tokenKeeper = await mint(adminToken, { permissionSet: "ADMINISTRATOR", permissions: ["tokens:read", "tokens:write"] });
    await gql(gateway, RotateRefreshTokenMutation, { token: tokenKeeper.accessToken, variables: { input: { id: session.refreshTokenId } } });
    const audit = await gql<{ auditEvents: { edges: { node: { action: string; outcome: string; resourceId: string | null } }[] } }>(
      gateway,
      `{ auditEvents(first: 5, filter: { action: { eq: "tokens.rotate" } }) { edges { node { action outcome resourceId } } } }`,
      { token: adminToken },
    );
    expect(audit.body.data?.auditEvents.edges.map((edge) => edge.node)).toContainEqual({ action: "tokens.rotate", outcome: "DENIED", resourceId: session.refreshTokenId });
  });
});

describe("deleteRefreshToken", () => {
  it("stops both pairs at once and the refresh token with them", async () => {
    const first = await viewerPair();
    const second = await refreshed(first);

    const deleted = await deleteRefreshToken(gateway, adminToken, first.refreshTokenId);
    expect(deleted.body.errors).toBeUndefined();

    expect(await probe(first)).toEqual(unauthenticated);
    expect(await probe(second)).toEqual(unauthenticated);
    expect(outcome(await refresh(second.refreshToken))).toEqual(unauthenticated);
    expect((await refreshTokenObjects(gateway, adminToken)).map((object) => object.id)).not.toContain(first.refreshTokenId);
  });
});

describe("refreshTokens", () => {
  it("lists the organization's refresh-token objects with their layer and whether a secondary pair is live", async () => {
    const plain = await viewerPair();
    const renewed = await viewerPair();
    await refreshed(renewed);

    const objects = await refreshTokenObjects(gateway, adminToken);
    expect(objects.find((object) => object.id === plain.refreshTokenId)).toMatchObject({ name: "organization token", layer: "MANAGEMENT", hasSecondary: false, accountIds: null });
    expect(objects.find((object) => object.id === renewed.refreshTokenId)).toMatchObject({ name: "organization token", layer: "MANAGEMENT", hasSecondary: true });
  });
  it("finds one object by id, and only one the calling token can see", async () => {
    const pair = await viewerPair();
    const lookup = (token: string, id: string) => gql<{ refreshToken: { id: string; layer: string } }>(gateway, "query($id: ID!) { refreshToken(id: $id) { id layer } }", { token, variables: { id } });
    expect((await lookup(adminToken, pair.refreshTokenId)).body.data).toEqual({ refreshToken: { id: pair.refreshTokenId, layer: "MANAGEMENT" } });
    expect(errorCode(await lookup(adminToken, "00000000-0000-4000-8000-000000000000"))).toBe("NOT_FOUND");
    expect(errorCode(await lookup(adminToken, "not-an-id"))).toBe("NOT_FOUND");
    const restricted = (await mint(adminToken, { permissionSet: "ADMINISTRATOR", accountIds: [accountX] })).accessToken;
    expect(errorCode(await lookup(restricted, pair.refreshTokenId))).toBe("NOT_FOUND");
  });
});
