/** The Slack adapter end to end against the simulator, through the shared HTTP client: every operation, and how it fails. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { slackProvider } from "../../../providers/slack/index.ts";
import { startSlackHarness, type SlackHarness, testDeps, transport } from "./harness.ts";

let h: SlackHarness;

beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(() => h.sim.close());
beforeEach(() => {
  h.sim.state.requests.length = 0;
});

const failure = (promise: Promise<unknown>) => promise.then(() => expect.fail("expected a ProviderError"), (error: unknown) => error);

describe("operations", () => {
  it("verifies the token with auth.test", async () => {
    await expect(h.adapter.verify()).resolves.toBeUndefined();
    expect(h.sim.state.requests).toMatchObject([{ method: "auth.test", httpMethod: "GET", tokenFrom: "header" }]);
  });

  it("posts to the configured channel as a JSON POST with the token in the header, and reads it back", async () => {
    const posted = await h.adapter.createMessage({ text: "Disk 85% full on db-1" });
    expect(posted).toMatchObject({ channel: "C0ALERTS001", text: "Disk 85% full on db-1", updatedAt: null });
    expect(posted.id).toMatch(/^C0ALERTS001:\d{10}\.\d{6}$/);
    expect(h.sim.state.requests[0]).toMatchObject({
      method: "chat.postMessage",
      httpMethod: "POST",
      contentType: "application/json; charset=utf-8",
      tokenFrom: "header",
      args: { channel: "C0ALERTS001", text: "Disk 85% full on db-1" },
    });
    await expect(h.adapter.getMessage(posted.id)).resolves.toMatchObject({ id: posted.id, text: "Disk 85% full on db-1", createdAt: posted.createdAt });
  });

  it("posts to a channel named in the input, and into a thread by its parent's id", async () => {
    const parent = await h.adapter.createMessage({ text: "Incident 42 opened", channel: "G0PRIVATE01" });
    const reply = await h.adapter.createMessage({ text: "Paged the on-call", channel: "G0PRIVATE01", threadId: parent.id });
    expect(reply.channel).toBe("G0PRIVATE01");
    expect(reply.raw).toMatchObject({ thread_ts: parent.id.split(":")[1] });
  });

  it("replies in the parent's channel when only the thread is named, and takes a bare ts in the configured channel", async () => {
    const reply = await h.adapter.createMessage({ text: "Key rotated", threadId: "G0PRIVATE01:1714461000.000700" });
    expect(reply.channel).toBe("G0PRIVATE01");
    const bare = await h.adapter.createMessage({ text: "Still hot", threadId: "1714460100.000200" });
    expect(bare).toMatchObject({ channel: "C0ALERTS001", raw: { thread_ts: "1714460100.000200" } });
  });

  it("reads a top-level message through history and a thread reply through replies", async () => {
    await expect(h.adapter.getMessage("C0ALERTS001:1714460300.000500")).resolves.toMatchObject({
      text: "Nightly backup finished in 14 min",
      updatedAt: "2024-04-30T07:00:00.000Z",
    });
    expect(h.sim.state.requests.map((request) => request.method)).toEqual(["conversations.history"]);
    expect(h.sim.state.requests[0]?.args).toEqual({ channel: "C0ALERTS001", latest: "1714460300.000500", inclusive: "true", limit: "1" });

    await expect(h.adapter.getMessage("C0ALERTS001:1714460160.000300")).resolves.toMatchObject({ text: "Looking into it" });
    expect(h.sim.state.requests.map((request) => request.method)).toEqual(["conversations.history", "conversations.history", "conversations.replies"]);
  });

  it("updates a message; chat.update does not say when, so updatedAt appears on the next read", async () => {
    const posted = await h.adapter.createMessage({ text: "Deploy started" });
    const updated = await h.adapter.updateMessage(posted.id, "Deploy finished");
    expect(updated).toMatchObject({ id: posted.id, text: "Deploy finished", createdAt: posted.createdAt, updatedAt: null });
    expect(h.sim.state.requests.at(-1)).toMatchObject({ method: "chat.update", httpMethod: "POST", args: { channel: "C0ALERTS001", text: "Deploy finished" } });
    const read = await h.adapter.getMessage(posted.id);
    expect(read.text).toBe("Deploy finished");
    expect(read.updatedAt).toEqual(expect.any(String));
  });

  it("deletes a message, after which it is NOT_FOUND", async () => {
    const posted = await h.adapter.createMessage({ text: "Temporary notice" });
    await expect(h.adapter.clearMessage(posted.id)).resolves.toBeUndefined();
    await expect(failure(h.adapter.getMessage(posted.id))).resolves.toMatchObject({ code: "NOT_FOUND" });
    await expect(failure(h.adapter.clearMessage(posted.id))).resolves.toMatchObject({ code: "NOT_FOUND", details: { providerCode: "message_not_found" } });
  });
});

describe("Slack's ok:false answers (HTTP 200)", () => {
  it.each([
    ["an unknown channel", { text: "x", channel: "C0NOSUCH001" }, "NOT_FOUND", "channel_not_found"],
    ["a channel the bot is not in", { text: "x", channel: "C0GENERAL01" }, "BAD_USER_INPUT", "not_in_channel"],
    ["an archived channel", { text: "x", channel: "C0ARCHIVE01" }, "BAD_USER_INPUT", "is_archived"],
    ["empty text", { text: "" }, "BAD_USER_INPUT", "no_text"],
    ["text over 40,000 characters", { text: "a".repeat(40_001) }, "BAD_USER_INPUT", "msg_too_long"],
  ])("refuses a post to %s", async (_case, input, code, providerCode) => {
    await expect(failure(h.adapter.createMessage(input))).resolves.toMatchObject({ name: "ProviderError", code, details: { providerCode } });
  });

  it("refuses to update or delete a message the bot did not post", async () => {
    await expect(failure(h.adapter.updateMessage("C0ALERTS001:1714460000.000100", "hijack"))).resolves.toMatchObject({ code: "BAD_USER_INPUT", details: { providerCode: "cant_update_message" } });
    await expect(failure(h.adapter.clearMessage("C0ALERTS001:1714460000.000100"))).resolves.toMatchObject({ code: "BAD_USER_INPUT", details: { providerCode: "cant_delete_message" } });
  });

  it("maps bad, revoked and under-scoped tokens to PROVIDER_UNAUTHORIZED, without echoing the token", async () => {
    const bad = await failure(h.adapterWith({ channel: "C0ALERTS001" }, "xoxb-not-a-real-token").verify());
    expect(bad).toMatchObject({ code: "PROVIDER_UNAUTHORIZED", details: { providerCode: "invalid_auth" } });
    expect((bad as Error).message).not.toContain("xoxb");
    await expect(failure(h.adapterWith({}, h.sim.tokens.revoked).verify())).resolves.toMatchObject({ code: "PROVIDER_UNAUTHORIZED", details: { providerCode: "token_revoked" } });
    const scope = await failure(h.adapterWith({}, h.sim.tokens.writeOnly).getMessage("C0ALERTS001:1714460300.000500"));
    expect(scope).toMatchObject({ code: "PROVIDER_UNAUTHORIZED", message: expect.stringContaining("(channels:history)") });
  });

  it("maps an unknown code to PROVIDER_ERROR with our own message", async () => {
    h.sim.inject({ kind: "error", error: "some_future_code" }, { method: "chat.postMessage" });
    await expect(failure(h.adapter.createMessage({ text: "x" }))).resolves.toMatchObject({ code: "PROVIDER_ERROR", message: "Slack failed to post the message" });
  });
});

describe("Slack's own outages, reported as HTTP 200 ok:false", () => {
  const calls = (method: string) => h.sim.state.requests.filter((request) => request.method === method);

  it("retries a read that Slack failed on its side, and returns the next answer", async () => {
    h.sim.inject({ kind: "error", error: "internal_error" }, { method: "conversations.history" });
    await expect(h.adapter.getMessage("C0ALERTS001:1714460300.000500")).resolves.toMatchObject({ text: "Nightly backup finished in 14 min" });
    expect(calls("conversations.history")).toHaveLength(2);
  });

  it("does not resend a post after fatal_error, since part of it may have happened, and says PROVIDER_UNAVAILABLE in our words", async () => {
    h.sim.inject({ kind: "error", error: "fatal_error", applied: true }, { method: "chat.postMessage" });
    const error = await failure(h.adapter.createMessage({ text: "Posted during an outage" }));
    expect(error).toMatchObject({ code: "PROVIDER_UNAVAILABLE", details: { httpStatus: 200 } });
    expect((error as Error).message).not.toContain("fatal_error");
    expect(calls("chat.postMessage")).toHaveLength(1);
    expect(h.sim.state.messages.get("C0ALERTS001")?.filter((message) => message.text === "Posted during an outage")).toHaveLength(1);
  });

  it("fails a read with PROVIDER_UNAVAILABLE once the retries are spent", async () => {
    h.sim.inject({ kind: "error", error: "service_unavailable" }, { method: "conversations.history", times: 3 });
    await expect(failure(h.adapter.getMessage("C0ALERTS001:1714460300.000500"))).resolves.toMatchObject({ code: "PROVIDER_UNAVAILABLE" });
    expect(calls("conversations.history")).toHaveLength(3);
  });

  it("does not take request_timeout for an outage: Slack sends it for truncated POST data, so it is not retried", async () => {
    h.sim.inject({ kind: "error", error: "request_timeout" }, { method: "conversations.history" });
    await expect(failure(h.adapter.getMessage("C0ALERTS001:1714460300.000500"))).resolves.toMatchObject({ code: "PROVIDER_ERROR", details: { providerCode: "request_timeout" } });
    expect(calls("conversations.history")).toHaveLength(1);
  });
});

describe("HTTP-level failures", () => {
  it("waits out a 429 as Retry-After says and then posts once", async () => {
    h.sim.inject({ kind: "ratelimited", retryAfterSeconds: 0 }, { method: "chat.postMessage" });
    await expect(h.adapter.createMessage({ text: "after the limit" })).resolves.toMatchObject({ text: "after the limit" });
    expect(h.sim.state.requests.filter((request) => request.method === "chat.postMessage")).toHaveLength(2);
  });

  it("reports PROVIDER_RATE_LIMITED with retryAfterSeconds when the wait is too long to absorb", async () => {
    h.sim.inject({ kind: "ratelimited", retryAfterSeconds: 30 }, { method: "chat.postMessage" });
    await expect(failure(h.adapter.createMessage({ text: "x" }))).resolves.toMatchObject({ code: "PROVIDER_RATE_LIMITED", details: { httpStatus: 429, retryAfterSeconds: 30 } });
  });

  it("does not resend a chat.postMessage after a 503, since Slack may have posted it", async () => {
    h.sim.inject({ kind: "http", status: 503 }, { method: "chat.postMessage" });
    await expect(failure(h.adapter.createMessage({ text: "x" }))).resolves.toMatchObject({ code: "PROVIDER_UNAVAILABLE" });
    expect(h.sim.state.requests.filter((request) => request.method === "chat.postMessage")).toHaveLength(1);
  });

  it("retries a read after a 503", async () => {
    h.sim.inject({ kind: "http", status: 503 }, { method: "conversations.history" });
    await expect(h.adapter.getMessage("C0ALERTS001:1714460300.000500")).resolves.toMatchObject({ channel: "C0ALERTS001" });
  });
});

describe("input checked before Slack is called", () => {
  it.each([
    ["a malformed message id", () => h.adapter.getMessage("C0ALERTS001:1.5")],
    ["a channel name instead of an id", () => h.adapter.createMessage({ text: "x", channel: "#alerts" })],
    ["a thread in another channel", () => h.adapter.createMessage({ text: "x", channel: "C0ALERTS001", threadId: "G0PRIVATE01:1714461000.000700" })],
    ["a malformed thread id", () => h.adapter.createMessage({ text: "x", threadId: "1714461000.7" })],
    ["no channel at all", () => h.adapterWith({}, h.sim.tokens.bot).createMessage({ text: "x" })],
  ])("refuses %s as BAD_USER_INPUT", async (_case, call) => {
    await expect(failure(call())).resolves.toMatchObject({ code: "BAD_USER_INPUT" });
    expect(h.sim.state.requests).toHaveLength(0);
  });
});

describe("configuration", () => {
  it("accepts GovSlack's base URL and refuses a channel that is not an id", () => {
    expect(slackProvider.configSchema.safeParse({ apiBaseUrl: "https://slack-gov.com/api", channel: "C0ALERTS001" }).success).toBe(true);
    expect(slackProvider.configSchema.safeParse({ channel: "#alerts" }).success).toBe(false);
    expect(slackProvider.configSchema.safeParse({ channels: "C0ALERTS001" }).success).toBe(false);
  });

  it("refuses a non-TOKEN credential, and plain http unless private networks are allowed", () => {
    const config = { apiBaseUrl: h.sim.apiUrl };
    expect(() => slackProvider.createAdapter(config, { type: "SECRET", secret: "x" }, testDeps)).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT" }));
    const strict = { ...testDeps, transport: { ...transport, allowPrivateNetworks: false } };
    expect(() => slackProvider.createAdapter(config, { type: "TOKEN", token: h.sim.tokens.bot }, strict)).toThrow("https");
  });
});
