import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createIntegration, seedAdminToken } from "../helpers/flows.ts";
import { gql, startGateway, type TestGateway } from "../helpers/gateway.ts";
import { createWebhook, deliveries, mutate } from "./api.ts";
import { eventually, startReceiver, type Receiver } from "./receiver.ts";

const fast = { SWITCHYARD_ALLOW_PRIVATE_NETWORKS: "true", SWITCHYARD_WEBHOOK_BACKOFF_BASE_MS: "50", SWITCHYARD_WEBHOOK_POLL_INTERVAL_MS: "100" };
const reset = "mutation ($input: ResetIntegrationStatusInput!) { resetIntegrationStatus(input: $input) { integrationId } }";
const settle = (ms = 400) => new Promise((resolve) => setTimeout(resolve, ms));

/** Collects `integrationStatusChanged` messages over graphql-ws. */
function watchStatus(gateway: TestGateway, token: string) {
  const received: Record<string, unknown>[] = [];
  const client = createClient({ url: `${gateway.url.replace(/^http/, "ws")}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${token}` } });
  client.subscribe(
    { query: "subscription { integrationStatusChanged { integrationId health previousHealth requests } }" },
    { next: (result) => received.push((result.data as { integrationStatusChanged: Record<string, unknown> }).integrationStatusChanged), error: () => {}, complete: () => {} },
  );
  return { received, dispose: () => client.dispose() as Promise<void> };
}

describe("resetting an integration's status", () => {
  let gateway: TestGateway;
  let receiver: Receiver;
  let admin: string;
  let webhookId: string;
  let integrationId: string;

  const statusChanges = () => receiver.received.filter((hook) => hook.event.type === "integration.status_changed").map((hook) => hook.event.data);

  beforeAll(async () => {
    receiver = await startReceiver();
    gateway = await startGateway(fast);
    admin = await seedAdminToken(gateway);
    webhookId = (await createWebhook(gateway, admin, receiver.url)).id;
    const account = await createAccount(gateway, admin, "acme");
    const created = await createIntegration(gateway, admin, account.id, "tickets");
    integrationId = created.integration.id;
    const call = await gql(gateway, "{ tickets(first: 1) { edges { node { key } } } }", { token: created.tokens.accessToken, path: "/graphql/connector" });
    expect(call.body.errors).toBeUndefined();
    await gateway.app.services.status.flush();
    await eventually(() => expect(statusChanges()).toEqual([expect.objectContaining({ integrationId, health: "HEALTHY", previousHealth: "UNKNOWN" })]));
  });
  afterAll(async () => {
    await gateway.stop();
    await receiver.close();
  });

  it("sends integration.status_changed and tells live subscribers when the health goes back to UNKNOWN", async () => {
    const live = watchStatus(gateway, admin);
    await settle();
    const response = await mutate(gateway, admin, reset, { integrationId });
    expect(response.body.errors).toBeUndefined();

    await eventually(() => expect(statusChanges()).toHaveLength(2));
    expect(statusChanges()[1]).toMatchObject({ integrationId, health: "UNKNOWN", previousHealth: "HEALTHY", requests: 0, failures: 0, lastSuccessAt: null });
    await eventually(() => expect(live.received).toEqual([{ integrationId, health: "UNKNOWN", previousHealth: "HEALTHY", requests: 0 }]));
    await live.dispose();
  });

  it("announces nothing when the reset leaves the health as it was", async () => {
    const live = watchStatus(gateway, admin);
    await settle();
    const before = (await deliveries(gateway, admin, webhookId)).length;
    const response = await mutate(gateway, admin, reset, { integrationId });
    expect(response.body.errors).toBeUndefined();
    // The outbox row would have been committed with the reset itself.
    expect(await deliveries(gateway, admin, webhookId)).toHaveLength(before);
    await settle();
    expect(live.received).toEqual([]);
    expect(statusChanges()).toHaveLength(2);
    await live.dispose();
  });
});
