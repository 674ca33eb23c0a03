/**
 * Applies the committed SQL migrations in prisma/migrations, recording them in Prisma's own
 * `_prisma_migrations` table so that `prisma migrate deploy` and this runner agree on history.
 */
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

export interface SqlRunner {
  exec(sql: string): Promise<void>;
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  withLock<T>(work: () => Promise<T>): Promise<T>;
}

const migrationsDir = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

const historyTable = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export function listMigrations(): { name: string; sql: string; checksum: string }[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(migrationsDir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const quote = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** Returns the names of the migrations it applied. */
export async function applyMigrations(runner: SqlRunner): Promise<string[]> {
  return runner.withLock(async () => {
    await runner.exec(historyTable);
    const rows = await runner.query(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Map(rows.map((row) => [String(row.migration_name), String(row.checksum)]));
    const done: string[] = [];
    for (const migration of listMigrations()) {
      const checksum = applied.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new Error(`Migration ${migration.name} was edited after it was applied; restore it and add a new migration instead.`);
        }
        continue;
      }
      // The history row is written in the same transaction, so a crash never leaves a migration
      // applied but unrecorded.
      const record = `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES (${quote(randomUUID())}, ${quote(migration.checksum)}, now(), ${quote(migration.name)}, 1)`;
      await runner.exec(`BEGIN;\n${migration.sql}\n;${record};\nCOMMIT;`).catch(async (error: unknown) => {
        await runner.exec("ROLLBACK").catch(() => undefined);
        throw error;
      });
      done.push(migration.name);
    }
    return done;
  });
}
