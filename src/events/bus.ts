/**
 * The event bus: status changes and status events, published per organization. In-process by
 * default; with a distributed event target (Redis) every replica's subscribers receive them.
 */
import { setMaxListeners } from "node:events";
import { createPubSub, type PubSub, type PubSubEventTarget } from "@graphql-yoga/subscription";
import type { Health } from "./decide-health.ts";

/** What subscribers of `integrationStatusChanged` receive. */
export interface StatusChange {
  tenantId: string;
  organizationId: string;
  accountId: string;
  integrationId: string;
  health: Health;
  previousHealth: Health | null;
  requests: number;
  failures: number;
  lastSuccessAt: Date | null;
  lastErrorAt: Date | null;
  lastError: string | null;
  time: Date;
}

/** What subscribers of `statusEvents` receive: one connector call. */
export interface StatusEventMessage {
  id: string;
  tenantId: string;
  organizationId: string;
  accountId: string;
  integrationId: string;
  time: Date;
  operation: string;
  outcome: "SUCCESS" | "FAILURE";
  httpStatus: number | null;
  latencyMs: number;
  errorCode: string | null;
}

export type BusEvents = {
  /** Topic: organization id. */
  "status-changed": [organizationId: string, change: StatusChange];
  "status-event": [organizationId: string, event: StatusEventMessage];
  /** Webhook deliveries were committed to the outbox (payload: when); dispatchers look for due work. */
  "webhooks-due": [at: number];
};

export type EventBus = PubSub<BusEvents>;

export function createEventBus(eventTarget?: PubSubEventTarget<BusEvents>): EventBus {
  // Each subscriber listens on its organization's topic: thousands of listeners are expected, not a leak.
  const target = eventTarget ?? new EventTarget();
  if (target instanceof EventTarget) setMaxListeners(0, target);
  return createPubSub<BusEvents>({ eventTarget: target as PubSubEventTarget<BusEvents> });
}
