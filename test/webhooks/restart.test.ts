import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { buildApp } from "../../src/server.ts";
import { createLogger } from "../../src/log.ts";
import { createAccount, logon } from "../helpers/flows.ts";
import { createPostgresDatabase, seedTenant, type SeededTenant, type TestGateway } from "../helpers/gateway.ts";
import { createWebhook, deliveries } from "./api.ts";
import { eventually, startReceiver, verifySignature, type Receiver } from "./receiver.ts";

/** One database (a PGlite folder, or a PostgreSQL database under TEST_DATABASE_URL) that outlives each gateway process. */
describe("webhook outbox across a restart", () => {
  const keys = { SWITCHYARD_SIGNING_KEYS: `sig:${randomBytes(32).toString("base64url")}`, SWITCHYARD_ENCRYPTION_KEYS: `enc:${randomBytes(32).toString("base64url")}` };
  let dataDir: string;
  let databaseUrl: string | undefined;
  let receiver: Receiver;
  let tenant: SeededTenant;
  let webhook: { id: string; secret: string };

  async function start(env: Record<string, string>): Promise<TestGateway> {
    const config = loadConfig({
      PORT: "0",
      HOST: "127.0.0.1",
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      SWITCHYARD_DATA_DIR: dataDir,
      SWITCHYARD_WEBHOOK_BACKOFF_BASE_MS: "50",
      SWITCHYARD_WEBHOOK_POLL_INTERVAL_MS: "100",
      ...keys,
      ...(databaseUrl && { DATABASE_URL: databaseUrl }),
      ...env,
    });
    const app = await buildApp(config, { log: createLogger("silent") });
    const { url } = await app.start();
    return { app, url, stop: () => app.stop() };
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "switchyard-webhooks-"));
    databaseUrl = process.env.TEST_DATABASE_URL ? await createPostgresDatabase(process.env.TEST_DATABASE_URL) : undefined;
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("delivers an event committed before the process stopped, once a new process starts on the same database", async () => {
    const first = await start({ SWITCHYARD_ALLOW_PRIVATE_NETWORKS: "true", SWITCHYARD_WEBHOOK_DELIVERY: "false" });
    tenant = await seedTenant(first);
    const admin = (await logon(first, tenant)).accessToken;
    webhook = await createWebhook(first, admin, receiver.url);
    const account = await createAccount(first, admin, "before-crash");
    const [pending] = await deliveries(first, admin, webhook.id);
    expect(pending).toMatchObject({ eventType: "ACCOUNT_CREATED", status: "PENDING", attempts: 0 });
    await first.stop();
    expect(receiver.received).toEqual([]);

    const second = await start({ SWITCHYARD_ALLOW_PRIVATE_NETWORKS: "true" });
    try {
      await eventually(() => expect(receiver.received).toHaveLength(1));
      const [hook] = receiver.received;
      expect(hook?.event).toMatchObject({ id: pending?.eventId, type: "account.created", data: { id: account.id } });
      expect(verifySignature(webhook.secret, hook?.headers ?? {}, hook?.body ?? "")).toBe(true);
    } finally {
      await second.stop();
    }
  });

  it("refuses to deliver to a private address when the operator does not allow it, without connecting", async () => {
    const strict = await start({ SWITCHYARD_ALLOW_PRIVATE_NETWORKS: "false" });
    try {
      const admin = (await logon(strict, tenant)).accessToken;
      const connectionsBefore = receiver.connections;
      await createAccount(strict, admin, "after-restart");
      await eventually(async () => {
        const [latest] = await deliveries(strict, admin, webhook.id);
        expect(latest).toMatchObject({ status: "FAILED", attempts: 1, responseStatus: null });
        expect(latest?.lastError).toMatch(/private address .*SWITCHYARD_ALLOW_PRIVATE_NETWORKS/);
      });
      expect(receiver.connections).toBe(connectionsBefore);
    } finally {
      await strict.stop();
    }
  });
});
