/**
 * The official @slack/web-api WebClient, pointed at the simulator, must get answers it can use and see
 * Slack's failures as Slack's own client does: this keeps the simulator honest about the wire format.
 */
import { ErrorCode, LogLevel, WebClient } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlackAuthTestResult, SlackDeleteResult, SlackHistoryResult, SlackPostMessageResult, SlackUpdateResult } from "../../../providers/slack/payloads.ts";
import { type SlackSimulator, startSlackSimulator } from "../../simulators/slack/index.ts";

let sim: SlackSimulator;
let client: WebClient;

beforeAll(async () => {
  sim = await startSlackSimulator();
  client = new WebClient(sim.tokens.bot, { slackApiUrl: `${sim.apiUrl}/`, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logLevel: LogLevel.ERROR });
});
afterAll(() => sim.close());

const caught = (promise: Promise<unknown>) => promise.then(() => expect.fail("expected the SDK to throw"), (error: unknown) => error as Record<string, unknown>);

describe("WebClient against the simulator", () => {
  it("calls auth.test with the token in the Authorization header of a form post", async () => {
    const result = await client.auth.test();
    expect(SlackAuthTestResult.safeParse(result).success).toBe(true);
    expect(result).toMatchObject({ ok: true, user_id: "U0BOT12345", bot_id: "B0BOT67890", team_id: "T0A1B2C3D4" });
    expect(sim.state.requests.at(-1)).toMatchObject({ httpMethod: "POST", contentType: "application/x-www-form-urlencoded", tokenFrom: "header" });
    // The SDK reads granted scopes from the x-oauth-scopes header.
    expect(result.response_metadata?.scopes).toContain("chat:write");
  });

  it("posts, replies in a thread, updates and deletes, each answer parsing with our schemas", async () => {
    const posted = await client.chat.postMessage({ channel: "C0ALERTS001", text: "Posted by WebClient" });
    expect(SlackPostMessageResult.safeParse(posted).success).toBe(true);
    expect(typeof posted.ts).toBe("string");
    expect(posted.message).toMatchObject({ type: "message", bot_id: "B0BOT67890", text: "Posted by WebClient" });

    const reply = await client.chat.postMessage({ channel: "C0ALERTS001", text: "In the thread", thread_ts: posted.ts! });
    expect(reply.message?.thread_ts).toBe(posted.ts);
    const thread = await client.conversations.replies({ channel: "C0ALERTS001", ts: posted.ts! });
    expect(SlackHistoryResult.safeParse(thread).success).toBe(true);
    expect(thread.messages?.map((message) => message.text)).toEqual(["Posted by WebClient", "In the thread"]);
    expect(thread.messages?.[0]).toMatchObject({ reply_count: 1, latest_reply: reply.ts });

    const updated = await client.chat.update({ channel: "C0ALERTS001", ts: reply.ts!, text: "Edited in the thread" });
    expect(SlackUpdateResult.safeParse(updated).success).toBe(true);
    expect(updated).toMatchObject({ channel: "C0ALERTS001", ts: reply.ts, text: "Edited in the thread" });

    const deleted = await client.chat.delete({ channel: "C0ALERTS001", ts: reply.ts! });
    expect(SlackDeleteResult.safeParse(deleted).success).toBe(true);
    const after = await client.conversations.replies({ channel: "C0ALERTS001", ts: posted.ts! });
    expect(after.messages).toHaveLength(1);
  });

  it("pages conversations.history newest first, stopping on an empty next_cursor", async () => {
    const pages: string[][] = [];
    for await (const page of client.paginate("conversations.history", { channel: "C0ALERTS001", limit: 2, latest: "1714460300.000500", inclusive: true })) {
      pages.push(SlackHistoryResult.parse(page).messages.map((message) => message.ts));
    }
    // Thread replies stay out of history; three top-level messages make two pages.
    expect(pages).toEqual([["1714460300.000500", "1714460100.000200"], ["1714460000.000100"]]);
  });

  it("treats HTTP 200 with ok:false as a platform error carrying Slack's code", async () => {
    const error = await caught(client.chat.postMessage({ channel: "C0NOSUCH001", text: "x" }));
    expect(error.code).toBe(ErrorCode.PlatformError);
    expect(error.data).toMatchObject({ ok: false, error: "channel_not_found" });
    const scope = await caught(new WebClient(sim.tokens.writeOnly, { slackApiUrl: `${sim.apiUrl}/`, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR }).conversations.history({ channel: "C0ALERTS001" }));
    expect(scope.data).toMatchObject({ error: "missing_scope", needed: "channels:history", provided: "chat:write" });
  });

  it("reads Retry-After on a 429 and rejects with a rate-limited error", async () => {
    sim.inject({ kind: "ratelimited", retryAfterSeconds: 7 }, { method: "chat.postMessage" });
    const error = await caught(client.chat.postMessage({ channel: "C0ALERTS001", text: "x" }));
    expect(error).toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 7 });
  });
});
