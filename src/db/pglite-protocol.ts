/**
 * The messages between the gateway's thread (`pglite-thread.ts`) and the database thread
 * (`pglite-worker.mjs`). Both sides are type-checked against these, so an operation renamed or
 * given another argument on one side fails the build instead of a statement at run time.
 */
import type { ConnectionInfo, DriverAdapterError, IsolationLevel, SqlQuery, SqlResultSet, TransactionOptions } from "@prisma/driver-adapter-utils";

/** What the database thread starts with. */
export interface WorkerData {
  /** A data folder, or null for a database in memory. */
  dataDir: string | null;
  pgliteWasmModule: WebAssembly.Module;
  initdbWasmModule: WebAssembly.Module;
}

/** Every operation the database thread answers; a transaction is named by the id `startTransaction` gave it. */
export interface Operations {
  exec(sql: string): Promise<void>;
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  queryRaw(query: SqlQuery, transactionId?: number): Promise<SqlResultSet>;
  executeRaw(query: SqlQuery, transactionId?: number): Promise<number>;
  executeScript(script: string): Promise<void>;
  startTransaction(isolationLevel?: IsolationLevel): Promise<{ id: number; options: TransactionOptions }>;
  commit(transactionId: number): Promise<void>;
  rollback(transactionId: number): Promise<void>;
  close(): Promise<void>;
}

export type Operation = keyof Operations;

export type Request<K extends Operation = Operation> = { id: number; operation: K; args: Parameters<Operations[K]> };

/** An error as data: a driver adapter error keeps the payload Prisma maps to its codes. */
export type WorkerError = { driverAdapterError: ConstructorParameters<typeof DriverAdapterError>[0] } | { message: string; code?: unknown };

export type Reply = { id: number; value: unknown; error?: undefined } | { id: number; error: WorkerError };

/** The first message, once PGlite has opened; `connectionInfo` is the adapter's, when it gives one. */
export type Ready = { ready: true; adapterName: string; connectionInfo: ConnectionInfo | undefined };
