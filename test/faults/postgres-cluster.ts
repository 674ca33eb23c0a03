/**
 * A private PostgreSQL cluster the fault tests can stop and start at will (as the postgres user
 * when run as root). Fails, never skips, when the binaries are missing: CI installs them.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "../../src/log.ts";
import { buildApp } from "../../src/server.ts";
import { testConfig, type TestGateway } from "../helpers/gateway.ts";

export interface Cluster {
  url: string;
  /** `immediate` is a crash as far as clients can tell: every connection drops at once. */
  stop(mode?: "immediate" | "fast"): void;
  start(): void;
  /** Stops the server and deletes its folder. */
  destroy(): void;
}

function binaries(): string {
  const bin = spawnSync("sh", ["-c", "ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1"], { encoding: "utf8" }).stdout.trim();
  if (!bin) throw new Error("PostgreSQL binaries not found under /usr/lib/postgresql/*/bin (apt-get install postgresql)");
  return bin;
}

export function startCluster(port: number): Cluster {
  const bin = binaries();
  const dir = mkdtempSync(join(tmpdir(), "switchyard-faults-pg-"));
  chmodSync(dir, 0o777);
  const run = (args: string[]) => {
    const result =
      process.getuid?.() === 0
        ? spawnSync("runuser", ["-u", "postgres", "--", ...args], { encoding: "utf8" })
        : spawnSync(args[0] as string, args.slice(1), { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${args.join(" ")} failed: ${result.stderr || result.stdout}`);
  };
  run([`${bin}/initdb`, "-D", `${dir}/data`, "-U", "postgres", "-A", "trust", "--no-sync"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
  const start = () => run([`${bin}/pg_ctl`, "-D", `${dir}/data`, "-o", options, "-l", `${dir}/log`, "-w", "-t", "60", "start"]);
  const stop = (mode: "immediate" | "fast" = "fast") => run([`${bin}/pg_ctl`, "-D", `${dir}/data`, "-m", mode, "-w", "stop"]);
  start();
  let running = true;
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop: (mode) => {
      stop(mode);
      running = false;
    },
    start: () => {
      start();
      running = true;
    },
    destroy: () => {
      if (running) stop("immediate");
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}


/** A gateway on `databaseUrl` whatever TEST_DATABASE_URL says. */
export async function startGatewayOn(databaseUrl: string, env: Record<string, string> = {}): Promise<TestGateway> {
  const config = testConfig({ SWITCHYARD_WEBHOOK_DELIVERY: "false", DATABASE_URL: databaseUrl, ...env });
  const app = await buildApp(config, { log: createLogger(env.LOG_LEVEL ?? "silent") });
  const { url } = await app.start();
  return { app, url, stop: () => app.stop() };
}
