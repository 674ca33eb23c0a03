// @ts-check
// The embedded database's own thread: one PGlite instance and Prisma's PGlite driver adapter over it,
// answering the requests `pglite-thread.ts` posts. Plain JavaScript because worker threads start
// without the TypeScript loader (under the CLI, vitest and Node 20 alike); type-checked against the
// protocol in `pglite-protocol.ts` all the same.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";

/** @import { Operations, Reply, Ready, Request, WorkerData, WorkerError } from "./pglite-protocol.ts" */
/** @import { Transaction } from "@prisma/driver-adapter-utils" */

const port = /** @type {import("node:worker_threads").MessagePort} */ (parentPort);

/**
 * Emscripten's file-system errors are plain objects ({ name: "ErrnoError", errno }), not Errors.
 * @param {unknown} error
 */
const messageOf = (error) => (error instanceof Error ? error.message : typeof error === "object" ? JSON.stringify(error) : String(error));

const { dataDir, pgliteWasmModule, initdbWasmModule } = /** @type {WorkerData} */ (workerData);
const lite = await PGlite.create({ dataDir: dataDir ?? undefined, pgliteWasmModule, initdbWasmModule }).catch((error) => {
  throw new Error(`could not open the embedded database in ${dataDir ?? "memory"}: ${messageOf(error)}`);
});
const adapter = await new PrismaPGlite(lite).connect();
/** Open interactive transactions by the id the main thread knows them by. @type {Map<number, Transaction>} */
const transactions = new Map();
let lastTransactionId = 0;

/** @param {number | undefined} transactionId */
function queryable(transactionId) {
  if (transactionId === undefined) return adapter;
  const transaction = transactions.get(transactionId);
  if (!transaction) throw new Error(`transaction ${transactionId} is not open`);
  return transaction;
}

/**
 * @param {number} transactionId
 * @param {"commit" | "rollback"} how
 */
async function finish(transactionId, how) {
  const transaction = /** @type {Transaction} */ (queryable(transactionId));
  transactions.delete(transactionId);
  await transaction[how]();
}

/** @type {Operations} */
const operations = {
  exec: async (sql) => void (await lite.exec(sql)),
  query: async (sql, params) => /** @type {Record<string, unknown>[]} */ ((await lite.query(sql, params)).rows),
  queryRaw: (query, transactionId) => queryable(transactionId).queryRaw(query),
  executeRaw: (query, transactionId) => queryable(transactionId).executeRaw(query),
  executeScript: (script) => adapter.executeScript(script),
  startTransaction: async (isolationLevel) => {
    const transaction = await adapter.startTransaction(isolationLevel);
    const id = ++lastTransactionId;
    transactions.set(id, transaction);
    return { id, options: transaction.options };
  },
  commit: (transactionId) => finish(transactionId, "commit"),
  rollback: (transactionId) => finish(transactionId, "rollback"),
  close: () => lite.close(),
};

/**
 * Errors cross the thread boundary as data; a driver adapter error keeps the payload Prisma maps to its codes.
 * @param {any} error
 * @returns {WorkerError}
 */
function describe(error) {
  if (error?.name === "DriverAdapterError" && typeof error.cause === "object") return { driverAdapterError: error.cause };
  return { message: messageOf(error), code: error?.code };
}

/** @param {Reply | Ready} message */
const reply = (message) => port.postMessage(message);

port.on("message", async (/** @type {Request} */ { id, operation, args }) => {
  try {
    const answer = /** @type {(...args: unknown[]) => Promise<unknown>} */ (operations[operation]);
    reply({ id, value: await answer(...args) });
  } catch (error) {
    reply({ id, error: describe(error) });
  }
});
reply({ ready: true, adapterName: adapter.adapterName, connectionInfo: adapter.getConnectionInfo?.() });
