/**
 * Benchmark of management list queries (issue: complete management API).
 * Seeds 1,000 and 100,000 integrations over 10,000 accounts, on PGlite and on PostgreSQL, and
 * measures `accounts(first: 50) { integrations(first: 10) … }` and `integrations(first: 100)` with
 * concurrent clients beside a bare graphql-yoga `{ __typename }` server (both with
 * NODE_ENV=production), with the gateway's CPU time per request, plus SQL statements per request
 * at several page sizes, and the data layer's own cost for each page: the same Prisma query run alone,
 * without GraphQL or HTTP, a floor under the gateway's CPU per request. Run: `npx tsx bench/management-list.ts` (BENCH_SECONDS, BENCH_CONNECTIONS,
 * BENCH_DATABASE_URL to use an existing PostgreSQL instead of starting one, BENCH_DATABASES and
 * BENCH_SIZES to measure fewer cases, e.g. `postgres` and `1000`, BENCH_CPU_PROF=<dir> for CPU
 * profiles of the gateway).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { openDatabase, type DatabaseSettings } from "../src/db/database.ts";
import { createTenant } from "../src/services/tenants.ts";
import { loadConfig } from "../src/config.ts";
import { buildApp } from "../src/server.ts";
import { createLogger } from "../src/log.ts";
import { cpuSeconds, load, startChild, startPostgres, stopChild, type LoadResult } from "./lib.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const keys = { SWITCHYARD_SIGNING_KEYS: `bench:${randomBytes(32).toString("base64url")}`, SWITCHYARD_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString("base64url")}` };
const password = "benchmark-password";
const databases = (process.env.BENCH_DATABASES ?? "pglite,postgres").split(",") as ("pglite" | "postgres")[];
const sizes = (process.env.BENCH_SIZES ?? "1000,100000").split(",").map(Number);
/**
 * Per-tenant rate limits would turn the load into 429s; they are not what this measures. Nor is the
 * organization's request lane (4 in flight, 16 waiting by default), which answered a few of one
 * organization's 20 connections 429 when its line was momentarily full.
 */
const unlimited = {
  SWITCHYARD_RATE_LIMIT_ORG_PER_SECOND: "0",
  SWITCHYARD_RATE_LIMIT_ANONYMOUS_PER_SECOND: "0",
  SWITCHYARD_REQUEST_CONCURRENCY_ORG: String(connections),
};

const accountsQuery = (first: number, nested: number) =>
  `{ accounts(first: ${first}) { edges { node { id name integrations(first: ${nested}) { edges { node { id name providerId status { health requests } } } } } } } }`;
const integrationsQuery = (first: number) => `{ integrations(first: ${first}) { edges { node { id name providerId account { name } } } } }`;

async function seed(settings: DatabaseSettings, integrations: number) {
  const database = await openDatabase(settings);
  await database.migrate();
  const tenant = await createTenant(database.prisma, { name: "bench", adminEmail: "admin@bench.test", adminPassword: password });
  const t = tenant.tenantId;
  const run = (sql: string) => database.prisma.$executeRawUnsafe(sql);
  await run(`INSERT INTO "Account" (id, "tenantId", "organizationId", name, fullname, environment, labels, "createdAt", "updatedAt")
    SELECT gen_random_uuid(), '${t}', '${t}', 'account-' || g, 'Account ' || g, 'TEST', ARRAY['bench'], now(), now() FROM generate_series(1, 10000) g`);
  await run(`INSERT INTO "Integration" (id, "tenantId", "organizationId", "accountId", name, fullname, connector, "providerId", "providerConfig", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), '${t}', '${t}', a.id, 'integration-' || g, 'Integration ' || g, 'ticketing', 'ticketing_mock', '{}'::jsonb, now(), now()
    FROM generate_series(0, ${integrations - 1}) g JOIN (SELECT id, (row_number() OVER (ORDER BY id)) - 1 AS rn FROM "Account") a ON a.rn = g % 10000`);
  await run(`INSERT INTO "IntegrationStatus" ("integrationId", "tenantId", "organizationId", "accountId", health, requests, failures, bytes, "updatedAt")
    SELECT id, "tenantId", "organizationId", "accountId", 'HEALTHY', 10, 0, 0, now() FROM "Integration"`);
  await run(`ANALYZE`);
  await database.close();
  return tenant;
}

