/** Opens the gateway's database: embedded PGlite (a data folder, or memory) or a PostgreSQL server. */
import { mkdirSync } from "node:fs";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client.ts";
import { applyMigrations, type SqlRunner } from "./migrate.ts";
import { startPGliteThread, type ThreadEvent } from "./pglite-thread.ts";
import type { Logger } from "pino";

export type DatabaseSettings =
  /** `poolTimeoutMs` bounds the wait for a free connection (default 5 s): a saturated pool fails fast, never queues without end. */
  | { kind: "postgres"; url: string; poolSize: number; poolTimeoutMs?: number }
  /** `dataDir: null` keeps the whole database in memory (tests). */
  | { kind: "pglite"; dataDir: string | null };

export interface Database {
  prisma: PrismaClient;
  kind: DatabaseSettings["kind"];
  /** Applies committed migrations that have not run yet; safe to call from several replicas at once. */
  migrate(): Promise<string[]>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** Called once per SQL statement Prisma sends (tests and benchmarks count them). */
  onQuery?: (sql: string) => void;
  /** Where the embedded database thread's death and restarts are reported. */
  log?: Logger;
  /** The embedded database's worker script; tests swap in one they can make crash. */
  pgliteWorkerUrl?: URL;
}

function logThreadEvent(log: Logger | undefined, event: ThreadEvent) {
  if (event.kind === "stopped") log?.error({ err: event.error, restarting: event.restarting }, "the embedded database thread stopped");
  else if (event.kind === "restarted") log?.info({ attempt: event.attempt }, "the embedded database thread is running again");
  else log?.error({ err: event.error, attempt: event.attempt, retryInMs: event.retryInMs }, "the embedded database thread could not be restarted");
}

function createPrisma(adapter: SqlDriverAdapterFactory, options: DatabaseOptions): PrismaClient {
  if (!options.onQuery) return new PrismaClient({ adapter });
  const onQuery = options.onQuery;
  const prisma = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  prisma.$on("query", (event: { query: string }) => onQuery(event.query));
  return prisma as unknown as PrismaClient;
}

export async function openDatabase(settings: DatabaseSettings, options: DatabaseOptions = {}): Promise<Database> {
  if (settings.kind === "pglite") {
    if (settings.dataDir) mkdirSync(settings.dataDir, { recursive: true });
    const lite = await startPGliteThread(settings.dataDir, { onEvent: (event) => logThreadEvent(options.log, event), workerUrl: options.pgliteWorkerUrl });
    const runner: SqlRunner = {
      exec: (sql) => lite.exec(sql),
      query: (sql, params) => lite.query(sql, params),
      // One process owns a PGlite folder, so there is nobody to race with.
      withLock: async (work) => work(),
    };
    const prisma = createPrisma(lite.adapter, options);
    return {
      prisma,
      kind: "pglite",
      migrate: () => applyMigrations(runner),
      ping: async () => void (await lite.query("select 1")),
      close: async () => {
        await prisma.$disconnect();
        await lite.close();
      },
    };
  }
  const pool = new pg.Pool({ connectionString: settings.url, max: settings.poolSize, connectionTimeoutMillis: settings.poolTimeoutMs ?? 5_000 });
  pool.on("error", () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  const prisma = createPrisma(new PrismaPg(pool), options);
  return {
    prisma,
    kind: "postgres",
    migrate: async () => {
      const client = await pool.connect();
      try {
        const runner: SqlRunner = {
          exec: async (sql) => void (await client.query(sql)),
          query: async (sql, params) => (await client.query(sql, params as unknown[])).rows,
          withLock: async (work) => {
            await client.query("select pg_advisory_lock(7436107)");
            try {
              return await work();
            } finally {
              await client.query("select pg_advisory_unlock(7436107)");
            }
          },
        };
        return await applyMigrations(runner);
      } finally {
        client.release();
      }
    },
    ping: async () => void (await pool.query("select 1")),
    close: async () => {
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}
