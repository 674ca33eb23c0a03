/** A canary secret given to the gateway must never come back: not in responses, errors, logs, audit or status events. */
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/log.ts";
import { createAccount, createIntegration, seedAdminToken } from "../helpers/flows.ts";
import { gql, startGateway, type TestGateway } from "../helpers/gateway.ts";
import { startJiraSimulator, type JiraSimulator } from "../simulators/jira/index.ts";

const canary = "canary-7c1e0b5d-secret-do-not-leak";

describe("a canary secret", () => {
  let gateway: TestGateway;
  let sim: JiraSimulator;
  const logLines: string[] = [];
  const responses: string[] = [];
  let admin: string;

  const call = async (query: string, token: string, variables?: Record<string, unknown>, path?: string) => {
    const response = await gql(gateway, query, { token, variables, path });
    responses.push(JSON.stringify(response.body));
    return response;
  };

  beforeAll(async () => {
    sim = await startJiraSimulator();
    const sink = new Writable({ write: (chunk, _encoding, done) => (logLines.push(String(chunk)), done()) });
    gateway = await startGateway({ SWITCHYARD_ALLOW_PRIVATE_NETWORKS: "true" }, { log: createLogger("trace", sink) });
    admin = await seedAdminToken(gateway);
    const account = await createAccount(gateway, admin, "canary");
    await call(
      `mutation($owner: ID!) { createCredential(input: { ownerId: $owner, name: "shared", secret: { token: { token: "${canary}" } } }) { credential { id } } }`,
      admin,
      { owner: account.id },
    );
    const integration = await createIntegration(gateway, admin, account.id, "jira", {
      ticketingJira: { apiBaseUrl: sim.url, credential: { basic: { username: sim.credentials.email, password: canary } } },
    });
    await call("{ tickets(first: 2) { edges { node { key } } } }", integration.tokens.accessToken, undefined, "/graphql/connector");
    await call(`{ ticket(id: "EX-1") { key } }`, integration.tokens.accessToken, undefined, "/graphql/connector");
    await call(
      `mutation($a: ID!, $p: String!) { verifyIntegration(input: { accountId: $a, provider: { ticketingJira: { apiBaseUrl: "${sim.url}", credential: { basic: { username: "x@example.com", password: $p } } } } }) { result { ok code message } } }`,
      admin,
      { a: account.id, p: canary },
    );
    await call(`mutation { createAccount(input: { name: "${canary}" }) { account { id } } }`, admin);
    // Invalid variables: graphql-js quotes the offending value in its message unless the gateway stops it.
    await call(
      "mutation($input: CreateIntegrationInput!) { createIntegration(input: $input) { integration { id } } }",
      admin,
      { input: { accountId: account.id, name: "twice", provider: { ticketingJira: { apiBaseUrl: sim.url, credential: { token: { token: canary }, secret: { secret: canary } } } } } },
    );
    await call("mutation($input: CreateCredentialInput!) { createCredential(input: $input) { credential { id } } }", admin, {
      input: { ownerId: account.id, name: "typo", secret: { token: { tokn: canary } } },
    });
    await gateway.app.services.status.flush();
    await call(
      `query($a: ID!, $i: ID!) {
        credentials(ownerId: $a) { edges { node { id type hint ownerType } } }
        integration(id: $i) { providerConfig credential { hint type } status { lastError } }
        statusEvents(integrationId: $i) { edges { node { operation errorCode } } }
        auditEvents(first: 100) { edges { node { action reason resourceId } } }
      }`,
      admin,
      { a: account.id, i: integration.integration.id },
    );
  });
  afterAll(async () => {
    await gateway.stop();
    await sim.close();
  });

  it("never appears in a response, including errors", () => {
    expect(responses.length).toBeGreaterThan(5);
    for (const body of responses) expect(body).not.toContain(canary);
  });

  it("never appears in a log line", () => {
    expect(logLines.length).toBeGreaterThan(0);
    for (const line of logLines) expect(line).not.toContain(canary);
  });

  it("is stored only sealed, and never in audit or status rows", async () => {
    const { prisma } = gateway.app.database;
    const [credentials, audit, events, statuses] = await Promise.all([
      prisma.credential.findMany(),
      prisma.auditEvent.findMany(),
      prisma.statusEvent.findMany(),
      prisma.integrationStatus.findMany(),
    ]);
    expect(credentials.length).toBeGreaterThanOrEqual(2);
    for (const row of credentials) expect(Buffer.from(row.ciphertext).includes(Buffer.from(canary))).toBe(false);
    for (const rows of [credentials.map(({ ciphertext: _sealed, ...rest }) => rest), audit, events, statuses]) {
      expect(JSON.stringify(rows, (_key, value) => (typeof value === "bigint" ? String(value) : value))).not.toContain(canary);
    }
  });
});
