/**
 * Noisy-neighbour benchmark (issue 6, per-tenant fairness). A gateway child (NODE_ENV=production)
 * serves two organizations. Org B's latency on a small management query is measured alone
 * (baseline), then again while org A floods the same endpoint at high concurrency; org A's surplus
 * is answered 429 by the per-organization token bucket and its organization's request lane. The
 * flood is driven from its own process, so org B's client measures the gateway rather than its own
 * event loop's contention.
 * Run: `npx tsx bench/noisy-neighbour.ts`. Knobs: BENCH_DATABASE=postgres (a PostgreSQL the
 * benchmark starts instead of embedded PGlite), BENCH_SECONDS per phase (10), FLOOD_CONNECTIONS (64),
 * QUIET_INTERVAL_MS (org B's pace, 50), ORG_PER_SECOND / ORG_BURST (the gateway's per-organization
 * rate, 50 / 100), BENCH_CPU_PROF=<dir> (CPU profiles of the gateway's threads).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
// Loaded up front: the flood process must not be compiling its HTTP client when it is told to start.
import { Pool } from "undici";
import { createTenantWithCli, percentile, startChild, startPostgres, stopChild } from "./lib.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const floodConnections = Number(process.env.FLOOD_CONNECTIONS ?? 64);
const limit = { perSecond: process.env.ORG_PER_SECOND ?? "50", burst: process.env.ORG_BURST ?? "100" };
const port = 61400;
const gatewayUrl = `http://127.0.0.1:${port}`;
const password = "benchmark-password";
/** Org B is a well-behaved tenant: one client pacing itself well under the limit. */
const quietPauseMs = Number(process.env.QUIET_INTERVAL_MS ?? 50);
const probe = JSON.stringify({ query: "{ accounts(first: 5) { totalCount } }" });

function createTenant(database: Record<string, string>, name: string): { organizationId: string; email: string } {
  const email = `admin@${name}.test`;
  return { organizationId: createTenantWithCli(database, { name, email, password }).organizationId, email };
}

async function logon(tenant: { organizationId: string; email: string }): Promise<string> {
  const response = await fetch(`${gatewayUrl}/graphql/management`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "mutation($input: LogonInput!) { logon(input: $input) { tokens { accessToken } } }", variables: { input: { ...tenant, password } } }),
  });
  const body = (await response.json()) as { data?: { logon: { tokens: { accessToken: string } } } };
  if (!body.data) throw new Error(`logon failed: ${JSON.stringify(body)}`);
  return body.data.logon.tokens.accessToken;
}

interface Tally {
  latencies: number[];
  /** When each request was sent, in ms since the phase began (same order as `latencies`). */
  sentAt: number[];
  ok: number;
  limited: number;
  other: number;
}

/** `connections` keep-alive clients until `until`; each waits `pauseMs` after an answer (0: closed loop, as fast as answered). */
async function drive(token: string, connections: number, until: number, pauseMs = 0): Promise<Tally> {
  const pool = new Pool(gatewayUrl, { connections, pipelining: 1 });
  const tally: Tally = { latencies: [], sentAt: [], ok: 0, limited: 0, other: 0 };
  const phaseStart = performance.now();
  const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };
  const client = async () => {
    while (performance.now() < until) {
      const started = performance.now();
      try {
        const response = await pool.request({ method: "POST", path: "/graphql/management", headers, body: probe });
        await response.body.text();
        if (response.statusCode === 200) tally.ok++;
        else if (response.statusCode === 429) tally.limited++;
        else tally.other++;
      } catch {
        tally.other++;
      }
      const elapsed = performance.now() - started;
      tally.latencies.push(elapsed);
      tally.sentAt.push(started - phaseStart);
      if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, Math.max(0, pauseMs - elapsed)));
    }
  };
  await Promise.all(Array.from({ length: connections }, client));
  await pool.close();
  return tally;
}

/**
 * Starts org A's flood in a child process (this file with `--flood`). The child loads, says `ready`,
 * and floods for `durationMs` once told to start, so its own start-up is not part of the measurement.
 */
