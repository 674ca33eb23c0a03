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
import { DriverAdapterError, type IsolationLevel, type SqlDriverAdapter, type SqlDriverAdapterFactory, type SqlQuery, type Transaction } from "@prisma/driver-adapter-utils";
import type { Operation, Operations, Ready, Reply, Request, WorkerData, WorkerError } from "./pglite-protocol.ts";

export interface PGliteThread {
  /** What `new PrismaClient({ adapter })` takes: Prisma's PGlite adapter, running on the database thread. */
  adapter: SqlDriverAdapterFactory;
  exec(sql: string): Promise<void>;
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Closes the database (flushing a data folder) and ends the thread. */
  close(): Promise<void>;
}

/** What happens to the database thread after it has opened, for the gateway's log. */
export type ThreadEvent =
  | { kind: "stopped"; error: Error; restarting: boolean }
  | { kind: "restarted"; attempt: number }
  | { kind: "restart-failed"; error: Error; attempt: number; retryInMs: number };

export interface PGliteThreadOptions {
  onEvent?: (event: ThreadEvent) => void;
  /** The worker script; tests swap in one they can make crash. */
  workerUrl?: URL;
}

type WasmModules = Omit<WorkerData, "dataDir">;

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

/** What a statement sent while the thread is down fails with: a closed connection, retryable (Prisma's P1017). */
const connectionClosed = () => new DriverAdapterError({ kind: "ConnectionClosed" });

const firstRestartDelayMs = 500;
const longestRestartDelayMs = 30_000;

interface Running {
  worker: Worker;
  /** Which start this is; a transaction opened on an earlier thread never reaches a later one. */
  generation: number;
  pending: Map<number, { resolve(value: unknown): void; reject(error: Error): void }>;
}

/**
 * Starts the database thread; resolves once PGlite has opened `dataDir` (or memory, for `null`).
 * If the thread dies later (a WebAssembly abort, say), statements in flight and any sent while it is
 * down fail at once as a closed connection, and a thread over a data folder is started again, with
 * backoff, from what PostgreSQL wrote there. An in-memory database died with its thread, so it stays down.
 */
export async function startPGliteThread(dataDir: string | null, options: PGliteThreadOptions = {}): Promise<PGliteThread> {
  const modules = await pgliteWasmModules();
  const workerUrl = options.workerUrl ?? new URL("./pglite-worker.mjs", import.meta.url);
  let lastId = 0;
  let generation = 0;
  let closed: Error | null = null;
  let current: Running | null = null;
  let restartTimer: NodeJS.Timeout | undefined;

  /** Starts one thread and waits until PGlite has opened; its later death goes to `onDeath`. */
  function spawn(): Promise<{ running: Running; ready: Ready }> {
    const workerData: WorkerData = { dataDir, ...modules };
    const worker = new Worker(workerUrl, { workerData });
    const running: Running = { worker, generation: ++generation, pending: new Map() };
    return new Promise((resolve, reject) => {
      let opened = false;
      const die = (error: Error) => {
        if (!opened) return reject(error);
        // Like a dropped connection: whether a write in flight was committed is unknown to its caller.
        for (const waiting of running.pending.values()) waiting.reject(closed ?? connectionClosed());
        running.pending.clear();
        onDeath(running, error);
      };
      worker.on("message", (message: Reply | Ready) => {
        if ("ready" in message) {
          opened = true;
          // The thread keeps the process alive only while a statement is outstanding, like an idle pooled socket.
          worker.unref();
          return resolve({ running, ready: message });
        }
        const waiting = running.pending.get(message.id);
        if (!waiting) return;
        running.pending.delete(message.id);
        if (running.pending.size === 0) worker.unref();
        if (message.error !== undefined) waiting.reject(toError(message.error));
        else waiting.resolve(message.value);
      });
      worker.on("error", die);
      worker.on("exit", (code) => die(new Error(`the embedded database thread has stopped (code ${code})`)));
    });
  }

  function onDeath(running: Running, error: Error) {
    if (closed || current !== running) return;
    current = null;
    const restarting = dataDir !== null;
    options.onEvent?.({ kind: "stopped", error, restarting });
    if (restarting) scheduleRestart(1, 0);
  }

  function scheduleRestart(attempt: number, delayMs: number) {
    restartTimer = setTimeout(async () => {
      try {
        const { running } = await spawn();
        if (closed) return void (await running.worker.terminate());
        current = running;
        options.onEvent?.({ kind: "restarted", attempt });
      } catch (error) {
        if (closed) return;
        const retryInMs = Math.min(longestRestartDelayMs, firstRestartDelayMs * 2 ** (attempt - 1));
        options.onEvent?.({ kind: "restart-failed", error: error as Error, attempt, retryInMs });
        scheduleRestart(attempt + 1, retryInMs);
      }
    }, delayMs);
    // A database coming back must not keep a process alive that has nothing else to do.
    restartTimer.unref();
  }

  const first = await spawn();
  current = first.running;
  const { adapterName, connectionInfo } = first.ready;

  /** Sends one request to the current thread; `call` gives it its operation's types. */
  function post(request: Omit<Request, "id">, onGeneration?: number): Promise<unknown> {
    if (closed) return Promise.reject(closed);
    const running = current;
    if (!running || (onGeneration !== undefined && onGeneration !== running.generation)) return Promise.reject(connectionClosed());
    const id = ++lastId;
    if (running.pending.size === 0) running.worker.ref();
    return new Promise((resolve, reject) => {
      running.pending.set(id, { resolve, reject });
      running.worker.postMessage({ id, ...request } satisfies Request);
    });
  }

  const call = <K extends Operation>(operation: K, args: Parameters<Operations[K]>, onGeneration?: number) =>
    post({ operation, args } as Omit<Request, "id">, onGeneration) as ReturnType<Operations[K]>;

  const queryable = (transaction?: { id: number; generation: number }) => ({
    provider: "postgres" as const,
    adapterName,
    queryRaw: (query: SqlQuery) => call("queryRaw", [query, transaction?.id], transaction?.generation),
    executeRaw: (query: SqlQuery) => call("executeRaw", [query, transaction?.id], transaction?.generation),
  });

  const driver: SqlDriverAdapter = {
    ...queryable(),
    executeScript: (script) => call("executeScript", [script]),
    ...(connectionInfo && { getConnectionInfo: () => connectionInfo }),
    async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
      const onGeneration = current?.generation;
      const { id, options } = await call("startTransaction", [isolationLevel], onGeneration);
      const transaction = { id, generation: onGeneration as number };
      return {
        ...queryable(transaction),
        options,
        commit: () => call("commit", [id], transaction.generation),
        rollback: () => call("rollback", [id], transaction.generation),
      };
    },
    dispose: async () => undefined,
  };

  return {
    adapter: { provider: "postgres", adapterName, connect: async () => driver },
    exec: (sql) => call("exec", [sql]),
    query: (sql, params) => call("query", [sql, params]),
    async close() {
      const running = current;
      try {
        if (!closed && running) await call("close", []);
      } finally {
        closed = new Error("the embedded database is closed");
        clearTimeout(restartTimer);
        if (running) {
          for (const waiting of running.pending.values()) waiting.reject(closed);
          running.pending.clear();
          await running.worker.terminate();
        }
      }
    },
  };
}
