/**
 * The transactional outbox: an event row and one pending delivery per subscribed, enabled webhook,
 * written with the caller's transaction so a change and its notification commit (or not) together.
 */
import type { Account, Integration, IntegrationStatus, PrismaClient } from "../generated/prisma/client.ts";
import type { WebhookEventType } from "../services/webhooks.ts";
import type { EventBus } from "../events/bus.ts";

export interface OutboxEvent {
  tenantId: string;
  organizationId: string;
  type: WebhookEventType;
  data: Record<string, unknown>;
}

/** Records the event for every webhook of the organization that wants it; nothing when none does. */
export async function enqueueWebhookEvent(tx: PrismaClient, event: OutboxEvent): Promise<string | null> {
  const { tenantId, organizationId } = event;
  const webhooks = await tx.organizationWebhook.findMany({
    where: { tenantId, organizationId, enabled: true, events: { has: event.type } },
    select: { id: true },
  });
  if (webhooks.length === 0) return null;
  const row = await tx.webhookEvent.create({ data: { tenantId, organizationId, type: event.type, payload: event.data as object } });
  await tx.webhookDelivery.createMany({ data: webhooks.map((webhook) => ({ tenantId, organizationId, webhookId: webhook.id, eventId: row.id })) });
  return row.id;
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
