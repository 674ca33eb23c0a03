/**
 * Live events to many subscribers at the cost of few. Each organization topic is read from the
 * bus once, however many subscriptions watch it. Subscriptions that can only ever see one
 * integration (narrowed to it, or held by its integration token) are filed under it, so an event
 * is checked only against its own integration's watchers and the organization-wide ones, not every
 * subscriber of the organization; each distinct token behind them is re-checked once per event (not
 * once per subscription). Subscribers read from a small queue of their own, so one slow reader delays
 * nobody else; one that falls too far behind is cut off rather than buffered without bound.
 */
import type { TokenLiveness } from "../auth/token-liveness.ts";
import type { IntegrationViewer, OrganizationViewer } from "../auth/viewer.ts";
import type { BusEvents, EventBus } from "./bus.ts";
import { tokenStillGood, unwatchToken, watchToken, type TokenListener } from "./token-watch.ts";

export type LiveTopic = "status-changed" | "status-event";
type Payload<K extends LiveTopic> = BusEvents[K][1];

/** One subscription's side of the fan-out. Methods, not callbacks: thousands of subscriptions each hold one. */
export interface Audience extends TokenListener {
  viewer: OrganizationViewer | IntegrationViewer;
  /** The one integration whose events this subscription can ever accept, or null when it may accept any of its reach. */
  readonly integrationId: string | null;
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

interface Group {
  key: string;
  /** Subscriptions that may accept events of any integration. */
  broad: Set<Subscription>;
  /** Subscriptions that can only accept one integration's events, by that integration. */
  byIntegration: Map<string, Set<Subscription>>;
  size: number;
  source: AsyncIterator<unknown>;
}

function shelfOf(group: Group, integrationId: string | null, create: boolean): Set<Subscription> | undefined {
  if (integrationId === null) return group.broad;
  let shelf = group.byIntegration.get(integrationId);
  if (!shelf && create) group.byIntegration.set(integrationId, (shelf = new Set()));
  return shelf;
}

/**
 * One subscriber's queue, read as an async iterator; `return()` (the consumer leaving) and `end()`
 * (the fan-out cutting it off) both close it and take it out of its group.
 */
class Subscription implements AsyncIterableIterator<never> {
  #items: never[] = [];
  #waiting: ((result: IteratorResult<never>) => void) | null = null;
  #closed = false;
  readonly tokenKey: string;

  constructor(
    readonly audience: Audience,
    private readonly group: Group,
    private readonly hub: Hub,
  ) {
    this.tokenKey = `${audience.viewer.refreshTokenId}:${audience.viewer.tokenId}`;
  }

  /** False when the reader is too far behind to take it. */
  offer(item: never): boolean {
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
    this.hub.leave(this.group, this);
  }

  next(): Promise<IteratorResult<never>> {
    if (this.#items.length > 0) return Promise.resolve({ value: this.#items.shift() as never, done: false });
    if (this.#closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.#waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<never>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}

class Hub implements FanOut {
  readonly #groups = new Map<string, Group>();
  #held = 0;

  constructor(
    private readonly bus: EventBus,
    private readonly liveness: TokenLiveness,
  ) {}

  open<K extends LiveTopic>(topic: K, audience: Audience): AsyncIterableIterator<Payload<K>> {
    const group = this.join(topic, audience.viewer.organizationId);
    const subscription = new Subscription(audience, group, this);
    shelfOf(group, audience.integrationId, true)?.add(subscription);
    group.size++;
    this.#held++;
    watchToken(this.liveness, audience.viewer, audience);
    return subscription;
  }

  size(): number {
    return this.#held;
  }

  leave(group: Group, subscription: Subscription): void {
    const { integrationId } = subscription.audience;
    const shelf = shelfOf(group, integrationId, false);
    if (!shelf?.delete(subscription)) return;
    if (integrationId !== null && shelf.size === 0) group.byIntegration.delete(integrationId);
    group.size--;
    this.#held--;
    unwatchToken(this.liveness, subscription.audience.viewer, subscription.audience);
    if (group.size === 0 && this.#groups.get(group.key) === group) {
      this.#groups.delete(group.key);
      void group.source.return?.();
    }
  }

  private join(topic: LiveTopic, organizationId: string): Group {
    const key = `${topic}:${organizationId}`;
    const existing = this.#groups.get(key);
    if (existing) return existing;
    const source = (this.bus.subscribe as (topic: LiveTopic, id: string) => AsyncIterableIterator<Payload<LiveTopic>>)(topic, organizationId);
    const group: Group = { key, broad: new Set(), byIntegration: new Map(), size: 0, source };
    this.#groups.set(key, group);
    void (async () => {
      for await (const event of source) await this.dispatch(group, event);
    })();
    return group;
  }

  private async dispatch(group: Group, event: Payload<LiveTopic>): Promise<void> {
    const reached: Subscription[] = [];
    const verdicts = new Map<string, Promise<boolean>>();
    for (const shelf of [group.broad, group.byIntegration.get(event.integrationId)]) {
      if (!shelf) continue;
      for (const subscription of shelf) {
        const { audience } = subscription;
        if (!withinReach(audience.viewer, event) || !audience.matches(event)) continue;
        reached.push(subscription);
        if (!verdicts.has(subscription.tokenKey)) verdicts.set(subscription.tokenKey, tokenStillGood(this.liveness, audience.viewer));
      }
    }
    if (reached.length === 0) return;
    const good = new Map<string, boolean>();
    for (const [key, verdict] of verdicts) good.set(key, await verdict);
    for (const subscription of reached) {
      if (!good.get(subscription.tokenKey)) subscription.audience.onRevoked();
      else if (!subscription.offer(event as never)) subscription.audience.onOverflow();
    }
  }
}

export function createFanOut(bus: EventBus, liveness: TokenLiveness): FanOut {
  return new Hub(bus, liveness);
}
