/**
 * The transactional outbox: an event row and one pending delivery per subscribed, enabled webhook,
 * written with the caller's transaction so a change and its notification commit (or not) together.
 * Event ids are UUIDv7 made here, so that a batch of events and their deliveries take one insert each.
 */
import type { Account, Integration, IntegrationStatus, PrismaClient } from "../generated/prisma/client.ts";
import type { WebhookEventType } from "../services/webhooks.ts";
import type { EventBus } from "../events/bus.ts";
import { v7 as uuidv7 } from "uuid";

export interface OutboxEvent {
  tenantId: string;
  organizationId: string;
  type: WebhookEventType;
  data: Record<string, unknown>;
}

/** Records the event for every webhook of the organization that wants it; nothing when none does. */
export async function enqueueWebhookEvent(tx: PrismaClient, event: OutboxEvent): Promise<void> {
  await enqueueWebhookEvents(tx, [event]);
}

/** Records several events, of one organization or many, in at most three statements. */
export async function enqueueWebhookEvents(tx: PrismaClient, events: OutboxEvent[]): Promise<void> {
  if (events.length === 0) return;
  const organizations = [...new Map(events.map(({ tenantId, organizationId }) => [organizationId, { tenantId, organizationId }])).values()];
  const webhooks = await tx.organizationWebhook.findMany({
    where: { OR: organizations, enabled: true, events: { hasSome: [...new Set(events.map((event) => event.type))] } },
    select: { id: true, organizationId: true, events: true },
  });
  const rows = events.flatMap((event) => {
    const subscribed = webhooks.filter((webhook) => webhook.organizationId === event.organizationId && webhook.events.includes(event.type));
    return subscribed.length === 0 ? [] : [{ id: uuidv7(), event, webhookIds: subscribed.map((webhook) => webhook.id) }];
  });
  if (rows.length === 0) return;
  await tx.webhookEvent.createMany({
    data: rows.map(({ id, event }) => ({ id, tenantId: event.tenantId, organizationId: event.organizationId, type: event.type, payload: event.data as object })),
  });
  await tx.webhookDelivery.createMany({
    data: rows.flatMap(({ id, event, webhookIds }) => webhookIds.map((webhookId) => ({ tenantId: event.tenantId, organizationId: event.organizationId, webhookId, eventId: id }))),
  });
}

/** Tells this replica's dispatcher (and, with Redis, every replica's) that deliveries are due; call after commit. */
export function announceWebhookEvents(bus: EventBus): void {
  bus.publish("webhooks-due", Date.now());
}

/** What receivers learn about an account: no credentials, nothing beyond the management API's own fields. */
export const toAccountData = (account: Account) => ({
  id: account.id,
  name: account.name,
  fullname: account.fullname,
  environment: account.environment,
  labels: account.labels,
  createdAt: account.createdAt,
  updatedAt: account.updatedAt,
});

/** Provider config and credential references stay out: an integration event says what changed, not how it authenticates. */
export const toIntegrationData = (integration: Integration) => ({
  id: integration.id,
  accountId: integration.accountId,
  name: integration.name,
  fullname: integration.fullname,
  connector: integration.connector,
  providerId: integration.providerId,
  integrationPointId: integration.integrationPointId,
  createdAt: integration.createdAt,
  updatedAt: integration.updatedAt,
});

/** An integration's health moved: the new and previous health, counters and the last error code (our own words). */
export const toStatusChangeData = (status: IntegrationStatus, previousHealth: string | null) => ({
  integrationId: status.integrationId,
  accountId: status.accountId,
  health: status.health,
  previousHealth: previousHealth ?? "UNKNOWN",
  requests: status.requests,
  failures: status.failures,
  lastSuccessAt: status.lastSuccessAt,
  lastErrorAt: status.lastErrorAt,
  lastError: status.lastError,
  time: status.updatedAt,
});
