/** The delivery log of an organization webhook, and replaying a delivery. Payloads and secrets are never shown here. */
import { builder, managementField } from "./builder.ts";
import { afterCursorCheck } from "./paging.ts";
import { WebhookEventTypeEnum } from "./webhook.ts";
import { replayWebhookDelivery } from "../src/webhooks/replay.ts";
import type { WebhookEventType } from "../src/services/webhooks.ts";

const WebhookDeliveryStatusEnum = builder.enumType("WebhookDeliveryStatus", {
  description: "Where a webhook delivery stands.",
  subGraphs: ["management"],
  values: {
    PENDING: { description: "Not delivered yet: waiting for its first attempt or for a retry (see `nextAttemptAt`)." },
    SUCCEEDED: { description: "The receiver answered with a 2xx status." },
    FAILED: { description: "Given up: a final answer (a 4xx other than 408/429, a redirect), a refused address, or no attempts left. Can be replayed." },
  } as const,
});

export const WebhookDeliveryRef = builder.prismaObject("WebhookDelivery", {
  description: "One event sent (or to be sent) to one webhook: the delivery log entry, with its attempts and last outcome.",
  subGraphs: ["management"],
  authScopes: { permission: "webhooks:read" },
  fields: (t) => ({
    id: t.exposeID("id", { description: "Delivery id (UUID); give it to `replayWebhookDelivery`." }),
    eventId: t.exposeID("eventId", { description: "The event id, sent as the `Switchyard-Webhook-Id` header and the body's `id`; the same on every attempt and replay, so receivers can deduplicate." }),
    eventType: t.field({
      type: WebhookEventTypeEnum,
      description: "The kind of event.",
      select: { event: { select: { type: true } } },
      resolve: (row) => row.event.type as WebhookEventType,
    }),
    status: t.expose("status", { type: WebhookDeliveryStatusEnum, description: "Pending, succeeded or failed." }),
    attempts: t.exposeInt("attempts", { description: "How many times it was sent so far." }),
    responseStatus: t.exposeInt("lastStatusCode", { nullable: true, description: "The HTTP status of the last attempt; null when no answer came (network error, timeout, refused address) or nothing was sent yet." }),
    lastError: t.exposeString("lastError", { nullable: true, description: "What went wrong on the last attempt, in Switchyard's words (never the receiver's body); null after a success." }),
    nextAttemptAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "When the next attempt is due; null unless pending.",
      resolve: (row) => (row.status === "PENDING" ? row.nextAttemptAt : null),
    }),
    lastAttemptAt: t.expose("lastAttemptAt", { type: "DateTime", nullable: true, description: "When it was last sent." }),
    deliveredAt: t.expose("deliveredAt", { type: "DateTime", nullable: true, description: "When the receiver last accepted it." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the event was committed to the outbox for this webhook." }),
  }),
});

builder.prismaObjectField("OrganizationWebhook", "deliveries", (t) =>
  t.relatedConnection(
    "deliveries",
    {
      cursor: "id",
      description: "The webhook's delivery log, newest first. Tokens restricted to accounts may not read it: it lists events of every account.",
      authScopes: (_webhook, _args, context) =>
        context.viewer.kind === "organization" && context.viewer.accountIds === null ? { permission: "webhooks:read" } : false,
      args: { status: t.arg({ type: WebhookDeliveryStatusEnum, description: "Only deliveries in this state." }) },
      totalCount: true,
      query: (args, context) =>
        afterCursorCheck(context, "OrganizationWebhook.deliveries", args, (id) => context.db.webhookDelivery.count({ where: { id } }), {
          where: { ...(args.status && { status: args.status }) },
          orderBy: { id: "desc" as const },
        }),
    },
    { subGraphs: ["management"], name: "WebhookDeliveryConnection", description: "A page of a webhook's deliveries." },
    { subGraphs: ["management"], name: "WebhookDeliveryEdge", description: "A delivery in a page." },
  ),
);

const ReplayWebhookDeliveryInput = builder.inputType("ReplayWebhookDeliveryInput", {
  description: "The delivery to send again.",
  subGraphs: ["management"],
  fields: (t) => ({ deliveryId: t.id({ required: true, description: "Delivery id, from `OrganizationWebhook.deliveries`." }) }),
});

const ReplayWebhookDeliveryPayload = builder.simpleObject("ReplayWebhookDeliveryPayload", {
  description: "The delivery, queued again.",
  subGraphs: ["management"],
  fields: (t) => ({ delivery: t.field({ type: WebhookDeliveryRef, description: "The delivery, pending and due now." }) }),
});

builder.mutationField("replayWebhookDelivery", (t) =>
  t.field({
    ...managementField("webhooks:write"),
    type: ReplayWebhookDeliveryPayload,
    description: "Sends a delivery's event again, with the same event id and a fresh timestamp and signature, whatever its state. NOT_FOUND for unknown or foreign ids; FORBIDDEN for tokens restricted to accounts.",
    args: { input: t.arg({ type: ReplayWebhookDeliveryInput, required: true, description: "The delivery." }) },
    resolve: async (_root, { input }, context) => ({ delivery: await replayWebhookDelivery(context, String(input.deliveryId)) }),
  }),
);
