/**
 * Subscriptions that stay authorized: events come only from the subscriber's organization topic,
 * each one is checked against the token's reach, and the token itself is re-checked on every event
 * and every two seconds (see fan-out.ts and token-watch.ts). A revoked or expired token ends the
 * stream (SSE) or closes the WebSocket with 4403.
 */
import type { Context } from "../context.ts";
import type { BusEvents } from "./bus.ts";
import type { LiveTopic } from "./fan-out.ts";

export function authorizedStream<K extends LiveTopic>(context: Context, topic: K, matches: (event: BusEvents[K][1]) => boolean): AsyncIterableIterator<BusEvents[K][1]> {
  const { viewer, services } = context;
  if (viewer.kind === "anonymous") throw new Error("authorizedStream needs an authenticated viewer");
  let ended = false;
  const end = (code: number, reason: string) => {
    if (ended) return;
    ended = true;
    context.closeConnection?.(code, reason);
    void stream.return?.();
  };
  const stream = services.fanOut.open(topic, {
    viewer,
    matches: matches as (event: BusEvents[LiveTopic][1]) => boolean,
    onRevoked: () => end(4403, "Forbidden: token revoked or expired"),
    // 1013 "try again later": the connection was not reading its events.
    onOverflow: () => end(1013, "Subscriber too slow: events were not read"),
  });
  return stream;
}
