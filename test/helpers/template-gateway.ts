/**
 * Starts a test gateway on a copy of an already-migrated embedded database. Creating a PGlite
 * cluster and migrating it costs seconds of CPU per test file; copying a migrated folder costs a
 * fraction of that. The template lives in the temp folder, named by the migrations it holds and
 * the PGlite version, and is built once by whichever test file needs it first.
 */
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../../src/db/database.ts";
import { listMigrations } from "../../src/db/migrate.ts";
import { createLogger } from "../../src/log.ts";
import { buildApp } from "../../src/server.ts";
import { startGateway, testConfig, type TestGateway } from "./gateway.ts";

const pgliteVersion = (JSON.parse(readFileSync(new URL("../../node_modules/@electric-sql/pglite/package.json", import.meta.url), "utf8")) as { version: string }).version;

async function migratedTemplate(): Promise<string> {
  const key = createHash("sha256")
    .update(JSON.stringify([pgliteVersion, listMigrations().map((migration) => migration.checksum)]))
    .digest("hex")
    .slice(0, 16);
  const folder = join(tmpdir(), `switchyard-test-template-${key}`);
  if (existsSync(folder)) return folder;
  const draft = mkdtempSync(`${folder}.draft-`);
  const database = await openDatabase({ kind: "pglite", dataDir: draft });
  await database.migrate();
  await database.close();
  try {
    renameSync(draft, folder);
  } catch {
    // Another test file finished its template first; theirs is as good as ours.
    rmSync(draft, { recursive: true, force: true });
  }
  return folder;
}

/** A private copy of the migrated template, for one gateway or one CLI run; `removeDataDir` deletes it. */
export async function migratedDataDir(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), "switchyard-test-db-"));
  cpSync(await migratedTemplate(), dataDir, { recursive: true });
  return dataDir;
}

export const removeDataDir = (dataDir: string) => rmSync(dataDir, { recursive: true, force: true });


/** Like `startGateway`, on a private copy of the migrated template (or on PostgreSQL when TEST_DATABASE_URL is set). */
export async function startGatewayFromTemplate(env: Record<string, string> = {}): Promise<TestGateway> {
  if (process.env.TEST_DATABASE_URL) return startGateway(env);
  const dataDir = await migratedDataDir();
  const config = testConfig({ SWITCHYARD_DATA_DIR: dataDir, ...env });
  const app = await buildApp(config, { log: createLogger(env.LOG_LEVEL ?? "silent") });
  const { url } = await app.start();
  return {
    app,
    url,
    stop: async () => {
      await app.stop();
      removeDataDir(dataDir);
    },
  };
}
