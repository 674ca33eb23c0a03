/** Slack message payloads into the unified NotificationMessage; pure, no I/O and no clock. */
import type { NotificationMessage } from "../types.ts";
import { toMessageId, tsToIso } from "./message-id.ts";
import type { SlackMessage } from "./payloads.ts";

/**
 * Slack messages do not carry their channel, so the caller passes the one it asked about (or the
 * one Slack answered with). `updatedAt` is when the message was last edited, null if never.
 */
export function toNotificationMessage(channel: string, message: SlackMessage): NotificationMessage {
  return {
    id: toMessageId({ channel, ts: message.ts }),
    channel,
    text: message.text,
    createdAt: tsToIso(message.ts),
    updatedAt: message.edited ? tsToIso(message.edited.ts) : null,
    raw: message,
  };
}
