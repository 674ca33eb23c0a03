/**
 * Noisy-neighbour benchmark (issue 6, per-tenant fairness). A gateway child on embedded PGlite
 * (NODE_ENV=production) serves two organizations. Org B's latency on a small management query is
 * measured alone (baseline), then again while org A floods the same endpoint at high concurrency;
 * org A's surplus is answered 429 by the per-organization token bucket.
 * Run: `npx tsx bench/noisy-neighbour.ts` (BENCH_SECONDS per phase, default 10; FLOOD_CONNECTIONS,
 * default 64; QUIET_INTERVAL_MS, org B's pace, default 50; ORG_PER_SECOND / ORG_BURST for the gateway's per-organization limit, default 50 / 100).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTenantWithCli, percentile, startChild, stopChild } from "./lib.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const floodConnections = Number(process.env.FLOOD_CONNECTIONS ?? 64);
const limit = { perSecond: process.env.ORG_PER_SECOND ?? "50", burst: process.env.ORG_BURST ?? "100" };
const port = 61400;
const gatewayUrl = `http://127.0.0.1:${port}`;
const password = "benchmark-password";
/** Org B is a well-behaved tenant: one client pacing itself well under the limit. */
const quietPauseMs = Number(process.env.QUIET_INTERVAL_MS ?? 50);
const probe = JSON.stringify({ query: "{ accounts(first: 5) { totalCount } }" });

function createTenant(dataDir: string, name: string): { organizationId: string; email: string } {
  const email = `admin@${name}.test`;
  return { organizationId: createTenantWithCli({ SWITCHYARD_DATA_DIR: dataDir }, { name, email, password }).organizationId, email };
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
  ok: number;
  limited: number;
  other: number;
}

/** `connections` keep-alive clients until `until`; each waits `pauseMs` after an answer (0: closed loop, as fast as answered). */
async function drive(token: string, connections: number, until: number, pauseMs = 0): Promise<Tally> {
  const { Pool } = await import("undici");
  const pool = new Pool(gatewayUrl, { connections, pipelining: 1 });
  const tally: Tally = { latencies: [], ok: 0, limited: 0, other: 0 };
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
      if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, Math.max(0, pauseMs - elapsed)));
    }
  };
  await Promise.all(Array.from({ length: connections }, client));
  await pool.close();
  return tally;
}

const ms = (value: number) => `${value.toFixed(2)} ms`;
const row = (label: string, tally: Tally) =>
  `| ${label} | ${(tally.latencies.length / seconds).toFixed(0)} | ${tally.ok} | ${tally.limited} | ${tally.other} | ${ms(percentile(tally.latencies, 50))} | ${ms(percentile(tally.latencies, 99))} |`;

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), "switchyard-bench-noisy-"));
  const tenantA = createTenant(dataDir, "noisy-a");
  const tenantB = createTenant(dataDir, "quiet-b");
  const gateway = await startChild(
    process.execPath,
    ["bin/switchyard.mjs", "serve"],
    {
      SWITCHYARD_DATA_DIR: dataDir,
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
    const until = performance.now() + seconds * 1000;
    const [flood, contended] = await Promise.all([drive(tokenA, floodConnections, until), drive(tokenB, 1, until, quietPauseMs)]);
    const ratio = (p: number) => (percentile(contended.latencies, p) / percentile(baseline.latencies, p)).toFixed(2);
    console.log(
      [
        `per-organization limit ${limit.perSecond}/s, burst ${limit.burst}; org A floods with ${floodConnections} connections; org B sends one request every ${quietPauseMs} ms; ${seconds} s per phase`,
        "",
        "| phase | requests/s | 200 | 429 | other | p50 | p99 |",
        "|---|---:|---:|---:|---:|---:|---:|",
        row("org B alone (baseline)", baseline),
        row("org B during the flood", contended),
        row("org A flooding", flood),
        "",
        `org B under the flood / baseline: p50 ×${ratio(50)}, p99 ×${ratio(99)} (target: within ×1.10)`,
      ].join("\n"),
    );
  } finally {
    await stopChild(gateway);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
