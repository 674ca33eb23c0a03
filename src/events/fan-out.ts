/**
 * Live events to many subscribers at the cost of few. Each organization topic is read from the
 * bus once, however many subscriptions watch it; each event is checked against every subscriber's
 * reach and filter, and each distinct token behind them is re-checked once per event (not once
 * per subscription). Subscribers read from a small queue of their own, so one slow reader delays
 * nobody else; one that falls too far behind is cut off rather than buffered without bound.
 */
import type { TokenLiveness } from "../auth/token-liveness.ts";
import type { IntegrationViewer, OrganizationViewer } from "../auth/viewer.ts";
import type { BusEvents, EventBus } from "./bus.ts";
import { tokenStillGood, watchToken } from "./token-watch.ts";

export type LiveTopic = "status-changed" | "status-event";
type Payload<K extends LiveTopic> = BusEvents[K][1];

export interface Audience {
  viewer: OrganizationViewer | IntegrationViewer;
  /** The subscription's own narrowing (account, integration), applied after the token's reach. */
  matches(event: Payload<LiveTopic>): boolean;
  /** The token was revoked or expired: the transport ends the subscription (WebSocket close 4403). */
  onRevoked(): void;
  /** The subscriber fell too far behind. */
  onOverflow(): void;
}

export interface FanOut {
  /** The topic's events for the audience's organization that its token may see and its filter accepts, in order. */
  open<K extends LiveTopic>(topic: K, audience: Audience): AsyncIterableIterator<Payload<K>>;
  /** Subscriptions held now. */
  size(): number;
}

/** Events a subscriber may leave unread before it is cut off. */
export const maxQueuedEvents = 1_000;

/** Whether a token may see an event about this account and integration at all. */
export function withinReach(viewer: Audience["viewer"], event: { accountId: string; integrationId: string; organizationId: string }): boolean {
  if (event.organizationId !== viewer.organizationId) return false;
  if (viewer.kind === "integration") return event.integrationId === viewer.integrationId;
  return viewer.accountIds === null || viewer.accountIds.includes(event.accountId);
}

/** A queue read as an async iterator; `return()` (the consumer leaving) and `end()` (the producer) both close it. */
class EventQueue<T> implements AsyncIterableIterator<T> {
  #items: T[] = [];
  #waiting: ((result: IteratorResult<T>) => void) | null = null;
  #closed = false;
  #onClose: () => void;

  constructor(onClose: () => void) {
    this.#onClose = onClose;
  }

  /** False when the reader is too far behind to take it. */
  offer(item: T): boolean {
    if (this.#closed) return true;
    if (this.#waiting) {
      const resolve = this.#waiting;
      this.#waiting = null;
      resolve({ value: item, done: false });
      return true;
    }
    if (this.#items.length >= maxQueuedEvents) return false;
    this.#items.push(item);
    return true;
  }

  end(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#items = [];
    this.#waiting?.({ value: undefined, done: true });
    this.#waiting = null;
    this.#onClose();
  }

  next(): Promise<IteratorResult<T>> {
    if (this.#items.length > 0) return Promise.resolve({ value: this.#items.shift() as T, done: false });
    if (this.#closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.#waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}

interface Subscription {
  audience: Audience;
  queue: EventQueue<never>;
  tokenKey: string;
}

interface Group {
  subscriptions: Set<Subscription>;
  source: AsyncIterator<unknown>;
}

export function createFanOut(bus: EventBus, liveness: TokenLiveness): FanOut {
  const groups = new Map<string, Group>();
  let held = 0;

  async function dispatch(group: Group, event: Payload<LiveTopic>) {
    const reached: Subscription[] = [];
    const verdicts = new Map<string, Promise<boolean>>();
    for (const subscription of group.subscriptions) {
      const { viewer } = subscription.audience;
      if (!withinReach(viewer, event) || !subscription.audience.matches(event)) continue;
      reached.push(subscription);
      if (!verdicts.has(subscription.tokenKey)) verdicts.set(subscription.tokenKey, tokenStillGood(liveness, viewer));
    }
    if (reached.length === 0) return;
    const good = new Map<string, boolean>();
    for (const [key, verdict] of verdicts) good.set(key, await verdict);
    for (const subscription of reached) {
      if (!good.get(subscription.tokenKey)) subscription.audience.onRevoked();
      else if (!subscription.queue.offer(event as never)) subscription.audience.onOverflow();
    }
  }

  function join(topic: LiveTopic, organizationId: string): Group {
    const key = `${topic}:${organizationId}`;
    const existing = groups.get(key);
    if (existing) return existing;
    const source = (bus.subscribe as (topic: LiveTopic, id: string) => AsyncIterableIterator<Payload<LiveTopic>>)(topic, organizationId);
    const group: Group = { subscriptions: new Set(), source };
    groups.set(key, group);
    void (async () => {
      for await (const event of source) await dispatch(group, event);
    })();
    return group;
  }

  function leave(topic: LiveTopic, organizationId: string, group: Group, subscription: Subscription) {
    if (!group.subscriptions.delete(subscription)) return;
    held--;
    if (group.subscriptions.size === 0 && groups.get(`${topic}:${organizationId}`) === group) {
      groups.delete(`${topic}:${organizationId}`);
      void group.source.return?.();
    }
  }

  return {
    open(topic, audience) {
      const { viewer } = audience;
      const group = join(topic, viewer.organizationId);
      let unwatch = () => {};
      const subscription: Subscription = {
        audience,
        tokenKey: `${viewer.refreshTokenId}:${viewer.tokenId}`,
        queue: new EventQueue(() => {
          unwatch();
          leave(topic, viewer.organizationId, group, subscription);
        }),
      };
      group.subscriptions.add(subscription);
      held++;
      unwatch = watchToken(liveness, viewer, audience.onRevoked);
      return subscription.queue as AsyncIterableIterator<Payload<typeof topic>>;
    },
    size: () => held,
  };
}
