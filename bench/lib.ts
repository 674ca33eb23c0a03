/** Shared pieces of the benchmarks: child servers, autocannon runs, a throwaway PostgreSQL cluster. */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, chmodSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";

export interface LoadResult {
  /** Responses received during the run. */
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** How many answers had each status outside 2xx, e.g. `{ "429": 13 }`. */
  non2xxByStatus: Record<string, number>;
}

export async function load(url: string, body: string, options: { connections: number; seconds: number; headers?: Record<string, string> }): Promise<LoadResult> {
  const result = await autocannon({
    url,
    method: "POST",
    connections: options.connections,
    duration: options.seconds,
    headers: { "content-type": "application/json", ...options.headers },
    body,
  });
  return {
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    non2xxByStatus: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {})
        .filter(([status]) => !status.startsWith("2"))
        .map(([status, stats]) => [status, stats?.count ?? 0]),
    ),
  };
}

export async function startChild(command: string, args: string[], env: Record<string, string>, readyUrl: string): Promise<ChildProcess> {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"] });
  for (let attempt = 0; attempt < 240; attempt++) {
    if (await fetch(readyUrl).then((response) => response.ok, () => false)) return child;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill("SIGKILL");
  throw new Error(`${command} ${args.join(" ")} did not become ready at ${readyUrl}`);
}

/**
 * CPU time (user + system, all threads) a process has used so far, in seconds, from Linux's /proc.
 * Per-request CPU is steadier than requests/s on a machine whose cores the load generator and the
 * database share.
 */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100; // Linux counts these ticks at USER_HZ, 100 per second
}

export async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** Starts a throwaway PostgreSQL cluster on `port` (as the postgres user when run as root). */
export function startPostgres(port: number): { url: string; stop: () => void } {
  const bin = spawnSync("sh", ["-c", "ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1"], { encoding: "utf8" }).stdout.trim();
  if (!bin) throw new Error("PostgreSQL binaries not found; install postgresql or set BENCH_DATABASE_URL");
  const dir = mkdtempSync(join(tmpdir(), "switchyard-bench-pg-"));
  chmodSync(dir, 0o777);
  const asPostgres = (args: string[]) =>
    process.getuid?.() === 0 ? spawnSync("runuser", ["-u", "postgres", "--", ...args], { stdio: "ignore" }) : spawnSync(args[0] as string, args.slice(1), { stdio: "ignore" });
  asPostgres([`${bin}/initdb`, "-D", `${dir}/data`, "-U", "postgres", "-A", "trust", "--no-sync"]);
  const started = asPostgres([`${bin}/pg_ctl`, "-D", `${dir}/data`, "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, "-l", `${dir}/log`, "-w", "start"]);
  if (started.status !== 0) throw new Error("PostgreSQL did not start");
  const stop = () => {
    asPostgres([`${bin}/pg_ctl`, "-D", `${dir}/data`, "-m", "fast", "stop"]);
    rmSync(dir, { recursive: true, force: true });
  };
  return { url: `postgresql://postgres@127.0.0.1:${port}/postgres`, stop };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export interface Measurement {
  connections: number;
  requestsPerSecond: number;
  /** Milliseconds, measured per request with a sub-millisecond clock. */
  p50: number;
  p99: number;
  errors: number;
  /** Requests answered, warm-up included, for per-request figures such as CPU time. */
  requests: number;
}

/**
 * Closed-loop load with exact latencies: `connections` keep-alive clients each send the next
 * request as soon as the previous answer is read, for `seconds`. autocannon's latencies are
 * whole milliseconds, too coarse for sub-millisecond differences.
 */
export async function measure(url: string, body: string, options: { connections: number; seconds: number; headers: Record<string, string> }): Promise<Measurement> {
  const { Pool } = await import("undici");
  const target = new URL(url);
  const pool = new Pool(target.origin, { connections: options.connections, pipelining: 1 });
  const latencies: number[] = [];
  let errors = 0;
  const send = async () => {
    const started = performance.now();
    const response = await pool.request({ method: "POST", path: target.pathname, headers: options.headers, body });
    await response.body.text();
    if (response.statusCode !== 200) errors++;
    return performance.now() - started;
  };
  const warmUp = 20;
  for (let warm = 0; warm < warmUp; warm++) await send();
  const deadline = performance.now() + options.seconds * 1000;
  const client = async () => {
    while (performance.now() < deadline) latencies.push(await send().catch(() => (errors++, 0)));
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: options.connections }, client));
  const elapsed = (performance.now() - started) / 1000;
  await pool.close();
  return {
    connections: options.connections,
    requestsPerSecond: Math.round(latencies.length / elapsed),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
    requests: latencies.length + warmUp,
  };
}

/** One GraphQL POST; throws on errors so a benchmark never measures a broken setup. */
export async function graphql<T>(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!body.data || body.errors) throw new Error(`${query.slice(0, 40)}…: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** A tenant made with the CLI (`database`: SWITCHYARD_DATA_DIR, or DATABASE_URL with keys), before a server owns an embedded data folder. */
export function createTenantWithCli(database: Record<string, string>, admin: { name: string; email: string; password: string }): { organizationId: string } {
  const created = spawnSync(
    process.execPath,
    ["bin/switchyard.mjs", "tenant", "create", "--name", admin.name, "--admin-email", admin.email, "--admin-password", admin.password, "--json"],
    { env: { ...process.env, ...database, LOG_LEVEL: "error" }, encoding: "utf8" },
  );
  if (created.status !== 0) throw new Error(`tenant create failed: ${created.stderr}`);
  return JSON.parse(created.stdout) as { organizationId: string };
}
