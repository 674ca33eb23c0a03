/** Audit events: the append-only record of management actions. */
import { builder, managementField } from "./builder.ts";
import { orderInput, StringFilter, TimeRange, toIdsWhere, toOrderBy, toStringWhere, toTimeWhere } from "./filters.ts";
import { OutcomeEnum } from "./status.ts";
import { unlessCursorLost } from "./paging.ts";

builder.prismaObject("AuditEvent", {
  description:
    "One management action: who did it, with which token, to what, and how it ended. Events outlive the resources they name. A token restricted to accounts sees only events of those accounts.",
  subGraphs: ["management"],
  authScopes: { permission: "audit:read" },
  fields: (t) => ({
    id: t.exposeID("id", { description: "Event id (UUID)." }),
    time: t.expose("time", { type: "DateTime", description: "When it happened." }),
    actorType: t.exposeString("actorType", { description: "`MEMBER` when the token acts for a member, `TOKEN` for tokens not tied to a member (e.g. integration tokens)." }),
    actorId: t.exposeString("actorId", { description: "The member id, or for `TOKEN` actors the refresh-token or integration id." }),
    tokenId: t.exposeID("tokenId", { nullable: true, description: "The refresh-token object whose access token was used; null when no token was involved (e.g. logon)." }),
    action: t.exposeString("action", { description: "What was done or attempted, `<resource>.<verb>` in lower-case words joined by hyphens, e.g. `accounts.create`, `tokens.remove-secondary`; a failed or refused attempt carries the same action as its success. Connector mutations refused to a management token appear as `mutation.<field>`." }),
    resourceType: t.exposeString("resourceType", { description: "Kind of resource acted on, e.g. `Account`, `IntegrationPoint`, `OrganizationWebhook`." }),
    resourceId: t.exposeString("resourceId", { nullable: true, description: "Id of the resource acted on, when there is one." }),
    accountId: t.exposeID("accountId", { nullable: true, description: "The account concerned; null for organization-wide actions." }),
    integrationId: t.exposeID("integrationId", { nullable: true, description: "The integration concerned, if any." }),
    outcome: t.expose("outcome", { type: OutcomeEnum, description: "SUCCESS, DENIED (the token lacked authority) or FAILURE." }),
    reason: t.exposeString("reason", { nullable: true, description: "Why it was denied or failed: for a failed mutation, its error code and the input field at fault, e.g. `BAD_USER_INPUT (name)`. Never contains secrets or input values." }),
    requestId: t.exposeString("requestId", { description: "The request id (`X-Request-ID`), to find the request in the logs." }),
    remoteAddress: t.exposeString("remoteAddress", { nullable: true, description: "The caller's network address, when known." }),
  }),
});

const AuditEventFilter = builder.inputType("AuditEventFilter", {
  description: "Narrows `auditEvents`. All given conditions must hold.",
  subGraphs: ["management"],
  fields: (t) => ({
    action: t.field({ type: StringFilter, description: "Matches the action, e.g. `{ startsWith: \"webhooks.\" }`." }),
    resourceType: t.stringList({ description: "Any of these resource types." }),
    resourceId: t.string({ description: "Acted on this resource." }),
    accountId: t.idList({ description: "Concerns any of these accounts." }),
    integrationId: t.idList({ description: "Concerns any of these integrations." }),
    outcome: t.field({ type: [OutcomeEnum], description: "Ended in any of these outcomes." }),
    actorId: t.string({ description: "Done by this actor (member, refresh-token or integration id)." }),
    time: t.field({ type: TimeRange, description: "Happened within this range." }),
  }),
});

const AuditEventOrder = orderInput("AuditEvent", "auditEvents", { TIME: "When it happened." });

function auditWhere(filter: typeof AuditEventFilter.$inferInput | null | undefined) {
  if (!filter) return {};
  return {
    ...(filter.action && { action: toStringWhere(filter.action) }),
    ...(filter.resourceType && { resourceType: { in: filter.resourceType } }),
    ...(filter.resourceId != null && { resourceId: filter.resourceId }),
    ...(filter.accountId && { accountId: toIdsWhere(filter.accountId) }),
    ...(filter.integrationId && { integrationId: toIdsWhere(filter.integrationId) }),
    ...(filter.outcome && { outcome: { in: filter.outcome } }),
    ...(filter.actorId != null && { actorId: filter.actorId }),
    ...(filter.time && { time: toTimeWhere(filter.time) }),
  };
}

builder.queryField("auditEvents", (t) =>
  t.prismaConnection(
    {
      ...managementField("audit:read"),
      type: "AuditEvent",
      cursor: "id",
      description:
        "Audit events of the organization. A token restricted to accounts sees only events of those accounts, not organization-wide ones.",
      args: {
        filter: t.arg({ type: AuditEventFilter, description: "Narrows the list." }),
        orderBy: t.arg({ type: AuditEventOrder, description: "Sort order; default newest first." }),
      },
      resolve: (query, _root, args, context) => {
        const orderBy = toOrderBy(args.orderBy, { TIME: "time" }, { field: "TIME", direction: "DESC" });
        const page = context.db.auditEvent.findMany({ ...query, where: auditWhere(args.filter), orderBy });
        return unlessCursorLost(query, args, page, (where) => context.db.auditEvent.count({ where }));
      },
    },
    { subGraphs: ["management"], name: "AuditEventConnection", description: "A page of audit events." },
    { subGraphs: ["management"], name: "AuditEventEdge", description: "An audit event in a page." },
  ),
);
