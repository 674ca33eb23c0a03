/** Organization webhooks: where event notifications are sent. The signing secret is shown once, when made or rotated. */
import { builder, managementField } from "./builder.ts";
import { oldestFirst, orderInput, StringFilter, timeAndNameColumns, TimeRange, toOrderBy, toStringWhere, toTimeWhere } from "./filters.ts";
import { unlessCursorLost } from "./paging.ts";
import { createWebhook, deleteWebhook, rotateWebhookSecret, updateWebhook, type WebhookEventType } from "../src/services/webhooks.ts";
import { isUuid } from "../src/services/names.ts";
import { notFound } from "../src/errors.ts";

export const WebhookEventTypeEnum = builder.enumType("WebhookEventType", {
  description: "A kind of event an organization webhook can subscribe to.",
  subGraphs: ["management"],
  values: {
    ACCOUNT_CREATED: { value: "account.created", description: "An account was created." },
    ACCOUNT_UPDATED: { value: "account.updated", description: "An account's name, environment or labels changed." },
    ACCOUNT_DELETED: { value: "account.deleted", description: "An account was deleted, with its integrations." },
    INTEGRATION_CREATED: { value: "integration.created", description: "An integration was created." },
    INTEGRATION_UPDATED: { value: "integration.updated", description: "An integration's settings or credential changed." },
    INTEGRATION_DELETED: { value: "integration.deleted", description: "An integration was deleted." },
    INTEGRATION_STATUS_CHANGED: { value: "integration.status_changed", description: "An integration's health changed, e.g. from HEALTHY to FAILING." },
  } as const satisfies Record<string, { value: WebhookEventType; description: string }>,
});

export const OrganizationWebhookRef = builder.prismaObject("OrganizationWebhook", {
  description: "An HTTPS endpoint that receives the organization's events, signed with a secret that only the receiver and Switchyard know.",
  subGraphs: ["management"],
  authScopes: { permission: "webhooks:read" },
  fields: (t) => ({
    id: t.exposeID("id", { description: "Webhook id (UUID)." }),
    name: t.exposeString("name", { description: "Slug, unique within the organization." }),
    url: t.exposeString("url", { description: "Where events are POSTed: https, and never with credentials in it." }),
    events: t.field({
      type: [WebhookEventTypeEnum],
      description: "The event types it receives.",
      resolve: (row) => row.events as WebhookEventType[],
    }),
    enabled: t.exposeBoolean("enabled", { description: "Whether events are sent to it; a disabled webhook keeps its settings and secret." }),
    signingSecretHint: t.string({
      nullable: true,
      description: "The last characters of the current signing secret, to tell secrets apart. The secret itself is only returned by `createOrganizationWebhook` and `rotateOrganizationWebhookSecret`.",
      select: { credentials: { select: { hint: true }, where: { type: "SECRET" }, orderBy: { createdAt: "desc" }, take: 1 } },
      resolve: (row) => row.credentials[0]?.hint ?? null,
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was created." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When its settings last changed." }),
  }),
});

const OrganizationWebhookFilter = builder.inputType("OrganizationWebhookFilter", {
  description: "Narrows `organizationWebhooks`. All given conditions must hold.",
  subGraphs: ["management"],
  fields: (t) => ({
    name: t.field({ type: StringFilter, description: "Matches the name." }),
    enabled: t.boolean({ description: "Only enabled (true) or only disabled (false) webhooks." }),
    events: t.field({ type: [WebhookEventTypeEnum], description: "Receives at least one of these event types." }),
    createdAt: t.field({ type: TimeRange, description: "Created within this range." }),
  }),
});

const OrganizationWebhookOrder = orderInput("OrganizationWebhook", "organizationWebhooks", {
  CREATED_AT: "Creation time.",
  UPDATED_AT: "Time its settings last changed.",
  NAME: "Name.",
});

builder.queryField("organizationWebhooks", (t) =>
  t.prismaConnection(
    {
      ...managementField("webhooks:read"),
      type: "OrganizationWebhook",
      cursor: "id",
      description: "Webhooks of the organization.",
      args: {
        filter: t.arg({ type: OrganizationWebhookFilter, description: "Narrows the list." }),
        orderBy: t.arg({ type: OrganizationWebhookOrder, description: "Sort order; default oldest first." }),
      },
      totalCount: (_connection, args, context) => context.db.organizationWebhook.count({ where: webhookWhere(args.filter) }),
      resolve: (query, _root, args, context) => {
        const orderBy = toOrderBy(args.orderBy, timeAndNameColumns, oldestFirst);
        const page = context.db.organizationWebhook.findMany({ ...query, where: webhookWhere(args.filter), orderBy });
        return unlessCursorLost(query, args, page, (where) => context.db.organizationWebhook.count({ where }));
      },
    },
    { subGraphs: ["management"], name: "OrganizationWebhookConnection", description: "A page of organization webhooks." },
    { subGraphs: ["management"], name: "OrganizationWebhookEdge", description: "An organization webhook in a page." },
  ),
);

function webhookWhere(filter: typeof OrganizationWebhookFilter.$inferInput | null | undefined) {
  return {
    ...(filter?.name && { name: toStringWhere(filter.name) }),
    ...(filter?.enabled != null && { enabled: filter.enabled }),
    ...(filter?.events && { events: { hasSome: filter.events } }),
    ...(filter?.createdAt && { createdAt: toTimeWhere(filter.createdAt) }),
  };
}

