/** Audit events of mutation attempts that end in an error, and of `refreshTokenPair`. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { graphql } from "../generated/index.ts";
import { CreateAccountMutation, createAccount, createIntegration, logon } from "../helpers/flows.ts";
import { errorCode, gql, seedTenant, startGateway, type SeededTenant, type TestGateway } from "../helpers/gateway.ts";
import { narrowedToken } from "./support.ts";
import { managementSchema } from "../../schema/index.ts";
import { mutationTargets, selfAuditedMutations } from "../../src/services/mutation-targets.ts";

const AuditTrailQuery = graphql(`
  query AuditTrailForFailureTest {
    auditEvents(first: 100) {
      edges {
        node { actorType actorId tokenId action resourceType resourceId accountId integrationId outcome reason requestId remoteAddress }
      }
    }
  }
`);

const UpdateAccountForAuditMutation = graphql(`
  mutation UpdateAccountForAuditTest($input: UpdateAccountInput!) {
    updateAccount(input: $input) { account { id } }
  }
`);

const DeleteAccountForAuditMutation = graphql(`
  mutation DeleteAccountForAuditTest($input: DeleteAccountInput!) {
    deleteAccount(input: $input) { id }
  }
`);

const UpdateIntegrationForAuditMutation = graphql(`
  mutation UpdateIntegrationForAuditTest($input: UpdateIntegrationInput!) {
    updateIntegration(input: $input) { integration { id } }
  }
`);

const DeleteIntegrationForAuditMutation = graphql(`
  mutation DeleteIntegrationForAuditTest($input: DeleteIntegrationInput!) {
    deleteIntegration(input: $input) { id }
  }
`);

const CreatePointForFailureAuditMutation = graphql(`
  mutation CreateIntegrationPointForFailureAuditTest($input: CreateIntegrationPointInput!) {
    createIntegrationPoint(input: $input) { integrationPoint { id } }
  }
`);

const RefreshPairForAuditMutation = graphql(`
  mutation RefreshTokenPairForAuditTest($input: RefreshTokenPairInput!) {
    refreshTokenPair(input: $input) { tokens { refreshTokenId refreshToken } }
  }
`);

describe("audit events of failed mutation attempts", () => {
  let gateway: TestGateway;
  let tenant: SeededTenant;
  let admin: string;
  let east: { id: string };
  let west: { id: string };
  let eastIntegrationId: string;

  /** Sends the attempt under a request id of its own, so its events can be told apart. */
  const attempt = async <T, V>(document: Parameters<typeof gql<T, V>>[1], variables: V, token: string | null) => {
    const requestId = `audit-test-${randomUUID()}`;
    const response = await gql<T, V>(gateway, document, { token, variables, headers: { "x-request-id": requestId } });
    return { response, requestId };
  };
  const eventsSeenBy = async (token: string) => (await gql(gateway, AuditTrailQuery, { token })).body.data?.auditEvents.edges.map((edge) => edge.node) ?? [];
  const eventsOf = async (requestId: string, token = admin) => (await eventsSeenBy(token)).filter((event) => event.requestId === requestId);

  beforeAll(async () => {
    gateway = await startGateway();
    tenant = await seedTenant(gateway);
    admin = (await logon(gateway, tenant)).accessToken;
    east = await createAccount(gateway, admin, "east");
    west = await createAccount(gateway, admin, "west");
    eastIntegrationId = (await createIntegration(gateway, admin, east.id, "east-tickets")).integration.id;
  });
  afterAll(() => gateway.stop());

  it("records a NOT_FOUND failure with the id the caller named, before answering", async () => {
    const unknown = randomUUID();
    const { response, requestId } = await attempt(DeleteAccountForAuditMutation, { input: { id: unknown } }, admin);
    expect(errorCode(response)).toBe("NOT_FOUND");
    expect(await eventsOf(requestId)).toEqual([
      expect.objectContaining({
        action: "accounts.delete",
        resourceType: "Account",
        resourceId: unknown,
        accountId: null,
        integrationId: null,
        outcome: "FAILURE",
        reason: "NOT_FOUND",
        actorType: "MEMBER",
        actorId: tenant.memberId,
        remoteAddress: expect.any(String),
      }),
    ]);
  });

  it("records a CONFLICT failure under the action the success would have had, without the input's values", async () => {
    const { response, requestId } = await attempt(CreateAccountMutation, { input: { name: "east" } }, admin);
    expect(errorCode(response)).toBe("CONFLICT");
    const events = await eventsOf(requestId);
    expect(events).toEqual([expect.objectContaining({ action: "accounts.create", resourceType: "Account", resourceId: null, outcome: "FAILURE", reason: "CONFLICT" })]);
    expect(JSON.stringify(events)).not.toContain('"east"');
  });

  it("records a resolver's BAD_USER_INPUT with the offending field and the account it concerns", async () => {
    const { response, requestId } = await attempt(UpdateAccountForAuditMutation, { input: { id: east.id, name: "Not A Slug!" } }, admin);
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
    const events = await eventsOf(requestId);
    expect(events).toEqual([
      expect.objectContaining({ action: "accounts.update", resourceId: east.id, accountId: east.id, outcome: "FAILURE", reason: "BAD_USER_INPUT (name)" }),
    ]);
    expect(JSON.stringify(events)).not.toContain("Not A Slug");
  });

  it("records a refusal by the input guard, which runs before any resolver", async () => {
    const secretish = "top-secret\u0000value";
    const { response, requestId } = await attempt(UpdateIntegrationForAuditMutation, { input: { id: eastIntegrationId, name: secretish } }, admin);
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
    const events = await eventsOf(requestId);
    expect(events).toEqual([
      expect.objectContaining({
        action: "integrations.update",
        resourceType: "Integration",
        resourceId: eastIntegrationId,
        accountId: east.id,
        integrationId: eastIntegrationId,
        outcome: "FAILURE",
        reason: "BAD_USER_INPUT (name)",
      }),
    ]);
    expect(JSON.stringify(events)).not.toContain("top-secret");
  });

  it("records a permission denial as DENIED, with the resource, account and integration it targeted", async () => {
    const viewer = await narrowedToken(gateway, admin, { permissionSet: "VIEWER" });
    const { response, requestId } = await attempt(DeleteIntegrationForAuditMutation, { input: { id: eastIntegrationId } }, viewer);
    expect(errorCode(response)).toBe("FORBIDDEN");
    expect(await eventsOf(requestId)).toEqual([
      expect.objectContaining({
        action: "integrations.delete",
        resourceType: "Integration",
        resourceId: eastIntegrationId,
        accountId: east.id,
        integrationId: eastIntegrationId,
        outcome: "DENIED",
        reason: "FORBIDDEN",
      }),
    ]);
  });

  it("records a refusal a service audits itself once, not twice", async () => {
    const eastOnly = await narrowedToken(gateway, admin, { permissionSet: "ADMINISTRATOR", accountIds: [east.id] });
    const { response, requestId } = await attempt(CreatePointForFailureAuditMutation, { input: { name: "nope", connector: "TICKETING" } }, eastOnly);
    expect(errorCode(response)).toBe("FORBIDDEN");
    const events = await eventsOf(requestId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "integration-points.create", outcome: "DENIED", reason: expect.stringContaining("restricted to accounts") });
  });

  it("shows an account-restricted token only its accounts' events, failures included", async () => {
    const eastOnly = await narrowedToken(gateway, admin, { permissionSet: "ADMINISTRATOR", accountIds: [east.id] });
    const probe = await attempt(DeleteAccountForAuditMutation, { input: { id: west.id } }, eastOnly);
    expect(errorCode(probe.response)).toBe("NOT_FOUND");
    expect(await eventsOf(probe.requestId)).toEqual([
      expect.objectContaining({ action: "accounts.delete", resourceId: west.id, accountId: west.id, outcome: "FAILURE", reason: "NOT_FOUND" }),
    ]);
    const own = await attempt(UpdateAccountForAuditMutation, { input: { id: east.id, name: "Not A Slug!" } }, eastOnly);
    expect(errorCode(own.response)).toBe("BAD_USER_INPUT");

    const seen = await eventsSeenBy(eastOnly);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((event) => event.accountId === east.id)).toBe(true);
    expect(seen.map((event) => event.requestId)).toContain(own.requestId);
    expect(seen.map((event) => event.requestId)).not.toContain(probe.requestId);
  });

  it("has an audit description for every management mutation", () => {
    const mutations = Object.keys(managementSchema.getMutationType()?.getFields() ?? {});
    expect(mutations.length).toBeGreaterThan(30);
    const undescribed = mutations.filter((name) => !(name in mutationTargets) && !selfAuditedMutations.has(name));
    expect(undescribed).toEqual([]);
  });
});

