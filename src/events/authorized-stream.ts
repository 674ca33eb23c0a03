/**
 * Subscriptions that stay authorized: events come only from the subscriber's organization topic,
 * each one is checked against the token's reach, and the token itself is re-checked on every event
 * and every two seconds (see fan-out.ts and token-watch.ts). A revoked or expired token ends the
 * stream (SSE) or closes the WebSocket with 4403.
 */
import type { IntegrationViewer, OrganizationViewer } from "../auth/viewer.ts";
import type { Context } from "../context.ts";
import type { BusEvents } from "./bus.ts";
import type { Audience, LiveTopic } from "./fan-out.ts";

/** A subscription's optional narrowing to one account or integration (null: no narrowing). */
export interface Narrowing {
  accountId: string | null;
  integrationId: string | null;
}

/** A class, not closures: an idle subscription holds one, and a gateway holds thousands. */
class AuthorizedAudience implements Audience {
  #stream: AsyncIterableIterator<unknown> | null = null;
  #ended = false;
  readonly integrationId: string | null;

  constructor(
    readonly viewer: OrganizationViewer | IntegrationViewer,
    private readonly narrowing: Narrowing,
    private readonly context: Context,
  ) {
    this.integrationId = viewer.kind === "integration" ? viewer.integrationId : narrowing.integrationId;
  }

  attach(stream: AsyncIterableIterator<unknown>) {
    this.#stream = stream;
  }

  matches(event: { accountId: string; integrationId: string }): boolean {
    const { accountId, integrationId } = this.narrowing;
    return (!accountId || event.accountId === accountId) && (!integrationId || event.integrationId === integrationId);
  }

  onRevoked(): void {
    this.end(4403, "Forbidden: token revoked or expired");
  }

  onOverflow(): void {
    // 1013 "try again later": the connection was not reading its events.
    this.end(1013, "Subscriber too slow: events were not read");
  }

  private end(code: number, reason: string): void {
    if (this.#ended) return;
    this.#ended = true;
    this.context.connection?.close(code, reason);
    void this.#stream?.return?.();
  }
}

export function authorizedStream<K extends LiveTopic>(context: Context, topic: K, narrowing: Narrowing): AsyncIterableIterator<BusEvents[K][1]> {
  const { viewer, services } = context;
  if (viewer.kind === "anonymous") throw new Error("authorizedStream needs an authenticated viewer");
  const audience = new AuthorizedAudience(viewer, narrowing, context);
  const stream = services.fanOut.open(topic, audience);
  audience.attach(stream);
  return stream;
}
