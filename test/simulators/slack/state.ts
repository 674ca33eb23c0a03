/** The simulated workspace: team, bot, tokens and scopes, channels, and each channel's messages in `ts` order. */
import { loadSlackFixture } from "../../fixtures/slack/index.ts";

export interface SimChannel {
  id: string;
  name: string;
  is_private: boolean;
  is_member: boolean;
  is_archived: boolean;
}

/** A stored message, in Slack's wire shape (`objs_message`). */
export interface SimMessage {
  type: "message";
  ts: string;
  text: string;
  user?: string;
  bot_id?: string;
  app_id?: string;
  subtype?: string;
  team?: string;
  thread_ts?: string;
  parent_user_id?: string;
  reply_count?: number;
  reply_users?: string[];
  reply_users_count?: number;
  latest_reply?: string;
  edited?: { user: string; ts: string };
  [extra: string]: unknown;
}

export interface SimToken {
  token: string;
  scopes: string[];
  revoked?: boolean;
}

interface Workspace {
  team: { id: string; name: string; domain: string };
  bot: { user_id: string; name: string; bot_id: string; app_id: string };
  tokens: SimToken[];
  channels: SimChannel[];
  messages: Record<string, SimMessage[]>;
}

/** One request as the simulator saw it, for tests to assert on the adapter's wire behaviour. */
export interface SimRequestRecord {
  method: string;
  httpMethod: string;
  contentType: string | null;
  tokenFrom: "header" | "form" | null;
  args: Record<string, unknown>;
}

export function createSlackSimState(now: () => Date) {
  const seed = loadSlackFixture("workspace") as Workspace;
  const messages = new Map(seed.channels.map((channel) => [channel.id, [...(seed.messages[channel.id] ?? [])]]));
  let lastMicros = 0n;
  return {
    team: seed.team,
    bot: seed.bot,
    tokens: seed.tokens,
    channels: seed.channels,
    messages,
    requests: [] as SimRequestRecord[],
    /** A fresh `ts`: the clock in microseconds, nudged forward so two messages never share one. */
    nextTs(): string {
      const micros = BigInt(now().getTime()) * 1000n;
      lastMicros = micros > lastMicros ? micros : lastMicros + 1n;
      const text = lastMicros.toString().padStart(16, "0");
      return `${text.slice(0, -6)}.${text.slice(-6)}`;
    },
    channel(id: string): SimChannel | undefined {
      return seed.channels.find((channel) => channel.id === id);
    },
    /** chat.postMessage also takes a channel name, with or without `#`. */
    channelByIdOrName(value: string): SimChannel | undefined {
      const name = value.replace(/^#/, "");
      return seed.channels.find((channel) => channel.id === value || channel.name === name);
    },
    find(channelId: string, ts: string): SimMessage | undefined {
      return messages.get(channelId)?.find((message) => message.ts === ts);
    },
  };
}

export type SlackSimState = ReturnType<typeof createSlackSimState>;
