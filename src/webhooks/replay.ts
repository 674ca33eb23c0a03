/** Replaying a delivery: the same event (same id, new timestamp and signature) is sent again as soon as possible. */
import type { Context } from "../context.ts";
import type { WebhookDelivery } from "../generated/prisma/client.ts";
import { notFound } from "../errors.ts";
import { recordAudit } from "../services/audit.ts";
import { isUuid } from "../services/names.ts";
import { assertWholeOrganization } from "../services/organization-wide.ts";
import { announceWebhookEvents } from "./outbox.ts";

/**
 * Puts the delivery back in the queue, due now. Its attempt count keeps growing, so the log still
 * shows every try; a replayed delivery that fails again is retried only while attempts remain.
 */
export async function replayWebhookDelivery(context: Context, id: string): Promise<WebhookDelivery> {
  await assertWholeOrganization(context, {
    action: "webhooks.replay-delivery",
    resourceType: "WebhookDelivery",
    resourceId: id,
    reason: "webhook deliveries, which carry events of every account",
  });
  const found = isUuid(id) ? await context.db.webhookDelivery.findUnique({ where: { id }, select: { id: true } }) : null;
  if (!found) throw notFound("Webhook delivery");
  const delivery = await context.db.webhookDelivery.update({ where: { id }, data: { status: "PENDING", nextAttemptAt: new Date() } });
  announceWebhookEvents(context.services.bus);
  await recordAudit(context, { action: "webhooks.replay-delivery", resourceType: "WebhookDelivery", resourceId: id });
  return delivery;
}
