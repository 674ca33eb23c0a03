/** Who may call at all: bearer tokens (absent, malformed, forged, revoked), tenant headers, logon and passwords. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JWTPayload } from "jose";
import { graphql } from "../generated/index.ts";
import { createAccount, createIntegration, createOrganizationToken, logon, LogonMutation } from "../helpers/flows.ts";
import { gql, seedTenant, type SeededTenant, type TestGateway } from "../helpers/gateway.ts";
import { accepted, AccountCountQuery, deleteRefreshToken, FirstTicketQuery, managementProbe, outcome, unauthenticated } from "../helpers/probes.ts";
import { startGatewayFromTemplate } from "../helpers/template-gateway.ts";
import { claimsOf, forge, newSigningKey, nowSeconds, signingKeysEnv, unsigned } from "../helpers/tokens.ts";

const LogoffMutation = graphql(`
  mutation LogoffForAuthTests {
    logoff { refreshTokenId }
  }
`);

const ChangePasswordMutation = graphql(`
  mutation ChangePasswordForLogonTests($input: ChangePasswordInput!) {
    changePassword(input: $input) { changed }
  }
`);

/** The gateway signs with a key the tests hold too, so they can forge tokens it would otherwise accept. */
const key = newSigningKey("kid1");
let gateway: TestGateway;
let tenant: SeededTenant;
let other: SeededTenant;
let adminToken: string;

beforeAll(async () => {
  gateway = await startGatewayFromTemplate(signingKeysEnv(key));
  [tenant, other] = await Promise.all([seedTenant(gateway), seedTenant(gateway)]);
  adminToken = (await logon(gateway, tenant)).accessToken;
});
afterAll(() => gateway.stop());

/** A fresh organization token of the tenant, cheaper than a logon. */
async function mintedToken() {
  const tokens = (await createOrganizationToken(gateway, adminToken, { permissionSet: "VIEWER" })).body.data?.createOrganizationToken.tokens;
  if (!tokens) throw new Error("createOrganizationToken failed");
  return tokens;
}

describe("requests without a usable Authorization header", () => {
  it("answers a protected field without a token with 401 UNAUTHENTICATED and no data, and the same field with a token", async () => {
    const anonymous = await gql(gateway, AccountCountQuery);
    expect(outcome(anonymous)).toEqual(unauthenticated);
    expect(anonymous.body.data).toBeNull();
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Bearer/);

    const authenticated = await gql(gateway, AccountCountQuery, { token: adminToken });
    expect(outcome(authenticated)).toEqual(accepted);
    expect(authenticated.body.data?.accounts.totalCount).toBeTypeOf("number");
  });

  it("lets anyone call logon without a token", async () => {
    const tokens = await logon(gateway, tenant);
    expect(await managementProbe(gateway, tokens.accessToken)).toEqual(accepted);
  });

  it.each([
    ["a Basic scheme", "Basic YWRtaW46cGFzc3dvcmQ="],
    ["Bearer without a token", "Bearer"],
    ["Bearer with a token that is not a JWT", "Bearer not-a-jwt"],
    ["Bearer with garbage in JWT shape", "Bearer abc.def.ghi"],
    ["Bearer with two tokens", "Bearer a.b.c d.e.f"],
  ])("refuses %s with 401 and no data", async (_label, authorization) => {
    const response = await gql(gateway, AccountCountQuery, { headers: { authorization } });
    expect(outcome(response)).toEqual(unauthenticated);
    expect(response.body.data ?? null).toBeNull();
  });

  it("refuses a real token sent under another scheme, and accepts it as Bearer in any case", async () => {
    expect(outcome(await gql(gateway, AccountCountQuery, { headers: { authorization: `Token ${adminToken}` } }))).toEqual(unauthenticated);
    for (const scheme of ["Bearer", "bearer", "BEARER"]) {
      expect(outcome(await gql(gateway, AccountCountQuery, { headers: { authorization: `${scheme} ${adminToken}` } }))).toEqual(accepted);
    }
  });
});

/**
 * Each forged token is a real, live token's claims re-signed with the gateway's own key and one
 * thing changed, so that change alone is what gets it refused.
 */
