import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/index.ts";
import { createAccount, createIntegration, logon } from "../helpers/flows.ts";
import { errorCode, seedTenant, startGateway, type TestGateway } from "../helpers/gateway.ts";
import { startSlackSimulator, type SlackSimulator } from "../simulators/slack/index.ts";
import { connectorClient, expectNoLeak } from "./connector-api.ts";

const CreateMutation = graphql(`
  mutation SlackCreateNotification($input: CreateNotificationInput!) {
    createNotification(input: $input) { notification { id channel text createdAt updatedAt raw } }
  }
`);

const NotificationQuery = graphql(`
  query SlackNotification($id: ID!) {
    notification(id: $id) { id channel text createdAt updatedAt }
  }
`);

const UpdateMutation = graphql(`
  mutation SlackUpdateNotification($input: UpdateNotificationInput!) {
    updateNotification(input: $input) { notification { id channel text updatedAt } }
  }
`);

const ClearMutation = graphql(`
  mutation SlackClearNotification($input: ClearNotificationInput!) {
    clearNotification(input: $input) { id }
  }
`);

const alerts = "C0ALERTS001";

describe("Slack through the gateway", () => {
  let gateway: TestGateway;
  let sim: SlackSimulator;
  let adminToken: string;
  let accountId: string;
  let token: string;
  const call = connectorClient(() => gateway, () => token);
  const slackIntegration = async (name: string, botToken: string) =>
    createIntegration(gateway, adminToken, accountId, name, {
      notificationsSlack: { apiBaseUrl: sim.apiUrl, channel: alerts, credential: { token: { token: botToken } } },
    });
  const stored = (channel: string, text: string) => (sim.state.messages.get(channel) ?? []).filter((message) => message.text === text);
  const posts = () => sim.state.requests.filter((request) => request.method === "chat.postMessage").length;

  beforeAll(async () => {
    sim = await startSlackSimulator();
    gateway = await startGateway({ SWITCHYARD_ALLOW_PRIVATE_NETWORKS: "true" });
    const tenant = await seedTenant(gateway);
    adminToken = (await logon(gateway, tenant)).accessToken;
    accountId = (await createAccount(gateway, adminToken, "initrode")).id;
    token = (await slackIntegration("slack", sim.tokens.bot)).tokens.accessToken;
  });
  afterAll(async () => {
    await gateway.stop();
    await sim.close();
  });

  it("posts to the configured channel, or to the one named, and reads the message back by id", async () => {
    const created = await call(CreateMutation, { input: { text: "Deploy finished" } });
    expect(created.body.errors).toBeUndefined();
    const notification = created.body.data?.createNotification.notification;
    expect(notification).toMatchObject({ channel: alerts, text: "Deploy finished" });
    expect(notification?.id).toMatch(/^C0ALERTS001:\d{10}\.\d{6}$/);
    expect(stored(alerts, "Deploy finished")).toHaveLength(1);

    const read = await call(NotificationQuery, { id: notification?.id ?? "" });
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data?.notification).toMatchObject({ id: notification?.id, channel: alerts, text: "Deploy finished", createdAt: notification?.createdAt });

    const elsewhere = await call(CreateMutation, { input: { channel: "G0PRIVATE01", text: "Incident opened" } });
    expect(elsewhere.body.data?.createNotification.notification).toMatchObject({ channel: "G0PRIVATE01", text: "Incident opened" });
    expect(stored("G0PRIVATE01", "Incident opened")).toHaveLength(1);
  });

  it("updates a message's text", async () => {
    const created = await call(CreateMutation, { input: { text: "Build 41 failed" } });
    const id = created.body.data?.createNotification.notification.id ?? "";
    const updated = await call(UpdateMutation, { input: { id, text: "Build 41 failed (retrying)" } });
    expect(updated.body.errors).toBeUndefined();
    expect(updated.body.data?.updateNotification.notification).toMatchObject({ id, channel: alerts, text: "Build 41 failed (retrying)" });
    const [message] = stored(alerts, "Build 41 failed (retrying)");
    expect(message?.edited).toBeDefined();
    expect(stored(alerts, "Build 41 failed")).toHaveLength(0);
    // chat.update does not say when the edit happened; the next read does.
    const read = await call(NotificationQuery, { id });
    expect(read.body.data?.notification).toMatchObject({ text: "Build 41 failed (retrying)", updatedAt: expect.any(String) });
  });

  it("clears a message, after which reading it is NOT_FOUND", async () => {
    const created = await call(CreateMutation, { input: { text: "Temporary notice" } });
    const id = created.body.data?.createNotification.notification.id ?? "";
    const cleared = await call(ClearMutation, { input: { id } });
    expect(cleared.body.errors).toBeUndefined();
    expect(cleared.body.data?.clearNotification.id).toBe(id);
    expect(stored(alerts, "Temporary notice")).toHaveLength(0);

    expect(errorCode(await call(NotificationQuery, { id }))).toBe("NOT_FOUND");
    expect(errorCode(await call(ClearMutation, { input: { id } }))).toBe("NOT_FOUND");
    expect(errorCode(await call(NotificationQuery, { id: "not-a-message-id" }))).toBe("BAD_USER_INPUT");
  });

  it("maps channel_not_found to NOT_FOUND, and a channel the bot is not in to BAD_USER_INPUT", async () => {
    const missing = await call(CreateMutation, { input: { channel: "C0NOSUCH0001", text: "Hello?" } });
    expect(errorCode(missing)).toBe("NOT_FOUND");
    expectNoLeak(missing, ["channel_not_found", sim.tokens.bot]);

    const notMember = await call(CreateMutation, { input: { channel: "C0GENERAL01", text: "Hello?" } });
    expect(errorCode(notMember)).toBe("BAD_USER_INPUT");
    expect(stored("C0GENERAL01", "Hello?")).toHaveLength(0);
  });

  it("maps an invalid or revoked token to PROVIDER_UNAUTHORIZED without echoing it", async () => {
    const wrongToken = "xoxb-0000000000-0000000000-WrongTokenCanary";
    const wrong = await slackIntegration("slack-wrong", wrongToken);
    const refused = await call(CreateMutation, { input: { text: "Never posted" } }, wrong.tokens.accessToken);
    expect(errorCode(refused)).toBe("PROVIDER_UNAUTHORIZED");
    expectNoLeak(refused, [wrongToken, "invalid_auth"]);

    const revoked = await slackIntegration("slack-revoked", sim.tokens.revoked);
    const denied = await call(NotificationQuery, { id: `${alerts}:1714460100.000200` }, revoked.tokens.accessToken);
    expect(errorCode(denied)).toBe("PROVIDER_UNAUTHORIZED");
    expectNoLeak(denied, [sim.tokens.revoked, "token_revoked"]);
    expect(stored(alerts, "Never posted")).toHaveLength(0);
  });

  it("waits out a 429's Retry-After and posts once; fails fast with the wait when it is long", async () => {
    sim.inject({ kind: "ratelimited", retryAfterSeconds: 1 }, { method: "chat.postMessage" });
    const before = posts();
    const started = Date.now();
    const posted = await call(CreateMutation, { input: { text: "After the rate limit" } });
    expect(posted.body.errors).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(posts() - before).toBe(2);
    expect(stored(alerts, "After the rate limit")).toHaveLength(1);

    sim.inject({ kind: "ratelimited", retryAfterSeconds: 30 }, { method: "chat.postMessage" });
    const limitedAt = Date.now();
    const limited = await call(CreateMutation, { input: { text: "Too soon" } });
    expect(Date.now() - limitedAt).toBeLessThan(2_000);
    expect(errorCode(limited)).toBe("PROVIDER_RATE_LIMITED");
    expect(limited.body.errors?.[0]?.extensions?.retryAfterSeconds).toBe(30);
    expect(stored(alerts, "Too soon")).toHaveLength(0);
    expectNoLeak(limited, ["ratelimited", sim.tokens.bot]);
  });

  it("treats Slack's fatal_error as an outage: a read is retried, a post is not resent and fails PROVIDER_UNAVAILABLE", async () => {
    const histories = () => sim.state.requests.filter((request) => request.method === "conversations.history").length;
    sim.inject({ kind: "error", error: "fatal_error" }, { method: "conversations.history" });
    const readsBefore = histories();
    const read = await call(NotificationQuery, { id: `${alerts}:1714460300.000500` });
    expect(read.body.errors).toBeUndefined();
    expect(histories() - readsBefore).toBe(2);

    sim.inject({ kind: "error", error: "fatal_error", applied: true }, { method: "chat.postMessage" });
    const before = posts();
    const failed = await call(CreateMutation, { input: { text: "Posted as Slack failed" } });
    expect(errorCode(failed)).toBe("PROVIDER_UNAVAILABLE");
    expectNoLeak(failed, ["fatal_error", sim.tokens.bot]);
    expect(posts() - before).toBe(1);
    expect(stored(alerts, "Posted as Slack failed")).toHaveLength(1);
  });
});
