// Writes the next migration offline: diffs the committed migrations (replayed into an in-memory
// PGlite shadow database) against prisma/schema.prisma with Prisma's own schema engine compiled
// to WASM, and saves the SQL in Prisma's layout. Usage: npm run db:diff -- <name>
// Needs `node --experimental-wasm-modules` (the npm script passes it).
import { readdirSync, readFileSync, mkdirSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { SchemaEngine } from "@prisma/schema-engine-wasm";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_");
if (!name) {
  console.error("usage: npm run db:diff -- <migration_name>");
  process.exit(2);
}
const migrationsDir = "prisma/migrations";
const schemaPath = "prisma/schema.prisma";
const schema = readFileSync(schemaPath, "utf8");

const migrationDirectories = existsSync(migrationsDir)
  ? readdirSync(migrationsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()
      .map((dir) => ({
        path: dir,
        migrationFile: {
          path: "migration.sql",
          content: { tag: "ok", value: readFileSync(join(migrationsDir, dir, "migration.sql"), "utf8") },
        },
      }))
  : [];

const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(new PGlite()));
const engine = await SchemaEngine.new({ datamodels: [[schemaPath, schema]] }, () => {}, adapter);
const filters = { externalTables: [], externalEnums: [] };
const from =
  migrationDirectories.length === 0
    ? { tag: "empty" }
    : {
        tag: "migrations",
        baseDir: migrationsDir,
        lockfile: { path: "migration_lock.toml", content: readFileSync(join(migrationsDir, "migration_lock.toml"), "utf8") },
        migrationDirectories,
        shadowDbInitScript: "",
      };
const result = await engine.diff({
  from,
  to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: schema }] },
  script: true,
  exitCode: null,
  filters,
});
const sql = result.stdout ?? "";
if (!sql.trim() || /This is an empty migration/.test(sql)) {
  console.log("No schema changes.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = join(migrationsDir, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "migration.sql"), sql);
writeFileSync(join(migrationsDir, "migration_lock.toml"), 'provider = "postgresql"\n');
console.log(`Wrote ${join(dir, "migration.sql")}`);
