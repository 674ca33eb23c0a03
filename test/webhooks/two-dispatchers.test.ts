import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database.ts";
import { createLogger } from "../../src/log.ts";
import { createWebhookDispatcher, type WebhookDispatcher } from "../../src/webhooks/dispatcher.ts";
import { createAccount, seedAdminToken } from "../helpers/flows.ts";
import { startGateway, type TestGateway } from "../helpers/gateway.ts";
import { createWebhook, deliveries } from "./api.ts";
import { eventually, startReceiver, type Receiver } from "./receiver.ts";

const settle = (ms = 500) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Two dispatchers on one database, as two replicas run them: under TEST_DATABASE_URL each has its
 * own connection pool to the PostgreSQL database, so their claims really race; on PGlite they share
 * the one connection. The gateway itself only serves the API.
 */
describe("two dispatchers on one database", () => {
  let gateway: TestGateway;
  let receiver: Receiver;
  let admin: string;
  let webhookId: string;
  const ownDatabases: Database[] = [];
  const dispatchers: { dispatcher: WebhookDispatcher; attempted: string[] }[] = [];

  /** A dispatcher whose log tells which deliveries it attempted. */
  async function addDispatcher(): Promise<void> {
    const { services } = gateway.app;
    const settings = services.config.database;
    const database = settings.kind === "postgres" ? await openDatabase({ ...settings, poolSize: 4 }) : gateway.app.database;
    if (database !== gateway.app.database) ownDatabases.push(database);
    const attempted: string[] = [];
    const log = createLogger("debug", {
      write: (line: string) => {
        const entry = JSON.parse(line) as { msg: string; deliveryId?: string };
        if (entry.msg === "webhook delivery attempt" && entry.deliveryId) attempted.push(entry.deliveryId);
      },
    });
    dispatchers.push({ dispatcher: createWebhookDispatcher({ prisma: database.prisma, services, log, config: services.config }), attempted });
  }

  /** Holds every due delivery locked (PostgreSQL only) while `work` runs: claims made meanwhile meet busy rows, as racing replicas do. */
  async function withDeliveriesLocked(work: () => Promise<void>): Promise<void> {
    const settings = gateway.app.services.config.database;
    if (settings.kind !== "postgres") return work();
    const holder = new pg.Client({ connectionString: settings.url });
    await holder.connect();
    try {
      await holder.query(`BEGIN; SELECT "id" FROM "WebhookDelivery" WHERE "status" = 'PENDING' FOR UPDATE`);
      await work();
      await holder.query("COMMIT");
    } finally {
      await holder.end();
    }
  }

  beforeAll(async () => {
    receiver = await startReceiver();
    gateway = await startGateway({ SWITCHYARD_ALLOW_PRIVATE_NETWORKS: "true", SWITCHYARD_WEBHOOK_DELIVERY: "false", SWITCHYARD_WEBHOOK_POLL_INTERVAL_MS: "50" });
    admin = await seedAdminToken(gateway);
    webhookId = (await createWebhook(gateway, admin, receiver.url)).id;
    await addDispatcher();
    await addDispatcher();
  });
  afterAll(async () => {
    await Promise.all(dispatchers.map(({ dispatcher }) => dispatcher.stop()));
    await Promise.all(ownDatabases.map((database) => database.close()));
    await gateway.stop();
    await receiver.close();
  });

  it("delivers each event exactly once, the work shared between them", async () => {
    // A backlog both go for at once when they start, then events committed while both run (the bus wakes both).
    for (let index = 0; index < 15; index++) await createAccount(gateway, admin, `backlog-${index}`);
    await withDeliveriesLocked(async () => {
      for (const { dispatcher } of dispatchers) dispatcher.start();
      await settle(300);
    });
    await Promise.all(Array.from({ length: 15 }, (_, index) => createAccount(gateway, admin, `live-${index}`)));

    const log = await deliveries(gateway, admin, webhookId);
    expect(log).toHaveLength(30);
    await eventually(() => expect(receiver.received).toHaveLength(30), 10_000);
    await settle();
    expect(receiver.received).toHaveLength(30);
    expect(new Set(receiver.received.map((hook) => hook.event.id))).toEqual(new Set(log.map((row) => row.eventId)));
    await eventually(async () => expect((await deliveries(gateway, admin, webhookId)).map((row) => [row.status, row.attempts])).toEqual(log.map(() => ["SUCCEEDED", 1])));

    const [first, second] = dispatchers.map(({ attempted }) => attempted);
    expect(first?.filter((id) => second?.includes(id))).toEqual([]);
    expect(new Set([...(first ?? []), ...(second ?? [])])).toEqual(new Set(log.map((row) => row.id)));
    expect(first?.length).toBeGreaterThan(0);
    expect(second?.length).toBeGreaterThan(0);
  });
});
