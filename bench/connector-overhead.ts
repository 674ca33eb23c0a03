/**
 * Benchmark of the latency the gateway adds to a connector call (issue: connectors and providers).
 * The Jira simulator, the gateway and a bare graphql-yoga server each run in their own process.
 * The same ticket query is made directly against the simulator's `POST /rest/api/3/search/jql`
 * (replaying exactly the request the gateway sends) and through `/graphql/connector` with an
 * integration token, at 1 and 50 concurrent clients; the difference is the gateway's share. A bare
 * graphql-yoga proxy making the same search (bench/bare-yoga-proxy.ts) is measured beside it: what
 * it adds is the floor for any graphql-yoga gateway on this machine.
 * Run: `npx tsx bench/connector-overhead.ts` (BENCH_SECONDS per measurement, default 10;
 * BENCH_DATABASE=postgres runs the gateway on a PostgreSQL it starts instead of embedded PGlite;
 * BENCH_CPU_PROF=<dir> writes CPU profiles of the gateway's threads there).
 */
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cpuSeconds, createTenantWithCli, graphql, measure, startChild, startPostgres, stopChild, type Measurement } from "./lib.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const ports = { bare: 61000, control: 61001, gateway: 61002, proxy: 61004 };
const admin = { email: "admin@bench.test", password: "benchmark-password" };
// The per-tenant rate and concurrency caps are not what is measured here; with their defaults (100 req/s
// and 10 concurrent calls per integration) the 50-client run would measure the queue instead.
const unlimited = {
  SWITCHYARD_RATE_LIMIT_ORG_PER_SECOND: "1000000",
  SWITCHYARD_RATE_LIMIT_ORG_BURST: "1000000",
  SWITCHYARD_RATE_LIMIT_INTEGRATION_PER_SECOND: "1000000",
  SWITCHYARD_RATE_LIMIT_INTEGRATION_BURST: "1000000",
  SWITCHYARD_CONNECTOR_CONCURRENCY_ORG: "10000",
  SWITCHYARD_CONNECTOR_CONCURRENCY_INTEGRATION: "10000",
};
const ticketQuery = "{ tickets(first: 10) { edges { node { id key summary status priority } } } }";

interface Recorded {
  method: string;
  path: string;
  query: Record<string, string[]>;
  body: unknown;
}

/** Logs on, then makes an account, a Jira integration pointing at the simulator, and its integration token. */
async function createJiraIntegration(gatewayUrl: string, organizationId: string, simulator: { url: string; credentials: { email: string; apiToken: string } }) {
  const logon = await graphql<{ logon: { tokens: { accessToken: string } } }>(
    `${gatewayUrl}/graphql/management`,
    "mutation($input: LogonInput!) { logon(input: $input) { tokens { accessToken } } }",
    { input: { organizationId, ...admin } },
  );
  const token = logon.logon.tokens.accessToken;
  const account = await graphql<{ createAccount: { account: { id: string } } }>(
    `${gatewayUrl}/graphql/management`,
    "mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }",
    { input: { name: "bench-account" } },
    token,
  );
  const integration = await graphql<{ createIntegration: { tokens: { accessToken: string } } }>(
    `${gatewayUrl}/graphql/management`,
    "mutation($input: CreateIntegrationInput!) { createIntegration(input: $input) { tokens { accessToken } } }",
    {
      input: {
        accountId: account.createAccount.account.id,
        name: "bench-jira",
        provider: { ticketingJira: { apiBaseUrl: simulator.url, credential: { basic: { username: simulator.credentials.email, password: simulator.credentials.apiToken } } } },
      },
    },
    token,
  );
  return integration.createIntegration.tokens.accessToken;
}

const microseconds = (ms: number) => `${Math.round(ms * 1000).toLocaleString("en")} µs`;

function pidOf(child: ChildProcess | undefined): number {
  if (child?.pid === undefined) throw new Error("the process was not started");
  return child.pid;
}

/** Runs one measurement and adds the CPU time the serving process spent per request meanwhile. */
async function measureWithCpu(processId: number, run: () => Promise<Measurement>): Promise<Measurement & { cpuMsPerRequest: number }> {
  const before = cpuSeconds(processId);
  const result = await run();
  return { ...result, cpuMsPerRequest: ((cpuSeconds(processId) - before) * 1000) / result.requests };
}

