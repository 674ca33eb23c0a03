import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/log.ts";
import { createWebhookDispatcher, type WebhookDispatcher } from "../../src/webhooks/dispatcher.ts";
import { createAccount, logon } from "../helpers/flows.ts";
import { seedTenant, startGateway, type SeededTenant, type TestGateway } from "../helpers/gateway.ts";
import { createWebhook, deliveries, mutate } from "./api.ts";
import { eventually, startReceiver, type Receiver } from "./receiver.ts";

const day = 86_400_000;
const settle = (ms = 400) => new Promise((resolve) => setTimeout(resolve, ms));

/** The gateway only serves the API; the tests drive their own dispatchers, each with a clock they set. */
describe("pruning the webhook outbox", () => {
  let gateway: TestGateway;
  let receiver: Receiver;
  let tenant: SeededTenant;
  let admin: string;
  let webhookId: string;
  let orphanEventId: string;
  const dispatchers: WebhookDispatcher[] = [];

  function dispatcher(now: () => number): WebhookDispatcher {
    const { services } = gateway.app;
    const created = createWebhookDispatcher({ prisma: gateway.app.database.prisma, services, log: createLogger("silent"), config: services.config, now });
    dispatchers.push(created);
    return created;
  }
  const eventExists = async (id: string) => (await gateway.app.database.prisma.webhookEvent.count({ where: { id } })) === 1;
  const logOf = async () => (await deliveries(gateway, admin, webhookId)).map((row) => [row.status, row.eventType]);

  beforeAll(async () => {
    receiver = await startReceiver();
    gateway = await startGateway({ SWITCHYARD_ALLOW_PRIVATE_NETWORKS: "true", SWITCHYARD_WEBHOOK_DELIVERY: "false", SWITCHYARD_WEBHOOK_POLL_INTERVAL_MS: "50" });
    tenant = await seedTenant(gateway);
    admin = (await logon(gateway, tenant)).accessToken;
    // An event whose only webhook was deleted keeps no deliveries.
    const dropped = await createWebhook(gateway, admin, receiver.url, "dropped");
    await createAccount(gateway, admin, "orphaned");
    orphanEventId = (await deliveries(gateway, admin, dropped.id))[0]?.eventId ?? "";
    await mutate(gateway, admin, "mutation ($input: DeleteOrganizationWebhookInput!) { deleteOrganizationWebhook(input: $input) { id } }", { id: dropped.id });
    webhookId = (await createWebhook(gateway, admin, receiver.url)).id;
  });
  afterAll(async () => {
    await Promise.all(dispatchers.map((each) => each.stop()));
    await gateway.stop();
    await receiver.close();
  });

  it("deletes events past the retention whose deliveries all ended or that have none, and keeps pending and younger ones", async () => {
    let clock = Date.now();
    const manual = dispatcher(() => clock);
    await createAccount(gateway, admin, "delivered");
    await manual.wake();
    receiver.answerNext({ status: 410 });
    await createAccount(gateway, admin, "refused");
    await manual.wake();
    await createAccount(gateway, admin, "waiting");
    const everything = [["PENDING", "ACCOUNT_CREATED"], ["FAILED", "ACCOUNT_CREATED"], ["SUCCEEDED", "ACCOUNT_CREATED"]];
    expect(await logOf()).toEqual(everything);

    clock = Date.now() + 29 * day;
    expect(await manual.prune()).toBe(0);
    expect(await logOf()).toEqual(everything);
    expect(await eventExists(orphanEventId)).toBe(true);

    clock = Date.now() + 31 * day;
    expect(await manual.prune()).toBe(3);
    expect(await logOf()).toEqual([["PENDING", "ACCOUNT_CREATED"]]);
    expect(await eventExists(orphanEventId)).toBe(false);
  });

  it("deletes a backlog larger than one statement's batch in one run", async () => {
    const old = new Date(Date.now() - 40 * day);
    const rows = Array.from({ length: 2_345 }, () => ({ tenantId: tenant.tenantId, organizationId: tenant.organizationId, type: "account.updated", payload: {}, createdAt: old }));
    await gateway.app.database.prisma.webhookEvent.createMany({ data: rows });
    expect(await dispatcher(Date.now).prune()).toBe(2_345);
  });

  it("prunes from its poll at most once an hour", async () => {
    await dispatcher(Date.now).wake();
    expect(await logOf()).toEqual([["SUCCEEDED", "ACCOUNT_CREATED"]]);
    let clock = Date.now() + 31 * day;
    const scheduled = dispatcher(() => clock);
    scheduled.start();
    // Its first poll prunes what the previous test left, now delivered.
    await eventually(async () => expect(await logOf()).toEqual([]));
    await createAccount(gateway, admin, "later");
    await eventually(async () => expect(await logOf()).toEqual([["SUCCEEDED", "ACCOUNT_CREATED"]]));
    await settle();
    expect(await logOf()).toEqual([["SUCCEEDED", "ACCOUNT_CREATED"]]);

    clock += 3_600_000;
    await eventually(async () => expect(await logOf()).toEqual([]));
  });
});
