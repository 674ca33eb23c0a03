/** The `switchyard` command line: serve, migrate, tenant create, keys generate. */
import { Command } from "commander";
import { GraphQLError } from "graphql";
import { ConfigError, loadConfig } from "./config.ts";
import { openDatabase } from "./db/database.ts";
import { formatKeys, generateKey, rotateEmbeddedKeys } from "./crypto/key-store.ts";
import { createTenant } from "./services/tenants.ts";
import { buildApp } from "./server.ts";

const program = new Command("switchyard").description("Switchyard, the self-hostable unified-API integration gateway.");

program
  .command("serve")
  .description("Migrate the database and serve GraphQL on PORT (default 4000).")
  .action(async () => {
    const app = await buildApp(loadConfig());
    await app.start();
    let stopping = false;
    const shutdown = (signal: string) => {
      if (stopping) return;
      stopping = true;
      app.services.log.info({ signal }, "draining");
      const deadline = setTimeout(() => process.exit(1), 30_000);
      deadline.unref();
      app.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.on("SIGTERM", () => shutdown("SIGTERM"));
    process.on("SIGINT", () => shutdown("SIGINT"));
  });

program
  .command("migrate")
  .description("Apply committed database migrations, then exit.")
  .action(async () => {
    const config = loadConfig();
    const database = await openDatabase(config.database);
    try {
      const applied = await database.migrate();
      console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
    } finally {
      await database.close();
    }
  });

const tenant = program.command("tenant").description("Manage tenants.");
tenant
  .command("create")
  .description("Create a tenant (root organization) and its first administrator. Stop the embedded server first: PGlite allows one process.")
  .requiredOption("--name <name>", "tenant slug: lower-case letters, digits, hyphens")
  .requiredOption("--admin-email <email>", "email of the first administrator")
  .requiredOption("--admin-password <password>", "password of the first administrator (12+ characters)")
  .option("--fullname <fullname>", "human-readable name")
  .option("--json", "print the result as JSON")
  .action(async (options: { name: string; adminEmail: string; adminPassword: string; fullname?: string; json?: boolean }) => {
    const config = loadConfig();
    const database = await openDatabase(config.database);
    try {
      await database.migrate();
      const created = await createTenant(database.prisma, {
        name: options.name,
        fullname: options.fullname,
        adminEmail: options.adminEmail,
        adminPassword: options.adminPassword,
      });
      if (options.json) console.log(JSON.stringify(created));
      else console.log(`Tenant ${options.name} created.\n  tenantId:       ${created.tenantId}\n  organizationId: ${created.organizationId}\n  memberId:       ${created.memberId}`);
    } finally {
      await database.close();
    }
  });

const keys = program.command("keys").description("Key helpers.");

keys
  .command("rotate")
  .description("Add a fresh primary signing and encryption key to the embedded data folder's keys.json; a running gateway picks it up within SWITCHYARD_KEYS_RELOAD_SECONDS or on SIGHUP.")
  .option("--retire", "also drop every signing key but the new one and the previous primary (their tokens are then refused)")
  .action((options: { retire?: boolean }) => {
    const ring = rotateEmbeddedKeys(loadConfig().dataDir, options);
    console.log(`signing keys: ${ring.signing.map((key) => key.id).join(", ")}\nencryption keys: ${ring.encryption.map((key) => key.id).join(", ")}`);
  });

keys
  .command("generate")
  .description("Print fresh SWITCHYARD_SIGNING_KEYS and SWITCHYARD_ENCRYPTION_KEYS values.")
  .action(() => {
    console.log(`SWITCHYARD_SIGNING_KEYS=${formatKeys([generateKey("sig")])}`);
    console.log(`SWITCHYARD_ENCRYPTION_KEYS=${formatKeys([generateKey("enc")])}`);
  });


program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else if (error instanceof GraphQLError) console.error(`Error: ${error.message}`);
  else console.error(error);
  process.exit(1);
});
