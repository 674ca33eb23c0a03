/**
 * Embedded PGlite on a worker thread. PGlite runs PostgreSQL as WebAssembly on whichever thread owns
 * it; on the gateway's own thread every statement (a status flush, a page of a list) would hold up
 * every other request until it finished. Here the gateway keeps only Prisma's query planning and
 * result mapping, and hands each statement to the database thread as a message.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Worker } from "node:worker_threads";
import {
  DriverAdapterError,
  type ConnectionInfo,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
  type TransactionOptions,
} from "@prisma/driver-adapter-utils";

export interface PGliteThread {
  /** What `new PrismaClient({ adapter })` takes: Prisma's PGlite adapter, running on the database thread. */
  adapter: SqlDriverAdapterFactory;
  exec(sql: string): Promise<void>;
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Closes the database (flushing a data folder) and ends the thread. */
  close(): Promise<void>;
}

type Operation = "exec" | "query" | "queryRaw" | "executeRaw" | "executeScript" | "startTransaction" | "commit" | "rollback" | "close";
type WorkerError = { driverAdapterError: ConstructorParameters<typeof DriverAdapterError>[0] } | { message: string; code?: unknown };
type Reply = { id: number; value?: unknown; error?: WorkerError };
type Ready = { ready: true; adapterName: string; connectionInfo: ConnectionInfo };

interface WasmModules {
  pgliteWasmModule: WebAssembly.Module;
  initdbWasmModule: WebAssembly.Module;
}

let wasmModules: Promise<WasmModules> | undefined;

/** PGlite's WebAssembly, compiled once per process and shared by every database thread. */
function pgliteWasmModules(): Promise<WasmModules> {
  wasmModules ??= (async () => {
    const dist = dirname(createRequire(import.meta.url).resolve("@electric-sql/pglite"));
    const [pgliteWasmModule, initdbWasmModule] = await Promise.all([
      WebAssembly.compile(readFileSync(join(dist, "pglite.wasm"))),
      WebAssembly.compile(readFileSync(join(dist, "initdb.wasm"))),
    ]);
    return { pgliteWasmModule, initdbWasmModule };
  })();
  return wasmModules;
}

function toError(error: WorkerError): Error {
  if ("driverAdapterError" in error) return new DriverAdapterError(error.driverAdapterError);
  return Object.assign(new Error(error.message), error.code === undefined ? {} : { code: error.code });
}

/** Starts the database thread; resolves once PGlite has opened `dataDir` (or memory, for `null`). */
export async function startPGliteThread(dataDir: string | null): Promise<PGliteThread> {
  const worker = new Worker(new URL("./pglite-worker.mjs", import.meta.url), { workerData: { dataDir, ...(await pgliteWasmModules()) } });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let lastId = 0;
  let ended: Error | null = null;
  let opened: { resolve(ready: Ready): void; reject(error: Error): void } | null = null;
  const ready = new Promise<Ready>((resolve, reject) => (opened = { resolve, reject }));

  const end = (error: Error) => {
    ended ??= error;
    opened?.reject(ended);
    for (const waiting of pending.values()) waiting.reject(ended);
    pending.clear();
  };
  worker.on("message", (message: Reply | Ready) => {
    if ("ready" in message) return opened?.resolve(message);
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    // The thread keeps the process alive only while a statement is outstanding, like an idle pooled socket.
    if (pending.size === 0) worker.unref();
    if (message.error) waiting.reject(toError(message.error));
    else waiting.resolve(message.value);
  });
  worker.on("error", end);
  worker.on("exit", (code) => end(new Error(`the embedded database thread has stopped (code ${code})`)));
  const { adapterName, connectionInfo } = await ready;
  opened = null;
  worker.unref();

  function call<T>(operation: Operation, ...args: unknown[]): Promise<T> {
    if (ended) return Promise.reject(ended);
    const id = ++lastId;
    if (pending.size === 0) worker.ref();
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, operation, args });
    });
  }

  const queryable = (transactionId?: number) => ({
    provider: "postgres" as const,
    adapterName,
    queryRaw: (query: SqlQuery) => call<SqlResultSet>("queryRaw", query, transactionId),
    executeRaw: (query: SqlQuery) => call<number>("executeRaw", query, transactionId),
  });

  const driver: SqlDriverAdapter = {
    ...queryable(),
    executeScript: (script) => call<void>("executeScript", script),
    getConnectionInfo: () => connectionInfo,
    async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
      const { id, options } = await call<{ id: number; options: TransactionOptions }>("startTransaction", isolationLevel);
      return {
        ...queryable(id),
        options,
        commit: () => call<void>("commit", id),
        rollback: () => call<void>("rollback", id),
      };
    },
    dispose: async () => undefined,
  };

  return {
    adapter: { provider: "postgres", adapterName, connect: async () => driver },
    exec: (sql) => call<void>("exec", sql),
    query: (sql, params) => call<Record<string, unknown>[]>("query", sql, params),
    async close() {
      try {
        if (!ended) await call<void>("close");
      } finally {
        end(new Error("the embedded database is closed"));
        await worker.terminate();
      }
    },
  };
}
