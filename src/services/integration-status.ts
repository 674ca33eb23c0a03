/** Resetting an integration's status; a health change is announced as the recorder announces one (webhook event, live subscribers). */
import type { Context } from "../context.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { notFound } from "../errors.ts";
import { lockExistingStatusRows } from "../events/status-lock.ts";
import { toStatusChange } from "../events/status-recorder.ts";
import { announceWebhookEvents, enqueueWebhookEvent, toStatusChangeData } from "../webhooks/outbox.ts";
import { recordAudit } from "./audit.ts";
import { isUuid } from "./names.ts";

/** Health back to UNKNOWN and counters to zero; status events are kept, but health ignores those before now. */
export async function resetIntegrationStatus(context: Context, integrationId: string): Promise<void> {
  const integration = isUuid(integrationId) ? await context.db.integration.findUnique({ where: { id: integrationId } }) : null;
  if (!integration) throw notFound("Integration");
  const change = await context.db.$transaction(async (tx) => {
    const [before] = await lockExistingStatusRows(tx as PrismaClient, [integrationId]);
    if (!before) return null;
    const after = await tx.integrationStatus.update({
      where: { integrationId },
      data: { health: "UNKNOWN", recentOutcomes: [], requests: 0, failures: 0, bytes: 0, lastError: null, lastErrorAt: null, lastSuccessAt: null, resetAt: new Date() },
    });
    if (after.health === before.health) return null;
    const data = toStatusChangeData(after, before.health);
    await enqueueWebhookEvent(tx as PrismaClient, { tenantId: after.tenantId, organizationId: after.organizationId, type: "integration.status_changed", data });
    return { after, previousHealth: before.health };
  });
  if (change) {
    announceWebhookEvents(context.services.bus);
    context.services.bus.publish("status-changed", change.after.organizationId, toStatusChange(change.after, change.previousHealth));
  }
  await recordAudit(context, { action: "status.reset", resourceType: "Integration", resourceId: integrationId, accountId: integration.accountId, integrationId });
}