function table(rows: [string, Measurement & { cpuMsPerRequest: number }][]) {
  const lines = ["| target | clients | requests/s | p50 | p99 | server CPU per request | errors |", "|---|---:|---:|---:|---:|---:|---:|"];
  for (const [label, result] of rows) {
    const cpu = microseconds(result.cpuMsPerRequest);
    lines.push(`| ${label} | ${result.connections} | ${result.requestsPerSecond.toLocaleString("en")} | ${microseconds(result.p50)} | ${microseconds(result.p99)} | ${cpu} | ${result.errors} |`);
  }
  return lines.join("\n");
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), "switchyard-bench-connector-"));
  const postgres = process.env.BENCH_DATABASE === "postgres" ? startPostgres(61003) : null;
  const keys = { SWITCHYARD_SIGNING_KEYS: `bench:${randomBytes(32).toString("base64url")}`, SWITCHYARD_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString("base64url")}` };
  const database: Record<string, string> = postgres ? { DATABASE_URL: postgres.url, ...keys } : { SWITCHYARD_DATA_DIR: dataDir };
  console.log(`Gateway database: ${postgres ? "PostgreSQL (started by the benchmark)" : "embedded PGlite"}.`);
  const simulatorChild = await startChild(process.execPath, ["--import", "tsx", "bench/jira-simulator.ts"], { CONTROL_PORT: String(ports.control) }, `http://127.0.0.1:${ports.control}/requests`);
  const bare = await startChild(process.execPath, ["--import", "tsx", "bench/bare-yoga.ts"], { PORT: String(ports.bare) }, `http://127.0.0.1:${ports.bare}/graphql?query=%7B__typename%7D`);
  let gateway: Awaited<ReturnType<typeof startChild>> | undefined;
  let proxy: Awaited<ReturnType<typeof startChild>> | undefined;
  try {
    const control = async () => (await (await fetch(`http://127.0.0.1:${ports.control}/requests`)).json()) as { url: string; credentials: { email: string; apiToken: string }; requests: Recorded[] };
    const simulator = await control();
    const tenant = createTenantWithCli(database, { name: "bench", ...admin });
    const gatewayUrl = `http://127.0.0.1:${ports.gateway}`;
    gateway = await startChild(
      process.execPath,
      [...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_CPU_PROF] : []), "bin/switchyard.mjs", "serve"],
      { ...database, PORT: String(ports.gateway), HOST: "127.0.0.1", NODE_ENV: "production", LOG_LEVEL: "error", SWITCHYARD_ALLOW_PRIVATE_NETWORKS: "true", ...unlimited },
      `${gatewayUrl}/readyz`,
    );
    const integrationToken = await createJiraIntegration(gatewayUrl, tenant.organizationId, simulator);

    // One query through the gateway shows what it sends to Jira; the direct client replays that.
    await control();
    const viaGateway = await graphql<{ tickets: { edges: unknown[] } }>(`${gatewayUrl}/graphql/connector`, ticketQuery, {}, integrationToken);
    const sent = (await control()).requests;
    const search = sent.find((request) => request.path.endsWith("/search/jql"));
    if (!search) throw new Error(`the gateway did not search: ${JSON.stringify(sent)}`);
    const basic = Buffer.from(`${simulator.credentials.email}:${simulator.credentials.apiToken}`).toString("base64");
    const directUrl = `${simulator.url}${search.path}`;
    const directBody = JSON.stringify(search.body);
    const directHeaders = { authorization: `Basic ${basic}`, "content-type": "application/json", accept: "application/json" };
    const direct = await fetch(directUrl, { method: "POST", headers: directHeaders, body: directBody });
    if (!direct.ok) throw new Error(`direct search answered ${direct.status}`);
    const askedFields = (search.body as { fields?: string[] }).fields ?? [];
    console.log(`Gateway made ${sent.length} provider request(s) per query (${sent.map((request) => `${request.method} ${request.path}`).join(", ")}); ${viaGateway.tickets.edges.length} tickets per page, Jira fields ${askedFields.join(",")}; ${(await direct.arrayBuffer()).byteLength.toLocaleString("en")} bytes per page.`);

    proxy = await startChild(
      process.execPath,
      ["--import", "tsx", "bench/bare-yoga-proxy.ts"],
      { PORT: String(ports.proxy), NODE_ENV: "production", TARGET_URL: directUrl, TARGET_BODY: directBody, TARGET_HEADERS: JSON.stringify(directHeaders) },
      `http://127.0.0.1:${ports.proxy}/graphql?query=%7B__typename%7D`,
    );
    const proxyUrl = `http://127.0.0.1:${ports.proxy}/graphql`;

    const rows: [string, Measurement & { cpuMsPerRequest: number }][] = [];
    const summary: string[] = [];
    for (const connections of [1, 50]) {
      const options = { connections, seconds };
      const directResult = await measureWithCpu(pidOf(simulatorChild), () => measure(directUrl, directBody, { ...options, headers: directHeaders }));
      const gatewayResult = await measureWithCpu(pidOf(gateway), () =>
        measure(`${gatewayUrl}/graphql/connector`, JSON.stringify({ query: ticketQuery }), {
          ...options,
          headers: { "content-type": "application/json", authorization: `Bearer ${integrationToken}` },
        }),
      );
      const bareResult = await measureWithCpu(pidOf(bare), () =>
        measure(`http://127.0.0.1:${ports.bare}/graphql`, JSON.stringify({ query: "{ __typename }" }), { ...options, headers: { "content-type": "application/json" } }),
      );
      const proxyResult = await measureWithCpu(pidOf(proxy), () =>
        measure(proxyUrl, JSON.stringify({ query: ticketQuery }), { ...options, headers: { "content-type": "application/json" } }),
      );
      rows.push(
        ["Jira simulator, direct", directResult],
        ["gateway → Jira simulator", gatewayResult],
        ["bare graphql-yoga proxy → Jira simulator", proxyResult],
        ["bare graphql-yoga `{ __typename }`", bareResult],
      );
      summary.push(
        `${connections} client(s): gateway adds p50 ${microseconds(gatewayResult.p50 - directResult.p50)}, p99 ${microseconds(gatewayResult.p99 - directResult.p99)}; ` +
          `throughput ${((100 * gatewayResult.requestsPerSecond) / directResult.requestsPerSecond).toFixed(0)}% of direct, ${((100 * gatewayResult.requestsPerSecond) / bareResult.requestsPerSecond).toFixed(0)}% of bare yoga; ` +
          `a bare yoga proxy adds p50 ${microseconds(proxyResult.p50 - directResult.p50)}, p99 ${microseconds(proxyResult.p99 - directResult.p99)}`,
      );
    }
    console.log(`\n${table(rows)}\n\n${summary.join("\n")}\n(targets: added p50 < 1 ms, added p99 < 5 ms; ${seconds} s per measurement)`);
  } finally {
    if (gateway) await stopChild(gateway);
    if (proxy) await stopChild(proxy);
    await stopChild(bare);
    await stopChild(simulatorChild);
    rmSync(dataDir, { recursive: true, force: true });
    postgres?.stop();
  }
}

await main();