describe("forged access tokens", () => {
  let claims: JWTPayload;
  beforeAll(async () => {
    claims = claimsOf((await mintedToken()).accessToken);
  });

  const send = async (token: string) => {
    const response = await gql(gateway, AccountCountQuery, { token });
    return { ...outcome(response), data: response.body.data ?? null };
  };

  it("accepts the claims re-signed unchanged with the gateway's key (the forgery is faithful)", async () => {
    expect(claims).toMatchObject({ iss: "switchyard", aud: "switchyard:management", layer: "management", tid: tenant.tenantId });
    expect(await send(await forge(key, claims))).toMatchObject(accepted);
  });

  it("accepts a token that expires in a minute but refuses one that expired two minutes ago", async () => {
    const now = nowSeconds();
    expect(await send(await forge(key, { ...claims, iat: now - 600, exp: now + 60 }))).toMatchObject(accepted);
    expect(await send(await forge(key, { ...claims, iat: now - 3600, exp: now - 120 }))).toEqual({ ...unauthenticated, data: null });
  });

  it("says a token that expired within the clock tolerance, with its pair, expired rather than was revoked", async () => {
    const fresh = claimsOf((await mintedToken()).accessToken);
    await gateway.app.database.prisma.refreshToken.update({ where: { id: String(fresh.rtid) }, data: { expiresAt: new Date(Date.now() - 5_000) } });
    const now = nowSeconds();
    const response = await gql(gateway, AccountCountQuery, { token: await forge(key, { ...fresh, exp: now - 5 }) });
    expect(outcome(response)).toEqual(unauthenticated);
    expect(response.body.errors?.[0]?.message).toBe("Access token not accepted: token expired");
  });

  const refused: [string, () => Promise<string>][] = [
    ["alg: none without a signature", async () => unsigned(claims)],
    ["a signature made with another secret under the gateway's kid", () => forge(key, claims, { secret: newSigningKey().secret })],
    ["HS512 with the gateway's secret", () => forge(key, claims, { header: { alg: "HS512" } })],
    ["no exp claim", () => forge(key, claims, { omit: ["exp"] })],
    ["no jti claim", () => forge(key, claims, { omit: ["jti"] })],
    ["an iat more than a day old, even with exp ahead", () => forge(key, { ...claims, iat: nowSeconds() - 26 * 3600, exp: nowSeconds() + 600 })],
    ["a jku header", () => forge(key, claims, { header: { jku: "http://127.0.0.1:1/jwks.json" } })],
    ["an x5u header", () => forge(key, claims, { header: { x5u: "http://127.0.0.1:1/cert.pem" } })],
    ["an embedded jwk header", () => forge(key, claims, { header: { jwk: { kty: "oct", k: Buffer.from(key.secret).toString("base64url") } } })],
    ["an unknown kid", () => forge(key, claims, { header: { kid: "kid2" } })],
    ["no kid", () => forge(key, claims, { header: { kid: undefined } })],
    ["another issuer", () => forge(key, { ...claims, iss: "someone-else" })],
    ["another audience", () => forge(key, { ...claims, aud: "someone-else" })],
    ["the connector audience on management claims", () => forge(key, { ...claims, aud: "switchyard:connector" })],
    ["an unknown permission", () => forge(key, { ...claims, perm: [...(claims.perm as string[]), "everything:write"] })],
  ];

  it.each(refused)("refuses %s with 401 and no data", async (_label, make) => {
    expect(await send(await make())).toEqual({ ...unauthenticated, data: null });
  });
});

describe("revoked tokens", () => {
  it("refuses the very next request of a token whose refresh-token object was deleted; other tokens carry on", async () => {
    const victim = await mintedToken();
    const bystander = await mintedToken();
    expect(await managementProbe(gateway, victim.accessToken)).toEqual(accepted);

    const deleted = await deleteRefreshToken(gateway, adminToken, victim.refreshTokenId);
    expect(deleted.body.errors).toBeUndefined();

    expect(await managementProbe(gateway, victim.accessToken)).toEqual(unauthenticated);
    expect(await managementProbe(gateway, bystander.accessToken)).toEqual(accepted);
  });

  it("ends a session at logoff: that access token is refused on the next request, another session is not", async () => {
    const session = await logon(gateway, tenant);
    const bystander = await logon(gateway, tenant);
    expect(await managementProbe(gateway, session.accessToken)).toEqual(accepted);

    const loggedOff = await gql(gateway, LogoffMutation, { token: session.accessToken });
    expect(loggedOff.body.errors).toBeUndefined();
    expect(loggedOff.body.data?.logoff.refreshTokenId).toBe(session.refreshTokenId);

    expect(await managementProbe(gateway, session.accessToken)).toEqual(unauthenticated);
    expect(await managementProbe(gateway, bystander.accessToken)).toEqual(accepted);
  });

  it("refuses logoff without a token", async () => {
    expect(outcome(await gql(gateway, LogoffMutation))).toEqual(unauthenticated);
  });
});