builder.queryField("organizationWebhook", (t) =>
  t.prismaField({
    ...managementField("webhooks:read"),
    type: "OrganizationWebhook",
    description: "One organization webhook by id. NOT_FOUND if it does not exist or belongs to another organization.",
    args: { id: t.arg.id({ required: true, description: "Webhook id." }) },
    resolve: async (query, _root, args, context) => {
      const id = String(args.id);
      const webhook = isUuid(id) ? await context.db.organizationWebhook.findUnique({ ...query, where: { id } }) : null;
      if (!webhook) throw notFound("Webhook");
      return webhook;
    },
  }),
);

const urlDescription =
  "Receiver URL, at most 2048 characters, without credentials. Must be https; plain http (to localhost or 127.0.0.1) and loopback or private hosts are accepted only when the gateway runs with SWITCHYARD_ALLOW_PRIVATE_NETWORKS=true.";

const CreateOrganizationWebhookInput = builder.inputType("CreateOrganizationWebhookInput", {
  description: "A new organization webhook.",
  subGraphs: ["management"],
  fields: (t) => ({
    name: t.string({ required: true, description: "Slug, unique in the organization: lower-case letters, digits, hyphens." }),
    url: t.string({ required: true, description: urlDescription }),
    events: t.field({ type: [WebhookEventTypeEnum], required: true, description: "Event types to receive; at least one." }),
    enabled: t.boolean({ description: "Whether to send events to it; defaults to true." }),
  }),
});

const SigningSecretPayload = (name: string, description: string) =>
  builder.simpleObject(name, {
    description,
    subGraphs: ["management"],
    fields: (t) => ({
      webhook: t.field({ type: OrganizationWebhookRef, description: "The webhook." }),
      signingSecret: t.string({
        description: "The signing secret (`whsec_…`). Shown only in this response: store it now; afterwards only `signingSecretHint` is visible.",
      }),
    }),
  });

const CreateOrganizationWebhookPayload = SigningSecretPayload("CreateOrganizationWebhookPayload", "The new webhook and its signing secret, shown this once.");

builder.mutationField("createOrganizationWebhook", (t) =>
  t.field({
    ...managementField("webhooks:write"),
    type: CreateOrganizationWebhookPayload,
    description: "Creates an organization webhook with a new signing secret, returned only here. CONFLICT if the name is taken; FORBIDDEN for tokens restricted to accounts.",
    args: { input: t.arg({ type: CreateOrganizationWebhookInput, required: true, description: "The new webhook." }) },
    resolve: (_root, { input }, context) => createWebhook(context, input),
  }),
);

const UpdateOrganizationWebhookInput = builder.inputType("UpdateOrganizationWebhookInput", {
  description: "Changes to an organization webhook; omitted fields stay as they are. The signing secret is changed only by `rotateOrganizationWebhookSecret`.",
  subGraphs: ["management"],
  fields: (t) => ({
    id: t.id({ required: true, description: "Webhook id." }),
    name: t.string({ description: "New slug." }),
    url: t.string({ description: `New receiver URL. ${urlDescription}` }),
    events: t.field({ type: [WebhookEventTypeEnum], description: "Replaces the event types; at least one." }),
    enabled: t.boolean({ description: "Turns sending on or off." }),
  }),
});

const OrganizationWebhookPayload = builder.simpleObject("OrganizationWebhookPayload", {
  description: "The webhook after the change.",
  subGraphs: ["management"],
  fields: (t) => ({ webhook: t.field({ type: OrganizationWebhookRef, description: "The webhook." }) }),
});

builder.mutationField("updateOrganizationWebhook", (t) =>
  t.field({
    ...managementField("webhooks:write"),
    type: OrganizationWebhookPayload,
    description: "Updates an organization webhook. CONFLICT if the new name is taken; FORBIDDEN for tokens restricted to accounts.",
    args: { input: t.arg({ type: UpdateOrganizationWebhookInput, required: true, description: "The changes." }) },
    resolve: async (_root, { input }, context) => ({ webhook: await updateWebhook(context, String(input.id), input) }),
  }),
);

const OrganizationWebhookIdInput = (name: string, description: string) =>
  builder.inputType(name, {
    description,
    subGraphs: ["management"],
    fields: (t) => ({ id: t.id({ required: true, description: "Webhook id." }) }),
  });

const RotateOrganizationWebhookSecretPayload = SigningSecretPayload(
  "RotateOrganizationWebhookSecretPayload",
  "The webhook and its new signing secret, shown this once.",
);

builder.mutationField("rotateOrganizationWebhookSecret", (t) =>
  t.field({
    ...managementField("webhooks:write"),
    type: RotateOrganizationWebhookSecretPayload,
    description: "Replaces a webhook's signing secret with a new one, returned only here; the old secret stops being used at once.",
    args: {
      input: t.arg({
        type: OrganizationWebhookIdInput("RotateOrganizationWebhookSecretInput", "The webhook whose signing secret to replace."),
        required: true,
        description: "The webhook.",
      }),
    },
    resolve: (_root, { input }, context) => rotateWebhookSecret(context, String(input.id)),
  }),
);

const DeleteOrganizationWebhookPayload = builder.simpleObject("DeleteOrganizationWebhookPayload", {
  description: "The deleted webhook's id.",
  subGraphs: ["management"],
  fields: (t) => ({ id: t.id({ description: "Webhook id." }) }),
});

builder.mutationField("deleteOrganizationWebhook", (t) =>
  t.field({
    ...managementField("webhooks:write"),
    type: DeleteOrganizationWebhookPayload,
    description: "Deletes an organization webhook and its signing secret. FORBIDDEN for tokens restricted to accounts.",
    args: {
      input: t.arg({ type: OrganizationWebhookIdInput("DeleteOrganizationWebhookInput", "The webhook to delete."), required: true, description: "The webhook." }),
    },
    resolve: async (_root, { input }, context) => ({ id: (await deleteWebhook(context, String(input.id))).id }),
  }),
);
