/** The unified notifications connector over Slack: post, read, update and delete one message. */
import { type NotificationInput, type NotificationsAdapter, ProviderError } from "../types.ts";
import type { SlackClient } from "./client.ts";
import type { SlackConfig } from "./config.ts";
import { slackFacts } from "./descriptor.ts";
import { assertChannelId, parseMessageId, type SlackMessageRef } from "./message-id.ts";
import { toNotificationMessage } from "./normalise.ts";
import { SlackAuthTestResult, SlackDeleteResult, SlackPostMessageResult, SlackUpdateResult } from "./payloads.ts";
import { findMessage } from "./read-message.ts";

export function createSlackAdapter(client: SlackClient, config: SlackConfig): NotificationsAdapter {
  return {
    async verify() {
      await client.call(
        { operation: "notifications_verify", method: "auth.test", args: {}, kind: "read", action: "check the token", subject: "workspace" },
        SlackAuthTestResult,
      );
    },

    async createMessage(input) {
      const { channel, threadTs } = target(input, config);
      const answer = await client.call(
        {
          operation: "notifications_create_message",
          method: "chat.postMessage",
          args: { channel, text: input.text, thread_ts: threadTs },
          kind: "write",
          action: "post the message",
          subject: `channel ${channel}`,
        },
        SlackPostMessageResult,
      );
      return toNotificationMessage(answer.channel, answer.message);
    },

    async getMessage(id) {
      return findMessage(client, parseMessageId(id));
    },

    async updateMessage(id, text) {
      const { channel, ts } = parseMessageId(id);
      const answer = await client.call(
        { operation: "notifications_update_message", method: "chat.update", args: { channel, ts, text }, kind: "write", ...about({ channel, ts }, "update the message") },
        SlackUpdateResult,
      );
      // chat.update answers with a partial message; its `ts` and `text` sit beside it.
      return toNotificationMessage(answer.channel, { type: "message", ...answer.message, ts: answer.ts, text: answer.text });
    },

    async clearMessage(id) {
      const ref = parseMessageId(id);
      await client.call(
        { operation: "notifications_clear_message", method: "chat.delete", args: { ...ref }, kind: "write", ...about(ref, "delete the message") },
        SlackDeleteResult,
      );
    },
  };
}

function about({ channel, ts }: SlackMessageRef, action: string) {
  return { action, subject: `message ${ts} in channel ${channel}` };
}

/**
 * Where a message goes: the input's channel, else its thread parent's, else the configured one.
 * A thread is named by its parent: a unified message id (which carries the channel) or a bare `ts`.
 */
function target(input: NotificationInput, config: SlackConfig): { channel: string; threadTs: string | undefined } {
  const threadId = input.threadId ?? "";
  const parent = threadId === "" || slackFacts.ts.test(threadId) ? null : parseMessageId(threadId);
  const channel = input.channel ?? parent?.channel ?? config.channel;
  if (!channel) throw new ProviderError("BAD_USER_INPUT", "Name a Slack channel, or configure a default channel on the integration");
  if (parent && parent.channel !== channel) throw new ProviderError("BAD_USER_INPUT", "A Slack reply must go to its thread's channel");
  return { channel: assertChannelId(channel), threadTs: parent?.ts ?? (threadId === "" ? undefined : threadId) };
}
