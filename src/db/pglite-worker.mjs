// The embedded database's own thread: one PGlite instance and Prisma's PGlite driver adapter over it,
// answering the requests `pglite-thread.ts` posts. Plain JavaScript because worker threads start
// without the TypeScript loader (under the CLI, vitest and Node 20 alike).
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";

// Emscripten's file-system errors are plain objects ({ name: "ErrnoError", errno }), not Errors.
const messageOf = (error) => (error instanceof Error ? error.message : typeof error === "object" ? JSON.stringify(error) : String(error));

const { dataDir, pgliteWasmModule, initdbWasmModule } = workerData;
const lite = await PGlite.create({ dataDir: dataDir ?? undefined, pgliteWasmModule, initdbWasmModule }).catch((error) => {
  throw new Error(`could not open the embedded database in ${dataDir ?? "memory"}: ${messageOf(error)}`);
});
const adapter = await new PrismaPGlite(lite).connect();
/** Open interactive transactions by the id the main thread knows them by. */
const transactions = new Map();
let lastTransactionId = 0;

function queryable(transactionId) {
  if (transactionId === undefined) return adapter;
  const transaction = transactions.get(transactionId);
  if (!transaction) throw new Error(`transaction ${transactionId} is not open`);
  return transaction;
}

async function finish(transactionId, how) {
  const transaction = queryable(transactionId);
  transactions.delete(transactionId);
  await transaction[how]();
}

const operations = {
  exec: async (sql) => void (await lite.exec(sql)),
  query: async (sql, params) => (await lite.query(sql, params)).rows,
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

/** Errors cross the thread boundary as data; a driver adapter error keeps the payload Prisma maps to its codes. */
function describe(error) {
  if (error?.name === "DriverAdapterError" && typeof error.cause === "object") return { driverAdapterError: error.cause };
  return { message: messageOf(error), code: error?.code };
}

parentPort.on("message", async ({ id, operation, args }) => {
  try {
    const value = await operations[operation](...args);
    parentPort.postMessage({ id, value });
  } catch (error) {
    parentPort.postMessage({ id, error: describe(error) });
  }
});
parentPort.postMessage({ ready: true, adapterName: adapter.adapterName, connectionInfo: adapter.getConnectionInfo() });