async function logon(url: string, organizationId: string): Promise<string> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      query: "mutation($i: LogonInput!) { logon(input: $i) { tokens { accessToken } } }",
      variables: { i: { organizationId, email: "admin@bench.test", password } },
    }),
  });
  const body = (await response.json()) as { data: { logon: { tokens: { accessToken: string } } } };
  return body.data.logon.tokens.accessToken;
}

/** Statements per request, counted in-process at several page sizes (after one warm-up request). */
async function countStatements(env: Record<string, string>, database: DatabaseSettings, organizationId: string) {
  let statements = 0;
  const app = await buildApp({ ...loadConfig({ ...env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent" }), database }, { log: createLogger("silent"), onQuery: () => statements++ });
  const { url } = await app.start();
  const token = await logon(url, organizationId);
  const counts: Record<string, number> = {};
  for (const [label, query] of [
    ["accounts(10){integrations(5)}", accountsQuery(10, 5)],
    ["accounts(50){integrations(10)}", accountsQuery(50, 10)],
    ["accounts(100){integrations(10)}", accountsQuery(100, 10)],
    ["integrations(10)", integrationsQuery(10)],
    ["integrations(100)", integrationsQuery(100)],
  ] as const) {
    const send = () => fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) }).then((r) => r.json());
    await send();
    statements = 0;
    const body = (await send()) as { errors?: unknown };
    if (body.errors) throw new Error(`${label}: ${JSON.stringify(body.errors)}`);
    counts[label] = statements;
  }
  await app.stop();
  return counts;
}

/**
 * The data layer alone: each list's Prisma query (the page plus one row, as a connection reads it)
 * made from this process one at a time, without GraphQL, HTTP or authentication. Its CPU per call
 * is a floor under the gateway's CPU per request, measured beside bare yoga's whole request.
 */
async function dataLayerFloor(settings: DatabaseSettings, organizationId: string) {
  const database = await openDatabase(settings);
  const prisma = database.prisma;
  const where = { organizationId };
  const oldestFirst = [{ createdAt: "asc" as const }, { id: "asc" as const }];
  const queries = {
    "SELECT 1": () => prisma.$queryRawUnsafe("SELECT 1"),
    "accounts(50){integrations(10){status}}": () =>
      prisma.account.findMany({
        where,
        take: 51,
        orderBy: oldestFirst,
        select: { id: true, name: true, integrations: { take: 11, orderBy: oldestFirst, select: { id: true, name: true, providerId: true, status: { select: { health: true, requests: true } } } } },
      }),
    "integrations(100){account}": () =>
      prisma.integration.findMany({ where, take: 101, orderBy: oldestFirst, select: { id: true, name: true, providerId: true, account: { select: { name: true } } } }),
  };
  const floor: Record<string, number> = {};
  try {
    for (const [label, query] of Object.entries(queries)) {
      for (let i = 0; i < 100; i++) await query();
      const rounds = 300;
      const before = process.cpuUsage();
      for (let i = 0; i < rounds; i++) await query();
      const used = process.cpuUsage(before);
      floor[label] = (used.user + used.system) / 1000 / rounds;
    }
  } finally {
    await database.close();
  }
  return floor;
}

async function measureGateway(env: Record<string, string>, organizationId: string, port: number) {
  const url = `http://127.0.0.1:${port}`;
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_CPU_PROF] : [];
  const child = await startChild(process.execPath, [...profile, "bin/switchyard.mjs", "serve"], { ...env, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production", LOG_LEVEL: "error" }, `${url}/readyz`);
  try {
    const token = await logon(url, organizationId);
    const headers = { authorization: `Bearer ${token}` };
    const measure = async (query: string) => {
      const cpuBefore = cpuSeconds(child.pid as number);
      const result = await load(`${url}/graphql`, JSON.stringify({ query }), { connections, seconds, headers });
      return { ...result, cpuPerRequest: (1000 * (cpuSeconds(child.pid as number) - cpuBefore)) / result.requests };
    };
    return { nested: await measure(accountsQuery(50, 10)), flat: await measure(integrationsQuery(100)) };
  } finally {
    await stopChild(child);
  }
}

const row = (label: string, result: LoadResult & { cpuPerRequest: number }, baseline: LoadResult) =>
  `${label.padEnd(44)} ${String(result.requestsPerSecond).padStart(7)} req/s  ${result.cpuPerRequest.toFixed(2)} CPU ms/req  ${((100 * result.requestsPerSecond) / baseline.requestsPerSecond).toFixed(0).padStart(3)}% of bare  p50 ${String(result.p50).padStart(4)} ms  p99 ${String(result.p99).padStart(4)} ms${result.non2xx || result.errors ? `  (${result.non2xx} non-2xx: ${Object.entries(result.non2xxByStatus).map(([status, count]) => `${status}×${count}`).join(" ")}; ${result.errors} errors)` : ""}`;

async function main() {
  const bare = await startChild(process.execPath, ["--import", "tsx", "bench/bare-yoga.ts"], { PORT: "4901", NODE_ENV: "production" }, "http://127.0.0.1:4901/graphql?query=%7B__typename%7D");
  const bareCpuBefore = cpuSeconds(bare.pid as number);
  const baseline = await load("http://127.0.0.1:4901/graphql", JSON.stringify({ query: "{ __typename }" }), { connections, seconds });
  const bareCpuPerRequest = (1000 * (cpuSeconds(bare.pid as number) - bareCpuBefore)) / baseline.requests;
  await stopChild(bare);
  console.log(`bare graphql-yoga { __typename }: ${baseline.requestsPerSecond} req/s, ${bareCpuPerRequest.toFixed(2)} CPU ms/req, p50 ${baseline.p50} ms, p99 ${baseline.p99} ms (${connections} connections, ${seconds} s)\n`);

  const postgres = process.env.BENCH_DATABASE_URL || !databases.includes("postgres") ? null : startPostgres(55439);
  const adminUrl = process.env.BENCH_DATABASE_URL ?? postgres?.url ?? "";
  try {
    for (const kind of databases) {
      for (const integrations of sizes) {
        let settings: DatabaseSettings;
        let env: Record<string, string> = { ...keys, ...unlimited };
        let cleanup = () => {};
        if (kind === "pglite") {
          const dir = mkdtempSync(join(tmpdir(), "switchyard-bench-"));
          settings = { kind: "pglite", dataDir: dir };
          env = { ...env, SWITCHYARD_DATA_DIR: dir };
          cleanup = () => rmSync(dir, { recursive: true, force: true });
        } else {
          const { default: pg } = await import("pg");
          const name = `bench_${integrations}_${Date.now()}`;
          const admin = new pg.Client({ connectionString: adminUrl });
          await admin.connect();
          await admin.query(`CREATE DATABASE ${name}`);
          await admin.end();
          const url = new URL(adminUrl);
          url.pathname = `/${name}`;
          settings = { kind: "postgres", url: url.toString(), poolSize: 20 };
          env = { ...env, DATABASE_URL: url.toString(), DATABASE_POOL_SIZE: "20" };
        }
        const tenant = await seed(settings, integrations);
        const statements = await countStatements(env, settings, tenant.organizationId);
        const { nested, flat } = await measureGateway(env, tenant.organizationId, 4910);
        const floor = await dataLayerFloor(settings, tenant.organizationId);
        console.log(`${kind}, ${integrations.toLocaleString("en")} integrations over 10,000 accounts`);
        console.log(`  ${row("accounts(first: 50){integrations(first: 10)}", nested, baseline)}`);
        console.log(`  ${row("integrations(first: 100)", flat, baseline)}`);
        console.log(`  SQL statements per request: ${Object.entries(statements).map(([label, count]) => `${label} ${count}`).join(", ")}`);
        console.log(`  data layer alone (Prisma, one query at a time, no GraphQL or HTTP), CPU ms per call: ${Object.entries(floor).map(([label, ms]) => `${label} ${ms.toFixed(2)}`).join(", ")}\n`);
        cleanup();
      }
    }
  } finally {
    postgres?.stop();
  }
}

await main();
