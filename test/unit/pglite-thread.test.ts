import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database.ts";
import { startPGliteThread } from "../../src/db/pglite-thread.ts";
import { Prisma } from "../../src/generated/prisma/client.ts";

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
