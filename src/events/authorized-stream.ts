/**
 * Subscriptions that stay authorized: events come only from the subscriber's organization topic,
 * each one is checked against the token's reach, and the token itself is re-checked on every event
 * and every two seconds (one shared timer, see token-watch.ts). A revoked or expired token ends
 * the stream (SSE) or closes the WebSocket with 4403.
 */
import { Repeater } from "@graphql-yoga/subscription";
import type { Context } from "../context.ts";
import type { BusEvents } from "./bus.ts";
import { tokenStillGood, watchToken } from "./token-watch.ts";

/** Whether the viewer may see an event about this account and integration at all. */
export function withinReach(context: Context, event: { accountId: string; integrationId: string; organizationId: string }): boolean {
  const { viewer } = context;
  if (viewer.kind === "anonymous" || event.organizationId !== viewer.organizationId) return false;
  if (viewer.kind === "integration") return event.integrationId === viewer.integrationId;
  return viewer.accountIds === null || viewer.accountIds.includes(event.accountId);
}

export function authorizedStream<K extends "status-changed" | "status-event">(
  context: Context,
  topic: K,
  matches: (event: BusEvents[K][1]) => boolean,
): AsyncIterable<BusEvents[K][1]> {
  const { viewer, services } = context;
  if (viewer.kind === "anonymous") throw new Error("authorizedStream needs an authenticated viewer");
  const subscribe = services.bus.subscribe as (topic: K, id: string) => AsyncIterableIterator<BusEvents[K][1]>;
  const source = subscribe(topic, viewer.organizationId);

  return new Repeater<BusEvents[K][1]>(async (push, stop) => {
    let ended = false;
    const revoke = () => {
      if (ended) return;
      ended = true;
      context.closeConnection?.(4403, "Forbidden: token revoked or expired");
      stop();
    };
    const unwatch = watchToken(services.liveness, viewer, revoke);
    stop.then(() => {
      ended = true;
      unwatch();
      void source.return?.();
    });
    for await (const event of source) {
      if (ended) break;
      if (!(await tokenStillGood(services.liveness, viewer))) {
        revoke();
        break;
      }
      if (withinReach(context, event) && matches(event)) await push(event);
    }
    stop();
  });
}