async function startFlood(token: string, durationMs: number): Promise<{ start: () => Promise<Tally> }> {
  const child = spawn(process.execPath, ["--import", "tsx", new URL(import.meta.url).pathname, "--flood"], {
    env: { ...process.env, FLOOD_TOKEN: token, FLOOD_DURATION_MS: String(durationMs) },
    stdio: ["pipe", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", () => output.startsWith("ready\n") && resolve());
    void exited.then((code) => reject(new Error(`flood process exited early with ${code}`)));
  });
  return {
    async start() {
      child.stdin.end("go\n");
      const code = await exited;
      if (code !== 0) throw new Error(`flood process exited with ${code}`);
      return JSON.parse(output.slice("ready\n".length)) as Tally;
    },
  };
}

/** The child side of `startFlood`. */
async function runFlood() {
  process.stdout.write("ready\n");
  await new Promise((resolve) => process.stdin.once("data", resolve));
  const tally = await drive(process.env.FLOOD_TOKEN ?? "", floodConnections, performance.now() + Number(process.env.FLOOD_DURATION_MS));
  process.stdout.write(JSON.stringify(tally));
}

const ms = (value: number) => `${value.toFixed(2)} ms`;
const row = (label: string, tally: Tally) =>
  `| ${label} | ${(tally.latencies.length / seconds).toFixed(0)} | ${tally.ok} | ${tally.limited} | ${tally.other} | ${ms(percentile(tally.latencies, 50))} | ${ms(percentile(tally.latencies, 99))} |`;

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), "switchyard-bench-noisy-"));
  const postgres = process.env.BENCH_DATABASE === "postgres" ? startPostgres(61401) : null;
  const keys = { SWITCHYARD_SIGNING_KEYS: `bench:${randomBytes(32).toString("base64url")}`, SWITCHYARD_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString("base64url")}` };
  const database: Record<string, string> = postgres ? { DATABASE_URL: postgres.url, ...keys } : { SWITCHYARD_DATA_DIR: dataDir };
  const tenantA = createTenant(database, "noisy-a");
  const tenantB = createTenant(database, "quiet-b");
  const gateway = await startChild(
    process.execPath,
    [...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), "bin/switchyard.mjs", "serve"],
    {
      ...database,
      PORT: String(port),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      LOG_LEVEL: "error",
      SWITCHYARD_RATE_LIMIT_ORG_PER_SECOND: limit.perSecond,
      SWITCHYARD_RATE_LIMIT_ORG_BURST: limit.burst,
    },
    `${gatewayUrl}/readyz`,
  );
  try {
    const [tokenA, tokenB] = [await logon(tenantA), await logon(tenantB)];
    await drive(tokenB, 1, performance.now() + 1_000, quietPauseMs);
    const baseline = await drive(tokenB, 1, performance.now() + seconds * 1000, quietPauseMs);
    // Org A's bucket starts full again after the pause, as it would for a fresh flood.
    const flooding = await startFlood(tokenA, seconds * 1000);
    const [flood, contended] = await Promise.all([flooding.start(), drive(tokenB, 1, performance.now() + seconds * 1000, quietPauseMs)]);
    const ratio = (p: number) => (percentile(contended.latencies, p) / percentile(baseline.latencies, p)).toFixed(2);
    // The flood's first second is its burst: the bucket's burst allowance spent at once.
    const afterFirstSecond = contended.latencies.filter((_, index) => (contended.sentAt[index] as number) >= 1_000);
    const steadyRatio = (p: number) => (percentile(afterFirstSecond, p) / percentile(baseline.latencies, p)).toFixed(2);
    console.log(
      [
        `gateway database: ${postgres ? "PostgreSQL (started by the benchmark)" : "embedded PGlite"}; per-organization limit ${limit.perSecond}/s, burst ${limit.burst}; org A floods with ${floodConnections} connections; org B sends one request every ${quietPauseMs} ms; ${seconds} s per phase`,
        "",
        "| phase | requests/s | 200 | 429 | other | p50 | p99 |",
        "|---|---:|---:|---:|---:|---:|---:|",
        row("org B alone (baseline)", baseline),
        row("org B during the flood", contended),
        row("org A flooding", flood),
        "",
        `org B under the flood / baseline: p50 ×${ratio(50)}, p99 ×${ratio(99)} (target: within ×1.10)`,
        `the same from the flood's second second on (burst spent): p50 ×${steadyRatio(50)}, p99 ×${steadyRatio(99)} (${afterFirstSecond.length} requests)`,
      ].join("\n"),
    );
  } finally {
    await stopChild(gateway);
    postgres?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv.includes("--flood")) await runFlood();
else await main();