describe("audit events of refreshTokenPair", () => {
  let gateway: TestGateway;
  let tenant: SeededTenant;
  let admin: string;
  let session: { refreshToken: string; refreshTokenId: string };

  const refreshEvents = async () =>
    ((await gql(gateway, AuditTrailQuery, { token: admin })).body.data?.auditEvents.edges.map((edge) => edge.node) ?? []).filter((event) => event.action === "tokens.refresh");
  const refresh = (refreshToken: string) => gql(gateway, RefreshPairForAuditMutation, { variables: { input: { refreshToken } } });

  beforeAll(async () => {
    gateway = await startGateway();
    tenant = await seedTenant(gateway);
    admin = (await logon(gateway, tenant)).accessToken;
    session = await logon(gateway, tenant);
  });
  afterAll(() => gateway.stop());

  it("records a refresh in the organization of the refresh-token object, attributed to its member", async () => {
    const response = await refresh(session.refreshToken);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.refreshTokenPair.tokens.refreshTokenId).toBe(session.refreshTokenId);
    expect(await refreshEvents()).toEqual([
      expect.objectContaining({
        actorType: "MEMBER",
        actorId: tenant.memberId,
        tokenId: session.refreshTokenId,
        resourceType: "RefreshToken",
        resourceId: session.refreshTokenId,
        outcome: "SUCCESS",
        reason: null,
      }),
    ]);
  });

  it("records a replayed, already traded-in refresh token as DENIED, and only logs an unknown one", async () => {
    const replay = await refresh(session.refreshToken);
    expect(errorCode(replay)).toBe("UNAUTHENTICATED");
    const denied = (await refreshEvents()).filter((event) => event.outcome === "DENIED");
    expect(denied).toEqual([
      expect.objectContaining({ resourceId: session.refreshTokenId, actorId: tenant.memberId, reason: "a refresh token already traded in was presented again" }),
    ]);

    expect(errorCode(await refresh(`syr_${randomUUID()}`))).toBe("UNAUTHENTICATED");
    expect(await refreshEvents()).toHaveLength(2);
  });
});
