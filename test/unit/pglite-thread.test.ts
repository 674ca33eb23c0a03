import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database.ts";
import { startPGliteThread } from "../../src/db/pglite-thread.ts";
import { Prisma } from "../../src/generated/prisma/client.ts";
import { isDatabaseUnavailable } from "../../src/http/known-failures.ts";
import { createLogger } from "../../src/log.ts";

describe("embedded PGlite on its own thread", () => {
  let database: Database;

  beforeAll(async () => {
    database = await openDatabase({ kind: "pglite", dataDir: null });
    await database.prisma.$executeRawUnsafe("create table probe (name text primary key)");
  }, 60_000);
  afterAll(() => database?.close());

  it("leaves the event loop free while a statement runs", async () => {
    const finished: string[] = [];
    const statement = database.prisma.$queryRaw`select pg_sleep(0.3)::text`.then(() => finished.push("statement"));
    await new Promise((resolve) => setTimeout(resolve, 20)).then(() => finished.push("timer"));
    await statement;
    expect(finished).toEqual(["timer", "statement"]);
  });

  it("commits an interactive transaction, and rolls it back when its work throws", async () => {
    await database.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`insert into probe values ('kept')`;
    });
    await expect(
      database.prisma.$transaction(async (tx) => {
        await tx.$executeRaw`insert into probe values ('dropped')`;
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await database.prisma.$queryRaw`select name from probe order by name`).toEqual([{ name: "kept" }]);
  });

  it("reports a database error with its SQLSTATE, as Prisma does for a driver on the same thread", async () => {
    const duplicate = database.prisma.$executeRaw`insert into probe values ('kept')`;
    await expect(duplicate).rejects.toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    await expect(duplicate).rejects.toMatchObject({ meta: { driverAdapterError: { cause: { originalCode: "23505" } } } });
  });

  it("refuses statements once closed instead of leaving them waiting", async () => {
    const closed = await openDatabase({ kind: "pglite", dataDir: null });
    await closed.close();
    await expect(closed.ping()).rejects.toThrow("the embedded database is closed");
  }, 60_000);

  it("says which folder it could not open when PGlite fails to start", async () => {
    const folder = mkdtempSync(join(tmpdir(), "switchyard-not-a-data-dir-"));
    const file = join(folder, "a-file");
    writeFileSync(file, "not a database");
    try {
      await expect(startPGliteThread(file)).rejects.toThrow(`could not open the embedded database in ${file}`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("an embedded database thread that dies", () => {
  const crashingWorker = new URL("../fixtures/pglite/crashing-worker.mjs", import.meta.url);
  const closedConnection = { meta: { driverAdapterError: { cause: { kind: "ConnectionClosed" } } } };
  const crash = (database: Database) => database.prisma.$queryRawUnsafe("select 'crash the thread'");

  async function open(dataDir: string | null) {
    const lines: string[] = [];
    const log = createLogger("info", { write: (line: string) => void lines.push(line) });
    const database = await openDatabase({ kind: "pglite", dataDir }, { log, pgliteWorkerUrl: crashingWorker });
    return { database, logged: () => lines.map((line) => JSON.parse(line) as { msg: string; restarting?: boolean }) };
  }

  async function whenAnswering(database: Database) {
    for (let attempt = 0; attempt < 300; attempt++) {
      if (await database.ping().then(() => true, () => false)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error("the embedded database did not come back");
  }

  it("fails the statement in flight and those sent meanwhile as a retryable closed connection, then runs again over its data folder", async () => {
    const folder = mkdtempSync(join(tmpdir(), "switchyard-crash-"));
    const { database, logged } = await open(folder);
    try {
      await database.prisma.$executeRawUnsafe("create table kept (name text)");
      await database.prisma.$executeRawUnsafe("insert into kept values ('before the crash')");

      const inFlight = await crash(database).catch((error: unknown) => error);
      expect(inFlight).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
      expect(inFlight).toMatchObject(closedConnection);
      expect(isDatabaseUnavailable(inFlight)).toBe(true);
      const meanwhile = await database.prisma.$queryRawUnsafe("select 1").catch((error: unknown) => error);
      expect(isDatabaseUnavailable(meanwhile)).toBe(true);

      await whenAnswering(database);
      expect(await database.prisma.$queryRawUnsafe("select name from kept")).toEqual([{ name: "before the crash" }]);
      expect(logged().map((line) => line.msg)).toEqual(["the embedded database thread stopped", "the embedded database thread is running again"]);
      expect(logged()[0]?.restarting).toBe(true);
    } finally {
      await database.close();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);

  it("never lets a transaction opened on the dead thread continue on the new one", async () => {
    const folder = mkdtempSync(join(tmpdir(), "switchyard-crash-"));
    const { database } = await open(folder);
    try {
      await database.prisma.$executeRawUnsafe("create table written (name text)");
      const transaction = database.prisma.$transaction(
        async (tx) => {
          await tx.$executeRawUnsafe("insert into written values ('first half')");
          await crash(database).catch(() => undefined);
          await whenAnswering(database);
          await tx.$executeRawUnsafe("insert into written values ('second half')");
        },
        { timeout: 30_000 },
      );
      await expect(transaction).rejects.toMatchObject(closedConnection);
      expect(await database.prisma.$queryRawUnsafe("select name from written")).toEqual([]);
    } finally {
      await database.close();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);

  it("stays down when it held an in-memory database, whose data died with it", async () => {
    const { database, logged } = await open(null);
    try {
      await crash(database).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await expect(database.ping()).rejects.toMatchObject({ cause: { kind: "ConnectionClosed" } });
      expect(logged()).toMatchObject([{ msg: "the embedded database thread stopped", restarting: false }]);
    } finally {
      await database.close();
    }
  }, 60_000);
});

