/** conversations.history and conversations.replies: `ts` windows, `inclusive`, `limit`, cursors in `response_metadata`. */
import type { MethodContext } from "./chat.ts";
import type { SimChannel, SimMessage, SlackSimState } from "./state.ts";
import { fail, flag, ok, type SlackAnswer, str } from "./wire.ts";

type Window = { oldest: bigint; latest: bigint; inclusive: boolean };

/** `1714460100.000200` or `1714460100` → microseconds; null when Slack would refuse it. */
function micros(value: string): bigint | null {
  const match = /^(\d{1,10})(?:\.(\d{1,6}))?$/.exec(value);
  return match ? BigInt(match[1]!) * 1_000_000n + BigInt((match[2] ?? "").padEnd(6, "0")) : null;
}

const cursorFor = (ts: string) => Buffer.from(`next_ts:${ts}`).toString("base64");
const cursorTs = (cursor: string) => /^next_ts:(\d{10}\.\d{6})$/.exec(Buffer.from(cursor, "base64").toString("utf8"))?.[1];

function windowOf(args: Record<string, unknown>): Window | string {
  const oldest = micros(str(args.oldest) ?? "0");
  if (oldest === null) return "invalid_ts_oldest";
  const latestArg = str(args.latest);
  const latest = latestArg === undefined ? BigInt(Number.MAX_SAFE_INTEGER) * 1000n : micros(latestArg);
  if (latest === null) return "invalid_ts_latest";
  return { oldest, latest, inclusive: flag(args.inclusive) };
}

function inWindow(message: SimMessage, { oldest, latest, inclusive }: Window): boolean {
  const at = micros(message.ts)!;
  return inclusive ? at >= oldest && at <= latest : at > oldest && at < latest;
}

function limitOf(args: Record<string, unknown>, fallback: number): number {
  const limit = Number(str(args.limit) ?? fallback);
  return Number.isInteger(limit) && limit > 0 ? Math.min(limit, 999) : fallback;
}

/** The channel, if the token may read it; otherwise the error Slack gives. */
export function readable(state: SlackSimState, scopes: string[], args: Record<string, unknown>): SimChannel | SlackAnswer {
  const channel = state.channel(str(args.channel) ?? "");
  if (!channel) return fail("channel_not_found");
  const needed = channel.id.startsWith("D") ? "im:history" : channel.is_private ? "groups:history" : "channels:history";
  if (!scopes.includes(needed)) return fail("missing_scope", { needed, provided: scopes.join(",") });
  return channel.is_member ? channel : fail("not_in_channel");
}

export function history({ state, args }: MethodContext, channel: SimChannel): SlackAnswer {
  const window = windowOf(args);
  if (typeof window === "string") return fail(window);
  const cursor = str(args.cursor);
  const after = cursor ? cursorTs(cursor) : undefined;
  if (cursor && !after) return fail("invalid_cursor");
  const topLevel = (state.messages.get(channel.id) ?? [])
    .filter((message) => !message.thread_ts || message.thread_ts === message.ts || message.subtype === "thread_broadcast")
    .filter((message) => inWindow(message, window) && (!after || micros(message.ts)! < micros(after)!))
    .sort((a, b) => (micros(b.ts)! > micros(a.ts)! ? 1 : -1));
  const page = topLevel.slice(0, limitOf(args, 100));
  const hasMore = topLevel.length > page.length;
  return ok({
    messages: page,
    has_more: hasMore,
    pin_count: 0,
    channel_actions_ts: null,
    channel_actions_count: 0,
    ...(hasMore ? { response_metadata: { next_cursor: cursorFor(page.at(-1)!.ts) } } : {}),
  });
}

export function replies({ state, args }: MethodContext, channel: SimChannel): SlackAnswer {
  const found = state.find(channel.id, str(args.ts) ?? "");
  if (!found) return fail("thread_not_found");
  const parent = found.thread_ts && found.thread_ts !== found.ts ? state.find(channel.id, found.thread_ts) : found;
  if (!parent) return fail("thread_not_found");
  const window = windowOf(args);
  if (typeof window === "string") return fail(window);
  const cursor = str(args.cursor);
  const after = cursor ? cursorTs(cursor) : undefined;
  if (cursor && !after) return fail("invalid_cursor");
  const thread = (state.messages.get(channel.id) ?? [])
    .filter((message) => message.thread_ts === parent.ts && message.ts !== parent.ts)
    .filter((message) => inWindow(message, window) && (!after || micros(message.ts)! > micros(after)!));
  // The parent always comes first and counts towards `limit`.
  const page = thread.slice(0, Math.max(0, limitOf(args, 1000) - 1));
  const hasMore = thread.length > page.length;
  return ok({
    messages: [parent, ...page],
    has_more: hasMore,
    ...(hasMore ? { response_metadata: { next_cursor: cursorFor((page.at(-1) ?? parent).ts) } } : {}),
  });
}
