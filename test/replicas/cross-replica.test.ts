/**
 * Two gateway processes sharing PostgreSQL and Redis (run by .ci/run with REPLICA_DATABASE_URL and
 * REDIS_URL): an event raised on one replica reaches subscribers on the other, and a token deleted
 * on one replica is refused by the other on its next request.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresDatabase } from "../helpers/gateway.ts";

const adminUrl = process.env.REPLICA_DATABASE_URL as string;
const redisUrl = process.env.REDIS_URL as string;
const keys = { SWITCHYARD_SIGNING_KEYS: `r:${randomBytes(32).toString("base64url")}`, SWITCHYARD_ENCRYPTION_KEYS: `r:${randomBytes(32).toString("base64url")}` };
let env: Record<string, string> = {};
const replicas: ChildProcess[] = [];
const urls: string[] = [];

async function run(args: string[]): Promise<string> {
  const child = spawn(process.execPath, ["bin/switchyard.mjs", ...args], { env: { ...process.env, ...env } });
  let out = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  const code = await new Promise((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`switchyard ${args.join(" ")} exited ${code}`);
  return out;
}

async function startReplica(port: number) {
  const child = spawn(process.execPath, ["bin/switchyard.mjs", "serve"], { env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn" }, stdio: "inherit" });
  replicas.push(child);
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 120; attempt++) {
    if (await fetch(`${url}/readyz`).then((response) => response.ok, () => false)) return url;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`replica on ${port} did not start`);
}

async function gql(url: string, query: string, token?: string, variables?: Record<string, unknown>) {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: Record<string, any>; errors?: { extensions?: { code?: string } }[] } };
}

describe("two replicas on PostgreSQL and Redis", () => {
  let admin: string;
  let integration: { id: string; token: string };

  beforeAll(async () => {
    env = { ...keys, DATABASE_URL: await createPostgresDatabase(adminUrl), REDIS_URL: redisUrl };
    const tenant = JSON.parse(await run(["tenant", "create", "--name", "replicas", "--admin-email", "admin@replicas.test", "--admin-password", "replica-password-1", "--json"]));
    urls.push(await startReplica(4711), await startReplica(4712));
    const logon = await gql(urls[0] as string, `mutation { logon(input: { organizationId: "${tenant.organizationId}", email: "admin@replicas.test", password: "replica-password-1" }) { tokens { accessToken } } }`);
    admin = logon.body.data?.logon.tokens.accessToken;
    const account = await gql(urls[0] as string, `mutation { createAccount(input: { name: "acme" }) { account { id } } }`, admin);
    const created = await gql(
      urls[0] as string,
      `mutation($a: ID!) { createIntegration(input: { accountId: $a, name: "tickets", provider: { ticketingMock: {} } }) { integration { id } tokens { accessToken } } }`,
      admin,
      { a: account.body.data?.createAccount.account.id },
    );
    integration = { id: created.body.data?.createIntegration.integration.id, token: created.body.data?.createIntegration.tokens.accessToken };
  }, 90_000);

  afterAll(async () => {
    for (const child of replicas) child.kill("SIGTERM");
    await Promise.all(replicas.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve)))));
  });

  it("delivers an event raised on replica A to a subscriber on replica B", async () => {
    const received: unknown[] = [];
    const client = createClient({ url: `${(urls[1] as string).replace("http", "ws")}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${admin}` } });
    client.subscribe({ query: "subscription { integrationStatusChanged { integrationId health } }" }, { next: (result) => received.push(result.data), error: () => {}, complete: () => {} });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const tickets = await gql(urls[0] as string, "{ tickets(first: 1) { edges { node { key } } } }", integration.token);
    expect(tickets.body.errors).toBeUndefined();
    for (let waited = 0; received.length === 0 && waited < 5_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received).toEqual([{ integrationStatusChanged: { integrationId: integration.id, health: "HEALTHY" } }]);
    await client.dispose();
  });

  it("uses on replica B, on its next call, an integration setting changed on replica A", async () => {
    const accountId = (await gql(urls[0] as string, `mutation { createAccount(input: { name: "settings" }) { account { id } } }`, admin)).body.data?.createAccount.account.id;
    const created = await gql(
      urls[0] as string,
      `mutation($a: ID!) { createIntegration(input: { accountId: $a, name: "chat", provider: { notificationsMock: { channel: "before" } } }) { integration { id } tokens { accessToken } } }`,
      admin,
      { a: accountId },
    );
    const { integration: chat, tokens } = created.body.data?.createIntegration;
    const post = async () => (await gql(urls[1] as string, `mutation { createNotification(input: { text: "hello" }) { notification { channel } } }`, tokens.accessToken)).body.data?.createNotification.notification.channel;
    expect(await post()).toBe("before");
    await gql(urls[0] as string, `mutation($id: ID!) { updateIntegration(input: { id: $id, provider: { notificationsMock: { channel: "after" } } }) { integration { id } } }`, admin, { id: chat.id });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await post()).toBe("after");
  });

  it("refuses on replica B, on its next request, a token deleted on replica A", async () => {
    const minted = await gql(urls[0] as string, `mutation { createOrganizationToken(input: { permissionSet: VIEWER }) { tokens { accessToken refreshTokenId } } }`, admin);
    const { accessToken, refreshTokenId } = minted.body.data?.createOrganizationToken.tokens;
    expect((await gql(urls[1] as string, "{ organization { name } }", accessToken)).status).toBe(200);
    await gql(urls[0] as string, `mutation($id: ID!) { deleteRefreshToken(id: $id) { refreshTokenId } }`, admin, { id: refreshTokenId });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const refused = await gql(urls[1] as string, "{ organization { name } }", accessToken);
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
