/**
 * Benchmark of live status fan-out (issue: live status). One gateway process (`switchyard serve`,
 * production, embedded database in a fresh folder) holds N graphql-ws connections, each with one
 * `integrationStatusChanged` subscription (as browser tabs would), opened by 1–4 client processes.
 * BENCH_WATCH picks what each subscriber watches: `organization` (default; every subscriber receives
 * every change, the broadcast worst case) or `integration` (each one narrowed to one of the
 * integrations, round robin, as a tab showing one integration's page would be). Connector calls
 * against the mock provider are then made at a fixed rate; every status change carries `time`
 * (when the status row was written, just before publishing), and each client measures
 * publish-to-receipt latency against it (same machine, same clock).
 *
 * Run: `npx tsx bench/subscriptions.ts`. Knobs: BENCH_SUBSCRIBERS (default "10,1000,10000"; the
 * 10-subscriber row is the same run's baseline: the latency the connector-call load alone causes),
 * BENCH_RATE (connector calls/s, 100), BENCH_SECONDS (10), BENCH_INTEGRATIONS (integrations the
 * calls rotate over: 1 when watching the organization, 100 when watching integrations, so that
 * 100 calls/s publish 100 changes/s; each integration publishes its counters at most every
 * 200 ms), BENCH_WORKERS (client processes; default 1 per 2,500 subscribers, at most 4 and at most
 * half this machine's cores, since clients sharing the gateway's cores delay its deliveries),
 * BENCH_TOKENS (organization tokens the subscribers share, 10), BENCH_SUBSCRIPTION
 * (`integrationStatusChanged` or `statusEvents`; the latter's `time` is the call's own, so its
 * latency includes the 50 ms recording batch),
 * BENCH_CPU_PROF=<dir> (CPU profile of the gateway), BENCH_HEAP_SNAPSHOT=<dir> (heap snapshots of
 * the gateway with 0 and with N idle subscribers), BENCH_PORT (61300; its inspector listens on the
 * next port, for a full garbage collection before each RSS reading).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { cpuSeconds, createTenantWithCli, graphql, stopChild } from "./lib.ts";
import { Clients, percentileOfHistogram, type Subscribe } from "./subscription-clients.ts";
import { heapSnapshot, openFileLimit, residentKiB, settledResidentKiB, sleep, spawnWithFiles, waitReady } from "./subscription-processes.ts";

const env = process.env;
const subscriberCounts = (env.BENCH_SUBSCRIBERS ?? "10,1000,10000").split(",").map(Number);
const rate = Number(env.BENCH_RATE ?? 100);
const seconds = Number(env.BENCH_SECONDS ?? 10);
const watch = env.BENCH_WATCH === "integration" ? "integration" : "organization";
const integrationCount = Number(env.BENCH_INTEGRATIONS ?? (watch === "integration" ? 100 : 1));
const tokenCount = Number(env.BENCH_TOKENS ?? 10);
const field = env.BENCH_SUBSCRIPTION === "statusEvents" ? "statusEvents" : "integrationStatusChanged";
const port = Number(env.BENCH_PORT ?? 61300);
/** The gateway's inspector, used only to run a full collection before each RSS reading. */
const inspectPort = port + 1;
const admin = { email: "admin@bench.test", password: "benchmark-password" };


/** An account, `integrationCount` mock integrations with their ids and tokens, and `tokenCount` VIEWER organization tokens. */
async function seed(gatewayUrl: string, organizationId: string) {
  const management = `${gatewayUrl}/graphql/management`;
  const token = (await graphql<{ logon: { tokens: { accessToken: string } } }>(management, "mutation($input: LogonInput!) { logon(input: $input) { tokens { accessToken } } }", { input: { organizationId, ...admin } })).logon.tokens.accessToken;
  const account = await graphql<{ createAccount: { account: { id: string } } }>(management, "mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }", { input: { name: "bench" } }, token);
  const integrationTokens: string[] = [];
  const integrationIds: string[] = [];
  for (let index = 0; index < integrationCount; index++) {
    const created = await graphql<{ createIntegration: { integration: { id: string }; tokens: { accessToken: string } } }>(
      management,
      "mutation($input: CreateIntegrationInput!) { createIntegration(input: $input) { integration { id } tokens { accessToken } } }",
      { input: { accountId: account.createAccount.account.id, name: `bench-${index}`, provider: { ticketingMock: {} } } },
      token,
    );
    integrationTokens.push(created.createIntegration.tokens.accessToken);
    integrationIds.push(created.createIntegration.integration.id);
  }
  const viewerTokens: string[] = [];
  for (let index = 0; index < tokenCount; index++) {
    const minted = await graphql<{ createOrganizationToken: { tokens: { accessToken: string } } }>(
      management,
      "mutation($input: CreateOrganizationTokenInput!) { createOrganizationToken(input: $input) { tokens { accessToken } } }",
      { input: { permissionSet: "VIEWER" } },
      token,
    );
    viewerTokens.push(minted.createOrganizationToken.tokens.accessToken);
  }
  return { integrationIds, integrationTokens, viewerTokens };
}

