/** The unified message id `<channel>:<ts>`: Slack names a message by its channel and its `ts` string together. */
import { ProviderError } from "../types.ts";
import { slackFacts } from "./descriptor.ts";

export interface SlackMessageRef {
  channel: string;
  ts: string;
}

export function toMessageId(ref: SlackMessageRef): string {
  return `${ref.channel}:${ref.ts}`;
}

/** Strict: exactly one channel id and one `ts`, so a crafted id cannot smuggle other arguments to Slack. */
export function parseMessageId(id: string): SlackMessageRef {
  const [channel, ts, ...rest] = id.split(":");
  if (rest.length > 0 || !channel || !ts || !slackFacts.channelId.test(channel) || !slackFacts.ts.test(ts)) {
    throw new ProviderError("BAD_USER_INPUT", "That is not a Slack message id; expected <channel id>:<ts>, e.g. C0123456789:1503435956.000247");
  }
  return { channel, ts };
}

export function assertChannelId(channel: string): string {
  if (!slackFacts.channelId.test(channel)) {
    throw new ProviderError("BAD_USER_INPUT", "That is not a Slack channel id; expected one like C0123456789");
  }
  return channel;
}

/** `1503435956.000247` → `2017-08-22T21:05:56.000Z`; microseconds beyond the millisecond are dropped, only for display. */
export function tsToIso(ts: string): string {
  const [seconds = "0", micros = "0"] = ts.split(".");
  return new Date(Number(seconds) * 1000 + Math.floor(Number(micros) / 1000)).toISOString();
}
