/**
 * A provider configuration that could never be used is refused when it is saved, with the field
 * named as the client wrote it; one already stored fails connector calls with a clear error rather
 * than an internal one; and a caller's own mistakes never count against the integration's health.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createIntegration, seedAdminToken } from "../helpers/flows.ts";
import { errorCode, gql, type TestGateway } from "../helpers/gateway.ts";
import { startGatewayFromTemplate } from "../helpers/template-gateway.ts";

const CreateMutation = "mutation($input: CreateIntegrationInput!) { createIntegration(input: $input) { integration { id } } }";
const UpdateMutation = "mutation($input: UpdateIntegrationInput!) { updateIntegration(input: $input) { integration { id } } }";
const StatusQuery = "query($id: ID!) { integration(id: $id) { status { health failures lastError } } }";
const oauthToken = { token: { token: "an-oauth-access-token" } };
const basic = { basic: { username: "bot@example.com", password: "an-api-token" } };

type Errors = { body: { errors?: { message: string; extensions?: Record<string, unknown> }[] } };
const firstError = (response: Errors) => response.body.errors?.[0];

let gateway: TestGateway;
let admin: string;
let account: string;

beforeAll(async () => {
  gateway = await startGatewayFromTemplate({ SWITCHYARD_ALLOW_PRIVATE_NETWORKS: "true" });
  admin = await seedAdminToken(gateway);
  account = (await createAccount(gateway, admin, "configs")).id;
});
afterAll(() => gateway?.stop());

describe("saving a provider configuration", () => {
  it("refuses one its provider cannot build, naming the provider's input field", async () => {
    const created = await gql(gateway, CreateMutation, {
      token: admin,
      variables: { input: { accountId: account, name: "oauth-without-cloud", provider: { ticketingJira: { siteUrl: "https://example.atlassian.net", credential: oauthToken } } } },
    });
    expect(firstError(created)).toMatchObject({ message: expect.stringContaining("cloudId"), extensions: { code: "BAD_USER_INPUT", field: "provider.ticketingJira" } });
    const listed = await gql<{ integrations: { totalCount: number } }>(gateway, "{ integrations(first: 1) { totalCount } }", { token: admin });
    expect(listed.body.data?.integrations.totalCount).toBe(0);
  });

  it("refuses the same on update, and keeps the configuration that worked", async () => {
    const { integration } = await createIntegration(gateway, admin, account, "jira-basic", { ticketingJira: { siteUrl: "https://example.atlassian.net", credential: basic } });
    const updated = await gql(gateway, UpdateMutation, {
      token: admin,
      variables: { input: { id: integration.id, provider: { ticketingJira: { siteUrl: "https://example.atlassian.net", credential: oauthToken } } } },
    });
    expect(firstError(updated)).toMatchObject({ message: expect.stringContaining("cloudId"), extensions: { code: "BAD_USER_INPUT", field: "provider.ticketingJira" } });
    const stored = await gateway.app.database.prisma.integration.findUniqueOrThrow({ where: { id: integration.id } });
    expect(stored.providerConfig).toEqual({ siteUrl: "https://example.atlassian.net" });
  });

  it("keeps the current credential when an update gives none", async () => {
    const { integration } = await createIntegration(gateway, admin, account, "jira-kept", { ticketingJira: { siteUrl: "https://example.atlassian.net", credential: basic } });
    const before = await gateway.app.database.prisma.integration.findUniqueOrThrow({ where: { id: integration.id } });
    const updated = await gql(gateway, UpdateMutation, {
      token: admin,
      variables: { input: { id: integration.id, provider: { ticketingJira: { siteUrl: "https://example.atlassian.net", customFieldIds: ["customfield_10016"] } } } },
    });
    expect(updated.body.errors).toBeUndefined();
    const after = await gateway.app.database.prisma.integration.findUniqueOrThrow({ where: { id: integration.id } });
    expect(after).toMatchObject({ credentialId: before.credentialId, providerConfig: { siteUrl: "https://example.atlassian.net", customFieldIds: ["customfield_10016"] } });
  });

  it("still needs a credential to create", async () => {
    const created = await gql(gateway, CreateMutation, { token: admin, variables: { input: { accountId: account, name: "no-credential", provider: { ticketingJira: { siteUrl: "https://example.atlassian.net" } } } } });
    expect(firstError(created)?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "provider.ticketingJira.credential" });
  });

  it("names a setting the provider's schema refuses by its input path", async () => {
    const created = await gql(gateway, CreateMutation, {
      token: admin,
      variables: { input: { accountId: account, name: "bad-site", provider: { ticketingJira: { siteUrl: "http://example.atlassian.net", credential: basic } } } },
    });
    expect(firstError(created)).toMatchObject({ message: "provider.ticketingJira.siteUrl: must be an https URL, like https://example.com", extensions: { code: "BAD_USER_INPUT", field: "provider.ticketingJira.siteUrl" } });
  });
});

describe("a connector call", () => {
  it("answers PROVIDER_ERROR, not an internal error, for a stored configuration that cannot be used", async () => {
    const created = await createIntegration(gateway, admin, account, "stored-unusable", { ticketingJira: { siteUrl: "https://example.atlassian.net", credential: basic } });
    // As if saved before the check existed: a BASIC credential with no site to send it to.
    await gateway.app.database.prisma.integration.update({ where: { id: created.integration.id }, data: { providerConfig: { cloudId: "11111111-2222-4333-8444-555555555555" } } });
    const call = await gql(gateway, "{ tickets(first: 1) { edges { node { key } } } }", { token: created.tokens.accessToken, path: "/graphql/connector" });
    expect(firstError(call)).toMatchObject({ message: expect.stringContaining("update the integration"), extensions: { code: "PROVIDER_ERROR" } });
    await gateway.app.services.status.flush();
    const status = await gql<{ integration: { status: { health: string; lastError: string } } }>(gateway, StatusQuery, { token: admin, variables: { id: created.integration.id } });
    expect(status.body.data?.integration.status).toMatchObject({ health: "FAILING", lastError: "PROVIDER_ERROR" });
  });

  it("does not count the caller's own bad input against the integration's health", async () => {
    const created = await createIntegration(gateway, admin, account, "mock-tickets");
    const token = created.tokens.accessToken;
    const good = await gql(gateway, "{ tickets(first: 1) { edges { node { key } } } }", { token, path: "/graphql/connector" });
    expect(good.body.errors).toBeUndefined();
    const bad = await gql(gateway, 'mutation { updateTicket(input: { id: "MOCK-1", dueDate: "nope" }) { ticket { id } } }', { token, path: "/graphql/connector" });
    expect(errorCode(bad)).toBe("BAD_USER_INPUT");
    await gateway.app.services.status.flush();
    const status = await gql<{ integration: { status: { health: string; failures: number } } }>(gateway, StatusQuery, { token: admin, variables: { id: created.integration.id } });
    expect(status.body.data?.integration.status).toMatchObject({ health: "HEALTHY", failures: 0 });
  });
});
