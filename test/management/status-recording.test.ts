/**
 * Status recording in batches: a flush touching many integrations costs the same few statements as
 * one touching a single integration, and leaves each integration's counters, last outcomes and
 * health as the rule in decide-health.ts says, seen through the management API.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStatusRecorder, type StatusEventInput } from "../../src/events/status-recorder.ts";
import { createLogger } from "../../src/log.ts";
import { createAccount, createIntegration, logon } from "../helpers/flows.ts";
import { gql, seedTenant, startGateway, type SeededTenant, type TestGateway } from "../helpers/gateway.ts";
import { recordedCall } from "./support.ts";

const StatusQuery = `query ($id: ID!) { integration(id: $id) { status { health requests failures bytes lastSuccessAt lastErrorAt lastError } } }`;

describe("status recording", () => {
  let gateway: TestGateway;
  let tenant: SeededTenant;
  let token: string;
  let accountId: string;
  const integrationIds: string[] = [];
  const statements: string[] = [];
  let counting = false;

  beforeAll(async () => {
    gateway = await startGateway({ SWITCHYARD_WEBHOOK_DELIVERY: "false" }, { onQuery: (sql) => counting && statements.push(sql) });
    tenant = await seedTenant(gateway);
    token = (await logon(gateway, tenant)).accessToken;
    accountId = (await createAccount(gateway, token, "recorded")).id;
    for (const [name, events] of [["status", ["INTEGRATION_STATUS_CHANGED"]], ["status-too", ["INTEGRATION_STATUS_CHANGED", "ACCOUNT_CREATED"]], ["accounts", ["ACCOUNT_CREATED"]]] as const) {
      const created = await gql(gateway, `mutation ($input: CreateOrganizationWebhookInput!) { createOrganizationWebhook(input: $input) { webhook { id } } }`, {
        token,
        variables: { input: { name, url: `https://hooks.example.com/${name}`, events } },
      });
      expect(created.body.errors).toBeUndefined();
    }
    for (let index = 0; index < 8; index++) integrationIds.push((await createIntegration(gateway, token, accountId, `mock-${index}`)).integration.id);
  });
  afterAll(() => gateway.stop());


  const event = (integrationId: string, succeeded: boolean, time: Date, bytes?: number) =>
    recordedCall({ tenantId: tenant.tenantId, organizationId: tenant.organizationId, accountId }, integrationId, succeeded, time, bytes);

  async function flushCounting(events: StatusEventInput[]): Promise<number> {
    const recorder = gateway.app.services.status;
    await recorder.flush();
    statements.length = 0;
    counting = true;
    for (const recorded of events) recorder.record(recorded);
    await recorder.flush();
    counting = false;
    return statements.length;
  }

  async function status(integrationId: string) {
    const response = await gql<{ integration: { status: Record<string, unknown> } }>(gateway, StatusQuery, { token, variables: { id: integrationId } });
    expect(response.body.errors).toBeUndefined();
    return response.body.data?.integration.status;
  }

  it("writes a batch for six integrations in as many statements as a batch for one", async () => {
    const [first] = integrationIds as [string];
    const t0 = Date.now() - 60_000;
    const one = await flushCounting([event(first, true, new Date(t0))]);
    const six = await flushCounting(integrationIds.slice(0, 6).flatMap((id, index) => [event(id, true, new Date(t0 + 1_000)), event(id, index % 2 === 0, new Date(t0 + 2_000))]));
    expect(one).toBeGreaterThan(0);
    expect(six).toBe(one);
    // Both batches changed health (UNKNOWN to HEALTHY; then five of six), each change one outbox
    // event delivered to the two webhooks that want status changes.
    const prisma = gateway.app.database.prisma;
    const events = await prisma.webhookEvent.findMany({ where: { type: "integration.status_changed" }, select: { payload: true, _count: { select: { deliveries: true } } } });
    expect(events).toHaveLength(6);
    expect(events.map((row) => row._count.deliveries)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(new Set(events.map((row) => (row.payload as { integrationId: string }).integrationId))).toEqual(new Set(integrationIds.slice(0, 6)));
  });

  it("locks the status rows of a later batch in one statement: only a first batch creates rows", async () => {
    const fresh = await Promise.all(["locked-a", "locked-b"].map(async (name) => (await createIntegration(gateway, token, accountId, name)).integration.id));
    const t0 = Date.now() - 50_000;
    const creates = () => statements.filter((sql) => /INSERT INTO "IntegrationStatus".*DO NOTHING/s.test(sql)).length;
    await flushCounting(fresh.map((id) => event(id, true, new Date(t0))));
    expect(creates()).toBe(1);
    // Healthy again, so no webhook events to queue: lock, write events and statuses, COMMIT (BEGIN is not reported).
    expect(await flushCounting(fresh.map((id) => event(id, true, new Date(t0 + 1_000))))).toBe(3);
    expect(creates()).toBe(0);
    for (const id of fresh) expect(await status(id)).toMatchObject({ health: "HEALTHY", requests: 2, failures: 0 });
  });

  it("writes a batch again when its first attempt fails, as one that lost a deadlock would", async () => {
    const integrationId = (await createIntegration(gateway, token, accountId, "second-attempt")).integration.id;
    const prisma = gateway.app.database.prisma;
    let attempts = 0;
    const failingOnce = new Proxy(prisma, {
      get(target, property, receiver) {
        if (property !== "$transaction") return Reflect.get(target, property, receiver);
        return (...args: Parameters<typeof prisma.$transaction>) => (++attempts === 1 ? Promise.reject(new Error("deadlock detected")) : target.$transaction(...args));
      },
    });
    const recorder = createStatusRecorder(failingOnce, createLogger("silent"), { intervalMs: 3_600_000 });
    recorder.record(event(integrationId, true, new Date(Date.now() - 1_000)));
    await recorder.close();
    expect(attempts).toBe(2);
    expect(await status(integrationId)).toMatchObject({ health: "HEALTHY", requests: 1 });
  });

  it("tells live subscribers there was no health before an integration's first change, and which health after", async () => {
    const integrationId = (await createIntegration(gateway, token, accountId, "first-change")).integration.id;
    const changes = gateway.app.services.bus.subscribe("status-changed", tenant.organizationId);
    // The bus listens from the first read on, so each read is waiting before its flush.
    const next = async () => {
      for (;;) {
        const { value } = await changes.next();
        if (value.integrationId === integrationId) return { health: value.health, previousHealth: value.previousHealth };
      }
    };
    const start = Date.now() - 10_000;
    const first = next();
    await flushCounting([event(integrationId, true, new Date(start))]);
    expect(await first).toEqual({ health: "HEALTHY", previousHealth: null });
    const second = next();
    await flushCounting([event(integrationId, false, new Date(start + 1_000))]);
    expect(await second).toEqual({ health: "FAILING", previousHealth: "HEALTHY" });
    await changes.return?.();
  });

  it("keeps a batch's other calls when one of its integrations was deleted before the flush", async () => {
    const [kept, deleted] = await Promise.all(["kept", "deleted-meanwhile"].map(async (name) => (await createIntegration(gateway, token, accountId, name)).integration.id));
    const at = new Date(Date.now() - 5_000);
    // A recorder of its own whose timer never fires, so both calls are still buffered when the integration goes.
    const recorder = createStatusRecorder(gateway.app.database.prisma, createLogger("silent"), { intervalMs: 3_600_000 });
    recorder.record(event(kept as string, true, at));
    recorder.record(event(deleted as string, true, at));
    const removed = await gql(gateway, "mutation ($input: DeleteIntegrationInput!) { deleteIntegration(input: $input) { id } }", { token, variables: { input: { id: deleted } } });
    expect(removed.body.errors).toBeUndefined();
    await recorder.close();
    expect(await status(kept as string)).toMatchObject({ health: "HEALTHY", requests: 1 });
  });

  it("writes a batch soon while someone watches live status, and waits longer while nobody does", async () => {
    const integrationId = (await createIntegration(gateway, token, accountId, "paced")).integration.id as string;
    let watched = false;
    const recorder = createStatusRecorder(gateway.app.database.prisma, createLogger("silent"), { intervalMs: 20, unwatchedIntervalMs: 2_000, watched: () => watched });
    try {
      recorder.record(event(integrationId, true, new Date()));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await status(integrationId)).toBeNull();
      // Written well before the unwatched interval would have run out.
      watched = true;
      await expect.poll(() => status(integrationId), { timeout: 1_000, interval: 20 }).toMatchObject({ requests: 1 });
      // Unwatched again: the next call waits for the longer interval, but is written then.
      watched = false;
      recorder.record(event(integrationId, true, new Date()));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await status(integrationId)).toMatchObject({ requests: 1 });
      await expect.poll(() => status(integrationId), { timeout: 4_000, interval: 50 }).toMatchObject({ requests: 2 });
    } finally {
      await recorder.close();
    }
  });

  it("adds each batch to the counters, keeps the last success across a batch of failures, and moves health by the rule", async () => {
    const [healthy, failing] = integrationIds.slice(6) as [string, string];
    const start = Date.now() - 30_000;
    const at = (seconds: number) => new Date(start + seconds * 1_000);
    await flushCounting([event(healthy, true, at(0), 10), event(failing, true, at(0), 20), event(healthy, true, at(1), 30)]);
    expect(await status(healthy)).toMatchObject({ health: "HEALTHY", requests: 2, failures: 0, bytes: 40, lastSuccessAt: at(1).toISOString(), lastErrorAt: null, lastError: null });
    expect(await status(failing)).toMatchObject({ health: "HEALTHY", requests: 1, bytes: 20, lastSuccessAt: at(0).toISOString() });

    await flushCounting([event(failing, false, at(2)), event(healthy, true, at(2), 5)]);
    expect(await status(failing)).toMatchObject({ health: "FAILING", requests: 2, failures: 1, lastSuccessAt: at(0).toISOString(), lastErrorAt: at(2).toISOString(), lastError: "PROVIDER_UNAVAILABLE" });
    expect(await status(healthy)).toMatchObject({ health: "HEALTHY", requests: 3, bytes: 45 });

    // Two successes after one failure in a window of three: degraded, and the last error is kept.
    await flushCounting([event(failing, true, at(3)), event(failing, true, at(4))]);
    expect(await status(failing)).toMatchObject({ health: "DEGRADED", requests: 4, failures: 1, lastSuccessAt: at(4).toISOString(), lastErrorAt: at(2).toISOString(), lastError: "PROVIDER_UNAVAILABLE" });
  });
});
