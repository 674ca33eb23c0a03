/**
 * Two replicas recording the same integration's calls at once. Each replica's recorder decides
 * health from the outcomes committed so far and announces a change against the health it read, so
 * the two must take turns: otherwise both announce the same change (a doubled webhook), or one
 * silently overwrites the other's (a missed one). Under TEST_DATABASE_URL each recorder has its own
 * connection pool, as replicas do; on PGlite they share the one connection, whose statements
 * interleave just the same between transactions.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database.ts";
import { createStatusRecorder, type StatusRecorder } from "../../src/events/status-recorder.ts";
import { createLogger } from "../../src/log.ts";
import { createAccount, createIntegration, logon } from "../helpers/flows.ts";
import { gql, seedTenant, startGateway, type SeededTenant, type TestGateway } from "../helpers/gateway.ts";
import { recordedCall } from "./support.ts";

describe("status recorders of two replicas on one database", () => {
  let gateway: TestGateway;
  let tenant: SeededTenant;
  let accountId: string;
  let token: string;
  const integrationIds: string[] = [];
  let ownDatabase: Database | null = null;
  const recorders: StatusRecorder[] = [];

  beforeAll(async () => {
    gateway = await startGateway({ SWITCHYARD_WEBHOOK_DELIVERY: "false" });
    tenant = await seedTenant(gateway);
    token = (await logon(gateway, tenant)).accessToken;
    accountId = (await createAccount(gateway, token, "replicated")).id;
    for (const name of ["recorded-twice", "reset-meanwhile"]) integrationIds.push((await createIntegration(gateway, token, accountId, name)).integration.id);
    const webhook = await gql(gateway, `mutation ($input: CreateOrganizationWebhookInput!) { createOrganizationWebhook(input: $input) { webhook { id } } }`, {
      token,
      variables: { input: { name: "status", url: "https://hooks.example.com/status", events: ["INTEGRATION_STATUS_CHANGED"] } },
    });
    expect(webhook.body.errors).toBeUndefined();
    const settings = gateway.app.services.config.database;
    if (settings.kind === "postgres") ownDatabase = await openDatabase({ ...settings, poolSize: 4 });
    const log = createLogger("silent");
    // Flushed by the test only: a timer an hour away never fires.
    for (const database of [gateway.app.database, ownDatabase ?? gateway.app.database]) recorders.push(createStatusRecorder(database.prisma, log, { intervalMs: 3_600_000 }));
  });
  afterAll(async () => {
    await Promise.all(recorders.map((recorder) => recorder.close()));
    await ownDatabase?.close();
    await gateway.stop();
  });

  const event = (integrationId: string, succeeded: boolean, time: Date, bytes?: number) =>
    recordedCall({ tenantId: tenant.tenantId, organizationId: tenant.organizationId, accountId }, integrationId, succeeded, time, bytes);

  /** The integration's `integration.status_changed` webhook events, oldest first. */
  async function changesOf(integrationId: string) {
    const rows = await gateway.app.database.prisma.webhookEvent.findMany({
      where: { organizationId: tenant.organizationId, type: "integration.status_changed" },
      orderBy: { id: "asc" },
      select: { payload: true },
    });
    return rows.map((row) => row.payload as { integrationId: string; health: string; previousHealth: string | null }).filter((change) => change.integrationId === integrationId);
  }

  /** Each change starts from the health the one before it left, and the last leaves the health stored now. */
  async function expectUnbrokenChain(integrationId: string) {
    const changes = await changesOf(integrationId);
    let health = "UNKNOWN";
    for (const change of changes) {
      expect({ from: change.previousHealth ?? "UNKNOWN", to: change.health }).toEqual({ from: health, to: expect.not.stringMatching(`^${health}$`) });
      health = change.health;
    }
    const status = await gateway.app.database.prisma.integrationStatus.findUniqueOrThrow({ where: { integrationId } });
    expect(status.health).toBe(health);
    return { changes, status };
  }

  it("announces every health change once, each from the health the last one left", async () => {
    const integrationId = integrationIds[0] as string;
    let time = Date.now() - 600_000;
    // Rounds of three failures then three successes from each replica: health moves on every round
    // (FAILING, then DEGRADED with four failures left in the window of ten), and both replicas flush at once.
    for (let round = 0; round < 24; round++) {
      for (const recorder of recorders) for (let call = 0; call < 3; call++) recorder.record(event(integrationId, round % 2 === 1, new Date((time += 100))));
      await Promise.all(recorders.map((recorder) => recorder.flush()));
    }
    const { changes, status } = await expectUnbrokenChain(integrationId);
    // Taking turns, the first replica to flush a round moves health and the second finds it moved.
    expect(changes).toHaveLength(24);
    expect(status.requests).toBe(24 * 6);
  });

  it("takes turns with a reset made on another replica", async () => {
    const integrationId = integrationIds[1] as string;
    const reset = () =>
      gql(gateway, "mutation ($input: ResetIntegrationStatusInput!) { resetIntegrationStatus(input: $input) { integrationId } }", { token, variables: { input: { integrationId } } });
    recorders[0]?.record(event(integrationId, true, new Date()));
    await recorders[0]?.flush();
    for (let round = 0; round < 12; round++) {
      for (let call = 0; call < 3; call++) recorders[1]?.record(event(integrationId, false, new Date()));
      const [, answer] = await Promise.all([recorders[1]?.flush(), reset()]);
      expect(answer.body.errors).toBeUndefined();
    }
    const { changes } = await expectUnbrokenChain(integrationId);
    expect(changes.length).toBeGreaterThanOrEqual(12);
  });
});
