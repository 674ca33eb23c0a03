/**
 * A stored secret goes only where it was given for: a caller who may write integrations but not
 * read secrets cannot point an account's shared credential at a host of their own.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, logon, requestCredential } from "../helpers/flows.ts";
import { errorCode, gql, seedTenant, type TestGateway } from "../helpers/gateway.ts";
import { startGatewayFromTemplate } from "../helpers/template-gateway.ts";
import { narrowedToken } from "./support.ts";

const canary = "CANARY-shared-password-8f3a";

/** A stand-in Jira host that records the Authorization headers it is sent. */
async function host() {
  const seen: string[] = [];
  const server: Server = createServer((request, response) => {
    seen.push(String(request.headers.authorization ?? ""));
    response.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, gotCanary: () => seen.some((header) => Buffer.from(header.replace(/^Basic /, ""), "base64").toString().includes(canary)) };
}

let gateway: TestGateway;
let admin: string;
let connect: string;
let account: string;
let credentialId: string;
let jira: Awaited<ReturnType<typeof host>>;
let stranger: Awaited<ReturnType<typeof host>>;

const VerifyMutation = "mutation($input: VerifyIntegrationInput!) { verifyIntegration(input: $input) { result { ok code } } }";
const CreateMutation = "mutation($input: CreateIntegrationInput!) { createIntegration(input: $input) { integration { id } } }";
const UpdateMutation = "mutation($input: UpdateIntegrationInput!) { updateIntegration(input: $input) { integration { id } } }";
const jiraAt = (url: string, credential: Record<string, unknown> = { id: credentialId }) => ({ ticketingJira: { apiBaseUrl: url, credential } });
const field = (response: { body: { errors?: { extensions?: Record<string, unknown> }[] } }) => response.body.errors?.[0]?.extensions?.field;

beforeAll(async () => {
  [jira, stranger] = [await host(), await host()];
  gateway = await startGatewayFromTemplate({ SWITCHYARD_ALLOW_PRIVATE_NETWORKS: "true" });
  admin = (await logon(gateway, await seedTenant(gateway))).accessToken;
  account = (await createAccount(gateway, admin, "shared")).id;
  const created = await requestCredential(gateway, admin, { ownerId: account, name: "jira-bot", secret: { basic: { username: "bot@example.com", password: canary } } });
  expect(created.body.errors).toBeUndefined();
  credentialId = created.body.data?.createCredential.credential.id ?? "";
  // A token for the account's integrations that may write them but never read a secret.
  connect = await narrowedToken(gateway, admin, { permissionSet: "ACCOUNT_MANAGER", permissions: ["integrations:read", "integrations:write"], accountIds: [account] });
});
afterAll(async () => {
  await gateway?.stop();
  for (const { server } of [jira, stranger]) server.close();
});

describe("an account's shared credential", () => {
  it("is not given to an integration for the first time by a caller who may not write credentials", async () => {
    const verify = await gql(gateway, VerifyMutation, { token: connect, variables: { input: { accountId: account, provider: jiraAt(stranger.url) } } });
    expect(errorCode(verify)).toBe("FORBIDDEN");
    expect(stranger.gotCanary()).toBe(false);
  });

  it("is bound by the first integration that uses it, and then goes nowhere else", async () => {
    const first = await gql(gateway, CreateMutation, { token: admin, variables: { input: { accountId: account, name: "real-jira", provider: jiraAt(jira.url) } } });
    expect(first.body.errors).toBeUndefined();

    const verifyElsewhere = await gql(gateway, VerifyMutation, { token: connect, variables: { input: { accountId: account, provider: jiraAt(stranger.url) } } });
    expect(errorCode(verifyElsewhere)).toBe("BAD_USER_INPUT");
    expect(field(verifyElsewhere)).toBe("provider.ticketingJira.credential");
    const createElsewhere = await gql(gateway, CreateMutation, { token: connect, variables: { input: { accountId: account, name: "rogue", provider: jiraAt(stranger.url) } } });
    expect(errorCode(createElsewhere)).toBe("BAD_USER_INPUT");
    const moved = await gql(gateway, UpdateMutation, { token: connect, variables: { input: { id: (first.body.data as { createIntegration: { integration: { id: string } } }).createIntegration.integration.id, provider: jiraAt(stranger.url) } } });
    expect(errorCode(moved)).toBe("BAD_USER_INPUT");
    expect(stranger.gotCanary()).toBe(false);

    const verifyHome = await gql(gateway, VerifyMutation, { token: connect, variables: { input: { accountId: account, provider: jiraAt(`${jira.url}/`) } } });
    expect(verifyHome.body.errors).toBeUndefined();
    expect(jira.gotCanary()).toBe(true);
  });

  it("can still be replaced by a secret given again for the new address", async () => {
    const created = await gql<{ createIntegration: { integration: { id: string } } }>(gateway, CreateMutation, {
      token: admin,
      variables: { input: { accountId: account, name: "movable", provider: jiraAt(jira.url, { basic: { username: "other@example.com", password: "another-secret-value" } }) } },
    });
    expect(created.body.errors).toBeUndefined();
    const moved = await gql(gateway, UpdateMutation, {
      token: connect,
      variables: { input: { id: created.body.data?.createIntegration.integration.id, provider: jiraAt(stranger.url, { basic: { username: "mine@example.com", password: "a-secret-of-my-own" } }) } },
    });
    expect(moved.body.errors).toBeUndefined();
    expect(stranger.gotCanary()).toBe(false);
  });
});
