/** Pure pieces on documented Slack payloads: the normaliser, message ids, `ts` handling and the error table. */
import { describe, expect, it } from "vitest";
import { reportsSlackOutage, toSlackError } from "../../../providers/slack/errors.ts";
import { parseMessageId, toMessageId, tsToIso } from "../../../providers/slack/message-id.ts";
import { toNotificationMessage } from "../../../providers/slack/normalise.ts";
import { SlackEnvelope, SlackHistoryResult, SlackPostMessageResult, SlackUpdateResult } from "../../../providers/slack/payloads.ts";
import { slackResponse } from "../../fixtures/slack/index.ts";

describe("toNotificationMessage", () => {
  it("maps a chat.postMessage answer, keeping ts as the string id inside the unified id", () => {
    const answer = SlackPostMessageResult.parse(slackResponse("chat.postMessage"));
    expect(toNotificationMessage(answer.channel, answer.message)).toEqual({
      id: "C0ALERTS001:1714462000.001000",
      channel: "C0ALERTS001",
      text: "Disk 85% full on db-1",
      createdAt: "2024-04-30T07:26:40.001Z",
      updatedAt: null,
      raw: answer.message,
    });
  });

  it("takes updatedAt from `edited.ts`, and leaves it null on a message never edited", () => {
    const [edited] = SlackHistoryResult.parse(slackResponse("conversations.history")).messages;
    expect(toNotificationMessage("C0ALERTS001", edited!)).toMatchObject({ createdAt: "2024-04-30T06:58:20.000Z", updatedAt: "2024-04-30T07:00:00.000Z" });
  });

  it("reads chat.update's partial `message` (no ts, no type), with ts and text from beside it", () => {
    const answer = SlackUpdateResult.parse(slackResponse("chat.update"));
    expect(answer.message).not.toHaveProperty("ts");
    const message = toNotificationMessage(answer.channel, { type: "message", ...answer.message, ts: answer.ts, text: answer.text });
    expect(message).toMatchObject({ id: "C0ALERTS001:1714462000.001000", text: "Disk 85% full on db-1 (acknowledged)" });
  });

  it("refuses a message whose ts is a number, as a float would lose the id", () => {
    const answer = slackResponse("chat.postMessage");
    (answer.message as Record<string, unknown>).ts = 1714462000.001;
    expect(SlackPostMessageResult.safeParse(answer).success).toBe(false);
  });
});

describe("message ids", () => {
  it("round-trips channel and ts, keeping trailing zeros a float would drop", () => {
    const id = toMessageId({ channel: "G0PRIVATE01", ts: "1714461000.000700" });
    expect(id).toBe("G0PRIVATE01:1714461000.000700");
    expect(parseMessageId(id)).toEqual({ channel: "G0PRIVATE01", ts: "1714461000.000700" });
  });

  it.each(["C0ALERTS001", "C0ALERTS001:1714461000.0007", "C0ALERTS001:1714461000.000700:x", "c0alerts001:1714461000.000700", "C0ALERTS001:1714461000.000700&channel=C1", "#alerts:1714461000.000700", ""])(
    "refuses %j as BAD_USER_INPUT",
    (id) => {
      expect(() => parseMessageId(id)).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT" }));
    },
  );

  it("turns a ts into an ISO instant without going through a float", () => {
    expect(tsToIso("1503435956.000247")).toBe("2017-08-22T21:05:56.000Z");
    expect(tsToIso("1503435956.999999")).toBe("2017-08-22T21:05:56.999Z");
  });
});

describe("toSlackError", () => {
  const context = { action: "post the message", subject: "channel C0ALERTS001" };

  it.each([
    ["invalid_auth", "PROVIDER_UNAUTHORIZED"],
    ["not_authed", "PROVIDER_UNAUTHORIZED"],
    ["account_inactive", "PROVIDER_UNAUTHORIZED"],
    ["token_revoked", "PROVIDER_UNAUTHORIZED"],
    ["missing_scope", "PROVIDER_UNAUTHORIZED"],
    ["channel_not_found", "NOT_FOUND"],
    ["message_not_found", "NOT_FOUND"],
    ["not_in_channel", "BAD_USER_INPUT"],
    ["no_text", "BAD_USER_INPUT"],
    ["msg_too_long", "BAD_USER_INPUT"],
    ["cant_update_message", "BAD_USER_INPUT"],
    ["invalid_arguments", "BAD_USER_INPUT"],
    ["ratelimited", "PROVIDER_RATE_LIMITED"],
    ["fatal_error", "PROVIDER_UNAVAILABLE"],
    ["internal_error", "PROVIDER_UNAVAILABLE"],
    ["service_unavailable", "PROVIDER_UNAVAILABLE"],
    ["request_timeout", "PROVIDER_ERROR"],
    ["some_future_code", "PROVIDER_ERROR"],
  ])("maps %s to %s, keeping the code only as providerCode", (error, code) => {
    const mapped = toSlackError(error, context);
    expect(mapped).toMatchObject({ code, details: { providerCode: error } });
    expect(mapped.message).not.toContain(error);
  });

  it("tells the shared client which answers are outages on Slack's side: only the ok:false ones mapped to PROVIDER_UNAVAILABLE", () => {
    for (const error of ["fatal_error", "internal_error", "service_unavailable"]) expect(reportsSlackOutage({ ok: false, error })).toBe(true);
    for (const body of [{ ok: false, error: "request_timeout" }, { ok: false, error: "channel_not_found" }, { ok: false }, { ok: true, error: "fatal_error" }, "fatal_error", null]) {
      expect(reportsSlackOutage(body)).toBe(false);
    }
  });

  it("names the missing scope, but drops anything that is not a scope name", () => {
    const envelope = SlackEnvelope.parse(slackResponse("error.missing_scope"));
    expect(toSlackError(envelope.error, context, envelope.needed).message).toBe("The Slack token lacks a scope needed to post the message (channels:history)");
    expect(toSlackError("missing_scope", context, "<script>").message).not.toContain("script");
  });

  it("does not treat inherited object keys as known codes, nor repeat a code that is not one", () => {
    expect(toSlackError("constructor", context).code).toBe("PROVIDER_ERROR");
    expect(toSlackError("Bad Code! xoxb-secret", context).details).not.toHaveProperty("providerCode");
    expect(toSlackError(undefined, context)).toMatchObject({ code: "PROVIDER_ERROR", message: "Slack failed to post the message" });
  });
});