describe("X-Tenant-ID and X-Org-ID headers", () => {
  const forbiddenRequest = { status: 403, code: "FORBIDDEN" };

  it("accepts headers equal to the token's tenant and organization", async () => {
    expect(await managementProbe(gateway, adminToken, { "x-tenant-id": tenant.tenantId })).toEqual(accepted);
    expect(await managementProbe(gateway, adminToken, { "x-org-id": tenant.organizationId })).toEqual(accepted);
    expect(await managementProbe(gateway, adminToken, { "x-tenant-id": tenant.tenantId, "x-org-id": tenant.organizationId })).toEqual(accepted);
  });

  it.each([
    ["X-Tenant-ID of another tenant", () => ({ "x-tenant-id": other.tenantId })],
    ["X-Tenant-ID of no tenant", () => ({ "x-tenant-id": randomUUID() })],
    ["X-Org-ID of another organization", () => ({ "x-org-id": other.organizationId })],
    ["the right X-Tenant-ID with another X-Org-ID", () => ({ "x-tenant-id": tenant.tenantId, "x-org-id": other.organizationId })],
  ])("refuses the whole request with 403 FORBIDDEN for %s", async (_label, headers) => {
    const response = await gql(gateway, AccountCountQuery, { token: adminToken, headers: headers() });
    expect(outcome(response)).toEqual(forbiddenRequest);
    expect(response.body.data ?? null).toBeNull();
  });

  it("checks integration tokens the same way", async () => {
    const account = await createAccount(gateway, adminToken, "header-checks");
    const integrationToken = (await createIntegration(gateway, adminToken, account.id, "tickets")).tokens.accessToken;

    const matching = await gql(gateway, FirstTicketQuery, {
      token: integrationToken,
      headers: { "x-tenant-id": tenant.tenantId, "x-org-id": tenant.organizationId },
    });
    expect(outcome(matching)).toEqual(accepted);
    const mismatched = await gql(gateway, FirstTicketQuery, { token: integrationToken, headers: { "x-tenant-id": other.tenantId } });
    expect(outcome(mismatched)).toEqual(forbiddenRequest);
    expect(mismatched.body.data ?? null).toBeNull();
  });
});

const attempt = (input: { organizationId: string; email: string; password: string }) => gql(gateway, LogonMutation, { variables: { input } });

describe("logon", () => {
  it("gives one and the same UNAUTHENTICATED answer for a wrong password, an unknown email and an unknown or malformed organization", async () => {
    const good = { organizationId: tenant.organizationId, email: tenant.email, password: tenant.password };
    const answers = await Promise.all([
      attempt({ ...good, password: "not-the-password" }),
      attempt({ ...good, email: "nobody@example.test" }),
      attempt({ ...good, organizationId: randomUUID() }),
      attempt({ ...good, organizationId: "not-a-uuid" }),
    ]);
    const [first, ...rest] = answers.map((response) => ({ status: response.status, body: response.body }));
    expect(first).toMatchObject({ status: 401, body: { data: null, errors: [{ extensions: { code: "UNAUTHENTICATED" } }] } });
    for (const answer of rest) expect(answer).toEqual(first);

    expect(outcome(await attempt(good))).toEqual(accepted);
  });
});

describe("changePassword", () => {
  it("refuses a wrong current password with BAD_USER_INPUT and keeps the old password", async () => {
    const session = await logon(gateway, tenant);
    const response = await gql(gateway, ChangePasswordMutation, {
      token: session.accessToken,
      variables: { input: { oldPassword: "not-the-password", newPassword: "a-brand-new-password" } },
    });
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "oldPassword" });
    expect(response.body.data ?? null).toBeNull();
    expect(outcome(await attempt({ organizationId: tenant.organizationId, email: tenant.email, password: "a-brand-new-password" }))).toEqual(unauthenticated);
  });

  it("refuses a short new password with BAD_USER_INPUT naming newPassword", async () => {
    const session = await logon(gateway, tenant);
    const response = await gql(gateway, ChangePasswordMutation, {
      token: session.accessToken,
      variables: { input: { oldPassword: tenant.password, newPassword: "short" } },
    });
    const error = response.body.errors?.[0];
    expect(error?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "newPassword" });
    expect(error?.message).toContain("newPassword");
  });

  it("is refused to a narrowed token minted from the member's session, which keeps the password", async () => {
    const member = await seedTenant(gateway);
    const session = await logon(gateway, member);
    const minted = await createOrganizationToken(gateway, session.accessToken, { permissionSet: "VIEWER" });
    const viewerToken = minted.body.data?.createOrganizationToken.tokens.accessToken ?? "";
    const response = await gql(gateway, ChangePasswordMutation, {
      token: viewerToken,
      variables: { input: { oldPassword: member.password, newPassword: "changed-by-a-viewer-token" } },
    });
    expect(response.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(response.body.data ?? null).toBeNull();
    expect(await managementProbe(gateway, session.accessToken)).toEqual(accepted);
    expect(outcome(await attempt({ organizationId: member.organizationId, email: member.email, password: member.password }))).toEqual(accepted);
  });

  it("switches the password and ends the member's other logon sessions, not the calling one", async () => {
    const member = await seedTenant(gateway);
    const earlier = await logon(gateway, member);
    const caller = await logon(gateway, member);
    const newPassword = "an-entirely-new-password";

    const response = await gql(gateway, ChangePasswordMutation, {
      token: caller.accessToken,
      variables: { input: { oldPassword: member.password, newPassword } },
    });
    expect(response.body).toEqual({ data: { changePassword: { changed: true } } });

    expect(await managementProbe(gateway, earlier.accessToken)).toEqual(unauthenticated);
    expect(await managementProbe(gateway, caller.accessToken)).toEqual(accepted);
    const credentials = { organizationId: member.organizationId, email: member.email };
    expect(outcome(await attempt({ ...credentials, password: member.password }))).toEqual(unauthenticated);
    expect(outcome(await attempt({ ...credentials, password: newPassword }))).toEqual(accepted);
  });
});
