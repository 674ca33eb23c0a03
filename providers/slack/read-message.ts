/**
 * Reads one message by channel and `ts`. Slack has no "get message" method: channel history holds
 * top-level messages, and thread replies are only in conversations.replies.
 */
import type { NotificationMessage } from "../types.ts";
import { ProviderError } from "../types.ts";
import type { SlackClient } from "./client.ts";
import type { SlackMessageRef } from "./message-id.ts";
import { toNotificationMessage } from "./normalise.ts";
import { SlackHistoryResult } from "./payloads.ts";

export async function findMessage(client: SlackClient, ref: SlackMessageRef): Promise<NotificationMessage> {
  const { channel, ts } = ref;
  const context = { operation: "notifications_get_message", kind: "read", action: "read the message", subject: `message ${ts} in channel ${channel}` } as const;
  // The newest message at or before `ts` is the one asked for, if it is a top-level message.
  const history = await client.call({ ...context, method: "conversations.history", args: { channel, latest: ts, inclusive: true, limit: 1 } }, SlackHistoryResult);
  const top = history.messages.find((message) => message.ts === ts);
  if (top) return toNotificationMessage(channel, top);
  // A reply: Slack puts the thread's parent first, then replies from `oldest` on, so two suffice.
  const thread = await client.call({ ...context, method: "conversations.replies", args: { channel, ts, oldest: ts, inclusive: true, limit: 2 } }, SlackHistoryResult);
  const reply = thread.messages.find((message) => message.ts === ts);
  if (reply) return toNotificationMessage(channel, reply);
  throw new ProviderError("NOT_FOUND", `Slack has no ${context.subject}, or the bot cannot see it`);
}
