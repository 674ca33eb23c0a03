/**
 * SIGTERM under load, against `switchyard serve` as a child process: slow connector calls already
 * in flight finish with 200, new connections are refused at once, an open graphql-ws subscription
 * is closed with 1001 (going away), and the process exits 0 well within 30 s.
 */
import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import type { AddressInfo } from "node:net";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createAccount, createIntegration, LogonMutation } from "../helpers/flows.ts";
import { gql } from "../helpers/gateway.ts";
import { finished, runCli, startCli, waitForLine, type CliResult } from "../helpers/cli.ts";
import { migratedDataDir, removeDataDir } from "../helpers/template-gateway.ts";
import { startJiraSimulator, type JiraSimulator } from "../simulators/jira/index.ts";

const slowCallMs = 3_000;
let dataDir: string;
let sim: JiraSimulator;
let slowProxy: Server;
let slowProxyUrl: string;

/** Forwards to the Jira simulator after `slowCallMs`: a provider that takes its time. */
function startSlowProxy(target: string): Promise<Server> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      setTimeout(async () => {
        const headers = Object.fromEntries(Object.entries(request.headers).filter(([name, value]) => name !== "host" && name !== "content-length" && typeof value === "string")) as Record<string, string>;
        const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
        const answer = await fetch(`${target}${request.url}`, { method: request.method, headers, body }).catch(() => null);
        if (!answer) return void response.writeHead(502).end();
        response.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" });
        response.end(Buffer.from(await answer.arrayBuffer()));
      }, slowCallMs);
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

beforeAll(async () => {
  dataDir = await migratedDataDir();
  sim = await startJiraSimulator();
  slowProxy = await startSlowProxy(sim.url);
  slowProxyUrl = `http://127.0.0.1:${(slowProxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  slowProxy?.close();
  await sim?.close();
  if (dataDir) removeDataDir(dataDir);
});

const admin = { email: "ops@sigterm.test", password: "a-long-enough-password" };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether a brand-new TCP connection to `port` is accepted. */
const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });

it("drains on SIGTERM: in-flight calls finish, new connections are refused, subscriptions close with 1001, exit 0", { timeout: 120_000 }, async () => {
  const env = { SWITCHYARD_DATA_DIR: dataDir, SWITCHYARD_ALLOW_PRIVATE_NETWORKS: "true", SWITCHYARD_RATE_LIMIT_ORG_PER_SECOND: "100000", SWITCHYARD_RATE_LIMIT_ORG_BURST: "100000" };
  const created = await runCli(["tenant", "create", "--name", "sigterm", "--admin-email", admin.email, "--admin-password", admin.password, "--json"], env);
  expect(created.code, created.stderr).toBe(0);
  const { organizationId } = JSON.parse(created.stdout) as { organizationId: string };

  const server = startCli(["serve"], { ...env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info" });
  const exited: Promise<CliResult> = finished(server);
  try {
    const url = await waitForLine(server, /listening on (http:\/\/127\.0\.0\.1:\d+)\/graphql/, 60_000);
    const port = Number(new URL(url).port);
    const gateway = { url };
    const logon = await gql(gateway, LogonMutation, { variables: { input: { organizationId, ...admin } } });
    const token = logon.body.data?.logon.tokens.accessToken ?? "";
    const accountId = (await createAccount(gateway as never, token, "drain")).id;
    const integration = await createIntegration(gateway as never, token, accountId, "slow-jira", {
      ticketingJira: { apiBaseUrl: slowProxyUrl, credential: { basic: { username: sim.credentials.email, password: sim.credentials.apiToken } } },
    });
    const integrationToken = integration.tokens.accessToken;

    // An open subscription, and the way it ends.
    const socketClosed = new Promise<{ code: number; reason: string }>((resolve) => {
      const client = createClient({
        url: `${url.replace(/^http/, "ws")}/graphql/connector`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        connectionParams: { authorization: `Bearer ${integrationToken}` },
        on: { closed: (event) => resolve({ code: (event as { code: number }).code, reason: (event as { reason: string }).reason }) },
      });
      client.subscribe({ query: "subscription { statusEvents { operation } }" }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    });

    // Background load of quick reads, bounded in time; and three slow connector calls in flight.
    const statuses: (number | string)[] = [];
    let loading = true;
    const loadUntil = performance.now() + 30_000;
    const readers = Array.from({ length: 3 }, async () => {
      while (loading && performance.now() < loadUntil) {
        const status = await gql(gateway, "{ accounts(first: 5) { totalCount } }", { token, path: "/graphql/management" }).then(
          (response) => response.status,
          (error: Error) => (error.cause as { code?: string } | undefined)?.code ?? error.message,
        );
        statuses.push(status);
        if (typeof status === "string") await pause(20);
      }
    });
    const slowCalls = Array.from({ length: 3 }, () => gql(gateway, "{ tickets(first: 1) { edges { node { key } } } }", { token: integrationToken, path: "/graphql/connector" }));
    await pause(800);
    const servedBefore = statuses.filter((status) => status === 200).length;

    const signalledAt = performance.now();
    server.kill("SIGTERM");
    await pause(300);
    const acceptsAfterSignal = await accepts(port);
    const slow = await Promise.all(slowCalls);
    const slowDoneAt = performance.now();
    const closed = await socketClosed;
    const result = await exited;
    const exitedAt = performance.now();
    loading = false;
    await Promise.all(readers);

    console.log(
      `SIGTERM: ${servedBefore} quick reads served before it; slow calls finished ${Math.round(slowDoneAt - signalledAt)} ms after it; ` +
        `socket closed ${closed.code}; exit code ${result.code} ${Math.round(exitedAt - signalledAt)} ms after it; ` +
        `quick-read outcomes after it: ${JSON.stringify(Object.fromEntries(statuses.slice(servedBefore).reduce((counts, status) => counts.set(status, (counts.get(status) ?? 0) + 1), new Map<number | string, number>())))}`,
    );
    expect(servedBefore).toBeGreaterThan(0);
    for (const response of slow) expect({ status: response.status, errors: response.body.errors }).toEqual({ status: 200, errors: undefined });
    expect(acceptsAfterSignal).toBe(false);
    expect(closed.code).toBe(1001);
    expect({ code: result.code, signal: result.signal }).toEqual({ code: 0, signal: null });
    expect(exitedAt - signalledAt).toBeLessThan(30_000);
    // Under load, nothing was answered with a server error: a read either finished or found the door closed.
    expect(statuses.filter((status) => typeof status === "number" && status >= 500)).toEqual([]);
  } finally {
    if (server.exitCode === null && server.signalCode === null) server.kill("SIGKILL");
  }
});
