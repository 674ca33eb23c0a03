import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createIntegration, createOrganizationToken, seedAdminToken } from "../helpers/flows.ts";
import { gql, startGateway, type TestGateway } from "../helpers/gateway.ts";
import { createWebhook, deliveries, mutate } from "./api.ts";
import { eventually, startReceiver, verifySignature, type Receiver } from "./receiver.ts";

const canary = "canary-secret-7f3a9c1e5b";
const fast = {
  SWITCHYARD_ALLOW_PRIVATE_NETWORKS: "true",
  SWITCHYARD_WEBHOOK_BACKOFF_BASE_MS: "50",
  SWITCHYARD_WEBHOOK_POLL_INTERVAL_MS: "100",
  SWITCHYARD_WEBHOOK_TIMEOUT_MS: "2000",
  SWITCHYARD_PROVIDER_MAX_RETRIES: "0",
};

describe("organization webhook delivery", () => {
  let gateway: TestGateway;
  let receiver: Receiver;
  let otherReceiver: Receiver;
  let admin: string;
  let otherAdmin: string;
  let webhook: { id: string; secret: string };

  beforeAll(async () => {
    receiver = await startReceiver();
    otherReceiver = await startReceiver();
    gateway = await startGateway(fast);
    admin = await seedAdminToken(gateway);
    otherAdmin = await seedAdminToken(gateway);
    webhook = await createWebhook(gateway, admin, receiver.url);
    await createWebhook(gateway, otherAdmin, otherReceiver.url);
  });
  afterAll(async () => {
    await gateway.stop();
    await receiver.close();
    await otherReceiver.close();
  });

  it("sends account and integration changes and health changes, each signed and with its own event id", async () => {
    const account = await createAccount(gateway, admin, "acme");
    await mutate(gateway, admin, "mutation ($input: UpdateAccountInput!) { updateAccount(input: $input) { account { id } } }", { id: account.id, fullname: "Acme Inc." });
    const broken = await createIntegration(gateway, admin, account.id, "jira", {
      ticketingJira: { apiBaseUrl: "http://127.0.0.1:1", credential: { basic: { username: "bot@acme.test", password: canary } } },
    });
    await mutate(gateway, admin, "mutation ($input: UpdateIntegrationInput!) { updateIntegration(input: $input) { integration { id } } }", { id: broken.integration.id, fullname: "Jira (broken)" });
    for (let call = 0; call < 3; call++) {
      await gql(gateway, "{ tickets(first: 1) { edges { node { key } } } }", { token: broken.tokens.accessToken, path: "/graphql/connector" });
    }
    await gateway.app.services.status.flush();
    await mutate(gateway, admin, "mutation ($input: DeleteIntegrationInput!) { deleteIntegration(input: $input) { id } }", { id: broken.integration.id });
    await mutate(gateway, admin, "mutation ($input: DeleteAccountInput!) { deleteAccount(input: $input) { id } }", { id: account.id });

    const expected = ["account.created", "account.updated", "integration.created", "integration.updated", "integration.status_changed", "integration.deleted", "account.deleted"];
    await eventually(() => expect(new Set(receiver.received.map((hook) => hook.event.type))).toEqual(new Set(expected)));
    for (const hook of receiver.received) {
      expect(verifySignature(webhook.secret, hook.headers, hook.body)).toBe(true);
      expect(verifySignature(`${webhook.secret}x`, hook.headers, hook.body)).toBe(false);
      expect(hook.headers["switchyard-webhook-id"]).toBe(hook.event.id);
      expect(hook.event.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(hook.body).not.toContain(canary);
      expect(hook.body).not.toContain(webhook.secret);
    }
    expect(new Set(receiver.received.map((hook) => hook.event.id)).size).toBe(receiver.received.length);
    const statusChange = receiver.received.find((hook) => hook.event.type === "integration.status_changed");
    expect(statusChange?.event.data).toMatchObject({ integrationId: broken.integration.id, health: "FAILING", previousHealth: "UNKNOWN" });
    // Tenant isolation: the other organization's receiver saw none of it.
    expect(otherReceiver.received).toEqual([]);
  });

  it("retries after a failing receiver recovers, and the delivery log shows every attempt", async () => {
    receiver.answerNext({ status: 500 }, { status: 503 });
    const before = receiver.received.length;
    const account = await createAccount(gateway, admin, "flaky");
    await eventually(() => expect(receiver.received.length - before).toBe(3));
    const tries = receiver.received.slice(before);
    expect(new Set(tries.map((hook) => hook.event.id)).size).toBe(1);
    expect(tries[0]?.event.data).toMatchObject({ id: account.id });
    await eventually(async () => {
      const [latest] = await deliveries(gateway, admin, webhook.id);
      expect(latest).toMatchObject({ eventId: tries[0]?.event.id, eventType: "ACCOUNT_CREATED", status: "SUCCEEDED", attempts: 3, responseStatus: 200, lastError: null });
    });
  });

  it("waits as long as a 429's Retry-After asks", async () => {
    receiver.answerNext({ status: 429, headers: { "retry-after": "1" } });
    const before = receiver.received.length;
    await createAccount(gateway, admin, "throttled");
    await eventually(() => expect(receiver.received.length - before).toBe(2));
    const [first, second] = receiver.received.slice(before);
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it("gives up on a final answer, and a replay sends the same event again", async () => {
    receiver.answerNext({ status: 410 });
    const before = receiver.received.length;
    await createAccount(gateway, admin, "gone");
    let failed: Awaited<ReturnType<typeof deliveries>>[number] | undefined;
    await eventually(async () => {
      [failed] = await deliveries(gateway, admin, webhook.id, "FAILED");
      expect(failed).toMatchObject({ attempts: 1, responseStatus: 410, lastError: "receiver answered HTTP 410" });
    });
    const replayed = await mutate(gateway, admin, "mutation ($input: ReplayWebhookDeliveryInput!) { replayWebhookDelivery(input: $input) { delivery { id status } } }", { deliveryId: failed?.id });
    expect(replayed.body.errors).toBeUndefined();
    await eventually(() => expect(receiver.received.length - before).toBe(2));
    const [original, again] = receiver.received.slice(before);
    expect(again?.event.id).toBe(original?.event.id);
    expect(verifySignature(webhook.secret, again?.headers ?? {}, again?.body ?? "")).toBe(true);
    await eventually(async () => {
      const [latest] = await deliveries(gateway, admin, webhook.id);
      expect(latest).toMatchObject({ id: failed?.id, status: "SUCCEEDED", attempts: 2 });
    });
    const audit = await gql<{ auditEvents: { edges: { node: { action: string; resourceId: string; outcome: string } }[] } }>(
      gateway,
      "{ auditEvents(first: 5) { edges { node { action resourceId outcome } } } }",
      { token: admin },
    );
    expect(audit.body.data?.auditEvents.edges.map((edge) => edge.node)).toContainEqual({ action: "webhooks.replay-delivery", resourceId: failed?.id, outcome: "SUCCESS" });
  });

  it("shows the delivery log to whole-organization tokens only", async () => {
    const account = await createAccount(gateway, admin, "restricted-view");
    const narrowed = await createOrganizationToken(gateway, admin, { permissionSet: "VIEWER", accountIds: [account.id] });
    const token = narrowed.body.data?.createOrganizationToken.tokens.accessToken;
    expect(token).toBeTruthy();
    const denied = await gql(gateway, "query ($id: ID!) { organizationWebhook(id: $id) { id deliveries(first: 5) { edges { node { id } } } } }", { token, variables: { id: webhook.id } });
    expect(denied.body.errors?.[0]).toMatchObject({ message: expect.stringContaining("OrganizationWebhook.deliveries"), extensions: { code: "FORBIDDEN" } });
    const wholeViewer = (await createOrganizationToken(gateway, admin, { permissionSet: "VIEWER" })).body.data?.createOrganizationToken.tokens.accessToken ?? "";
    expect(await deliveries(gateway, wholeViewer, webhook.id)).not.toEqual([]);
  });

  it("keeps each organization's deliveries to itself", async () => {
    const beforeOwn = receiver.received.length;
    const other = await createAccount(gateway, otherAdmin, "other-org-account");
    await eventually(() => expect(otherReceiver.received.map((hook) => hook.event.data.id)).toContain(other.id));
    expect(receiver.received.slice(beforeOwn).map((hook) => hook.event.data.id)).not.toContain(other.id);
    const foreign = await gql(gateway, "query ($id: ID!) { organizationWebhook(id: $id) { deliveries(first: 5) { edges { node { id } } } } }", { token: otherAdmin, variables: { id: webhook.id } });
    expect(foreign.body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const [own] = await deliveries(gateway, admin, webhook.id);
    const replay = await mutate(gateway, otherAdmin, "mutation ($input: ReplayWebhookDeliveryInput!) { replayWebhookDelivery(input: $input) { delivery { id } } }", { deliveryId: own?.id });
    expect(replay.body.errors?.[0]).toMatchObject({ message: "Webhook delivery not found", extensions: { code: "NOT_FOUND" } });
  });
});