/** What the subscribers subscribe to, taken round robin: the organization's changes, or one integration's each. */
function subscriptionsFor(integrationIds: string[]): Subscribe[] {
  if (watch === "organization") return [{ query: `subscription { ${field} { time } }` }];
  return integrationIds.map((integrationId) => ({ query: `subscription($id: ID!) { ${field}(integrationId: $id) { time } }`, variables: { id: integrationId } }));
}

/** Connector calls at a fixed rate (open loop: a slow answer does not delay the next call). */
async function callAtRate(gatewayUrl: string, tokens: string[], perSecond: number, durationSeconds: number) {
  const total = Math.round(perSecond * durationSeconds);
  const body = JSON.stringify({ query: "{ tickets(first: 1) { edges { node { key } } } }" });
  const latencies: number[] = [];
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const started = performance.now();
  for (let call = 0; call < total; call++) {
    const due = started + (call * 1000) / perSecond;
    if (due > performance.now()) await sleep(due - performance.now());
    const sentAt = performance.now();
    inFlight.push(
      fetch(`${gatewayUrl}/graphql/connector`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${tokens[call % tokens.length]}` }, body })
        .then(async (response) => {
          const answer = (await response.json()) as { errors?: unknown };
          if (!response.ok || answer.errors) errors++;
          latencies.push(performance.now() - sentAt);
        })
        .catch(() => void errors++),
    );
  }
  await Promise.all(inFlight);
  return { calls: total, errors, elapsedSeconds: (performance.now() - started) / 1000, latencies };
}

interface Row {
  subscribers: number;
  held: number;
  openSeconds: number;
  perSubscriberKiB: number;
  zeroMiB: number;
  residentMiB: number;
  published: number;
  deliveredPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  calls: { errors: number; p50: number };
  gatewayCpu: number;
  minPerSocket: number;
  maxPerSocket: number;
  closeCodes: Record<string, number>;
}

interface Gateway {
  url: string;
  pid: number;
  viewerTokens: string[];
  integrationIds: string[];
  integrationTokens: string[];
  zeroKiB: number;
  stop(): Promise<void>;
}

/** A fresh gateway (own data folder, tenant and tokens), warmed up, with its RSS at 0 subscribers. */
async function startGateway(files: number, label: string): Promise<Gateway> {
  const dataDir = mkdtempSync(join(tmpdir(), "switchyard-bench-subscriptions-"));
  const tenant = createTenantWithCli({ SWITCHYARD_DATA_DIR: dataDir }, { name: "bench", ...admin });
  const url = `http://127.0.0.1:${port}`;
  const profiling = [
    ...(env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir", env.BENCH_CPU_PROF] : []),
    ...(env.BENCH_HEAP_SNAPSHOT ? ["--heapsnapshot-signal=SIGUSR2", "--diagnostic-dir", env.BENCH_HEAP_SNAPSHOT] : []),
  ];
  const child = spawnWithFiles(files, [...profiling, `--inspect=127.0.0.1:${inspectPort}`, "bin/switchyard.mjs", "serve"], {
    SWITCHYARD_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: "127.0.0.1",
    NODE_ENV: "production",
    LOG_LEVEL: "error",
    // Fairness limits are not what is measured: every subscriber here shares one organization.
    SWITCHYARD_RATE_LIMIT_ORG_PER_SECOND: "1000000",
    SWITCHYARD_RATE_LIMIT_ORG_BURST: "1000000",
    SWITCHYARD_RATE_LIMIT_INTEGRATION_PER_SECOND: "1000000",
    SWITCHYARD_RATE_LIMIT_INTEGRATION_BURST: "1000000",
    SWITCHYARD_RATE_LIMIT_ANONYMOUS_PER_SECOND: "1000000",
    SWITCHYARD_RATE_LIMIT_ANONYMOUS_BURST: "1000000",
  });
  const stop = async () => {
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitReady(child, `${url}/readyz`);
    const pid = child.pid as number;
    const limit = /Max open files\s+(\d+)/.exec(readFileSync(`/proc/${pid}/limits`, "utf8"))?.[1];
    const { integrationIds, integrationTokens, viewerTokens } = await seed(url, tenant.organizationId);
    // Warm the code paths (a few calls and one small crowd of subscribers) before the baseline.
    await callAtRate(url, integrationTokens, 20, 1);
    const warm = new Clients(1, 1_000);
    await warm.open(`${url.replace(/^http/, "ws")}/graphql`, viewerTokens, 50, subscriptionsFor(integrationIds));
    await warm.close();
    const zeroKiB = await settledResidentKiB(pid, inspectPort);
    if (env.BENCH_HEAP_SNAPSHOT) await heapSnapshot(pid);
    console.log(`${label}: gateway pid ${pid}, open-file limit ${limit}, RSS with 0 subscribers ${(zeroKiB / 1024).toFixed(0)} MiB`);
    return { url, pid, viewerTokens, integrationIds, integrationTokens, zeroKiB, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Opens `count` idle subscribers, reads the RSS, then publishes at `rate` and measures delivery. */
async function measureAt(count: number, gateway: Gateway): Promise<Row> {
  const workers = Math.max(1, Math.min(4, Number(env.BENCH_WORKERS ?? Math.min(Math.ceil(count / 2_500), Math.floor(availableParallelism() / 2)))));
  const clients = new Clients(workers, Math.ceil(count / workers) + 200);
  try {
    const openStarted = performance.now();
    const opened = await clients.open(`${gateway.url.replace(/^http/, "ws")}/graphql`, gateway.viewerTokens, count, subscriptionsFor(gateway.integrationIds));
    const openSeconds = (performance.now() - openStarted) / 1000;
    if (opened.failed) console.log(`  ${opened.failed} connections failed: ${opened.errors.join("; ")}`);
    const idleKiB = await settledResidentKiB(gateway.pid, inspectPort);
    if (env.BENCH_HEAP_SNAPSHOT) await heapSnapshot(gateway.pid);

    // A call per watched integration proves every subscription is live (each must receive its change) before measuring.
    const watched = watch === "organization" ? gateway.integrationTokens.slice(0, 1) : gateway.integrationTokens;
    for (let attempt = 0; attempt < 20; attempt++) {
      await callAtRate(gateway.url, watched, watched.length, 1);
      await sleep(1_000);
      if ((await clients.report()).minPerSocket > 0) break;
    }
    clients.reset();

    const cpuBefore = cpuSeconds(gateway.pid);
    const loadStartedAt = Date.now();
    const calls = await callAtRate(gateway.url, gateway.integrationTokens, rate, seconds);
    let report = await clients.report();
    for (let waited = 0; waited < 20; waited++) {
      await sleep(500);
      const later = await clients.report();
      if (later.received === report.received) break;
      report = later;
    }
    const window = Math.max(calls.elapsedSeconds, (report.lastReceiptAt - loadStartedAt) / 1000);
    const cpu = cpuSeconds(gateway.pid) - cpuBefore;
    calls.latencies.sort((a, b) => a - b);
    return {
      subscribers: count,
      held: report.open,
      openSeconds,
      perSubscriberKiB: (idleKiB - gateway.zeroKiB) / count,
      zeroMiB: gateway.zeroKiB / 1024,
      residentMiB: residentKiB(gateway.pid) / 1024,
      published: report.open ? Math.round(report.received / report.open) : 0,
      deliveredPerSecond: Math.round(report.received / window),
      p50: percentileOfHistogram(report.histogram, 50),
      p99: percentileOfHistogram(report.histogram, 99),
      max: percentileOfHistogram(report.histogram, 100),
      calls: { errors: calls.errors, p50: calls.latencies[Math.floor(calls.latencies.length / 2)] ?? 0 },
      gatewayCpu: cpu / window,
      minPerSocket: report.minPerSocket,
      maxPerSocket: report.maxPerSocket,
      closeCodes: report.closeCodes,
    };
  } finally {
    await clients.close();
  }
}

function table(rows: Row[]): string {
  return [
    "| subscribers | held | open (s) | RSS with 0 (MiB) | KiB per idle subscriber | RSS after load (MiB) | events per subscriber | delivered msgs/s | p50 | p99 | max | gateway CPU | call p50 | call errors |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map(
      (row) =>
        `| ${row.subscribers.toLocaleString("en")} | ${row.held.toLocaleString("en")} | ${row.openSeconds.toFixed(1)} | ${row.zeroMiB.toFixed(0)} | ${row.perSubscriberKiB.toFixed(1)} | ${row.residentMiB.toFixed(0)} | ${row.published} (min ${row.minPerSocket}, max ${row.maxPerSocket}) | ${row.deliveredPerSecond.toLocaleString("en")} | ${row.p50} ms | ${row.p99} ms | ${row.max} ms | ${(row.gatewayCpu * 100).toFixed(0)} % | ${row.calls.p50.toFixed(1)} ms | ${row.calls.errors} |`,
    ),
  ].join("\n");
}

async function main() {
  const files = Math.max(...subscriberCounts) + 1_000;
  console.log(`Open-file limit here: ${openFileLimit()} (the gateway needs about ${files}; raised for the child processes when lower).`);
  console.log(
    `Subscription: ${field}, ${watch === "organization" ? "the whole organization's (every subscriber receives every change)" : `one integration's each (round robin over ${integrationCount})`}; ${rate} connector calls/s over ${integrationCount} integration(s) for ${seconds} s; ${tokenCount} organization tokens shared; a fresh gateway per row.`,
  );
  const rows: Row[] = [];
  for (const count of subscriberCounts) {
    const gateway = await startGateway(files, `${count} subscribers`);
    try {
      const row = await measureAt(count, gateway);
      rows.push(row);
      console.log(`  ${JSON.stringify(row)}`);
    } finally {
      await gateway.stop();
    }
  }
  console.log(`\n${table(rows)}\n`);
  console.log("Targets: 10,000 subscribers held, p99 < 100 ms at 100 events/s, < 20 KB per idle subscriber. Latency: from the change's `time` to its receipt, whole milliseconds.");
}

await main();
