import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createIntegration, seedAdminToken } from "../helpers/flows.ts";
import { startGateway, type TestGateway } from "../helpers/gateway.ts";
import { createWebhook, mutate } from "./api.ts";
import { eventually, startReceiver, type Receiver } from "./receiver.ts";

const fast = { SWITCHYARD_ALLOW_PRIVATE_NETWORKS: "true", SWITCHYARD_WEBHOOK_BACKOFF_BASE_MS: "50", SWITCHYARD_WEBHOOK_POLL_INTERVAL_MS: "100" };
const deleteAccount = "mutation ($input: DeleteAccountInput!) { deleteAccount(input: $input) { id } }";

describe("deleting an account announces the integrations deleted with it", () => {
  let gateway: TestGateway;
  let everything: Receiver;
  let integrationsOnly: Receiver;
  let admin: string;

  beforeAll(async () => {
    everything = await startReceiver();
    integrationsOnly = await startReceiver();
    gateway = await startGateway(fast);
    admin = await seedAdminToken(gateway);
    await createWebhook(gateway, admin, everything.url);
    await createWebhook(gateway, admin, integrationsOnly.url, "integration-deletions", ["INTEGRATION_DELETED"]);
  });
  afterAll(async () => {
    await gateway.stop();
    await everything.close();
    await integrationsOnly.close();
  });

  it("sends one integration.deleted per integration of the account, before account.deleted, and none for other accounts' integrations", async () => {
    const doomed = await createAccount(gateway, admin, "doomed");
    const kept = await createAccount(gateway, admin, "kept");
    const jira = (await createIntegration(gateway, admin, doomed.id, "jira")).integration;
    const slack = (await createIntegration(gateway, admin, doomed.id, "slack")).integration;
    const survivor = (await createIntegration(gateway, admin, kept.id, "survivor")).integration;

    const deleted = await mutate(gateway, admin, deleteAccount, { id: doomed.id });
    expect(deleted.body.errors).toBeUndefined();

    await eventually(() => expect(integrationsOnly.received.map((hook) => hook.event.data.id).sort()).toEqual([jira.id, slack.id].sort()));
    for (const hook of integrationsOnly.received) {
      expect(hook.event.type).toBe("integration.deleted");
      expect(hook.event.data).toMatchObject({ accountId: doomed.id, connector: "ticketing", providerId: expect.any(String) });
      expect(hook.event.data).not.toHaveProperty("providerConfig");
    }
    await eventually(() => expect(everything.received.map((hook) => hook.event.type)).toContain("account.deleted"));
    const cascade = everything.received.filter((hook) => hook.event.type.endsWith(".deleted"));
    const accountDeleted = cascade.find((hook) => hook.event.type === "account.deleted");
    expect(accountDeleted?.event.data).toMatchObject({ id: doomed.id });
    const integrationDeletions = cascade.filter((hook) => hook.event.type === "integration.deleted");
    expect(integrationDeletions.map((hook) => hook.event.data.id).sort()).toEqual([jira.id, slack.id].sort());
    // Event ids are UUIDv7, so their order is the order the outbox recorded them in.
    for (const hook of integrationDeletions) expect(hook.event.id < (accountDeleted?.event.id ?? "")).toBe(true);
    expect(cascade.map((hook) => hook.event.data.id)).not.toContain(survivor.id);
  });

  it("sends only account.deleted for an account without integrations", async () => {
    const empty = await createAccount(gateway, admin, "empty");
    const before = integrationsOnly.received.length;
    await mutate(gateway, admin, deleteAccount, { id: empty.id });
    await eventually(() => expect(everything.received.filter((hook) => hook.event.type === "account.deleted").map((hook) => hook.event.data.id)).toContain(empty.id));
    expect(integrationsOnly.received.length).toBe(before);
  });
});
