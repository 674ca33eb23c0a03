/** Integration status: health and counters per integration, its status events, and resetting it. */
import { builder, managementField } from "./builder.ts";
import { TimeRange, toIdsWhere, toTimeWhere } from "./filters.ts";
import { unlessCursorLost } from "./paging.ts";
import { resetIntegrationStatus } from "../src/services/integration-status.ts";
import { isUuid } from "../src/services/names.ts";
import { notFound } from "../src/errors.ts";
import { statusTimeseries, type StatusBucket } from "../src/services/timeseries.ts";

export const HealthEnum = builder.enumType("IntegrationHealth", {
  subGraphs: ["management", "connector"],
  description:
    "Health from the newest ten connector calls: UNKNOWN without calls; FAILING when the last three failed or at least half did; DEGRADED when any failed; HEALTHY otherwise. The caller's own mistakes (bad input, unknown ids) do not count as failures.",
  values: {
    UNKNOWN: { description: "No calls recorded since creation or the last reset." },
    HEALTHY: { description: "Every recent call succeeded." },
    DEGRADED: { description: "Some recent calls failed." },
    FAILING: { description: "The last three calls failed, or at least half of the recent ones." },
  } as const,
});

export const OutcomeEnum = builder.enumType("Outcome", {
  description: "How something ended.",
  subGraphs: ["management", "connector"],
  values: {
    SUCCESS: { description: "It worked." },
    DENIED: { description: "Refused for lack of authority." },
    FAILURE: { description: "It was attempted and failed." },
  } as const,
});

builder.prismaObject("IntegrationStatus", {
  description: "Health and counters of one integration's connector calls.",
  subGraphs: ["management"],
  authScopes: { permission: "status:read" },
  // Select mode, light columns read off the row: see the note in builder.ts.
  select: { integrationId: true, health: true, requests: true, failures: true },
  fields: (t) => ({
    integrationId: t.id({ description: "The integration.", resolve: (status) => status.integrationId }),
    health: t.field({ type: HealthEnum, description: "Current health.", resolve: (status) => status.health }),
    requests: t.int({ description: "Connector calls since creation or the last reset.", resolve: (status) => status.requests }),
    failures: t.int({ description: "Failed calls among them.", resolve: (status) => status.failures }),
    bytes: t.float({ description: "Response bytes received from the provider.", select: { bytes: true }, resolve: (status) => Number(status.bytes) }),
    lastSuccessAt: t.expose("lastSuccessAt", { type: "DateTime", nullable: true, description: "Last successful call." }),
    lastErrorAt: t.expose("lastErrorAt", { type: "DateTime", nullable: true, description: "Last failed call." }),
    lastError: t.exposeString("lastError", { nullable: true, description: "Error code of the last failed call." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When it last changed." }),
  }),
});

builder.prismaObject("StatusEvent", {
  description: "One connector call: operation, outcome, HTTP status and latency.",
  subGraphs: ["management", "connector"],
  authScopes: { $any: { permission: "status:read", integrationToken: true } },
  fields: (t) => ({
    id: t.exposeID("id", { description: "Event id." }),
    integrationId: t.exposeID("integrationId", { description: "The integration." }),
    accountId: t.exposeID("accountId", { description: "The integration's account." }),
    time: t.expose("time", { type: "DateTime", description: "When the call finished." }),
    operation: t.exposeString("operation", { description: "Operation id, e.g. `ticketing_query_tickets`." }),
    outcome: t.expose("outcome", { type: OutcomeEnum, description: "SUCCESS or FAILURE (a provider-side failure)." }),
    httpStatus: t.exposeInt("httpStatus", { nullable: true, description: "The provider's HTTP status, when one was received." }),
    latencyMs: t.exposeInt("latencyMs", { description: "Duration of the call in milliseconds." }),
    errorCode: t.exposeString("errorCode", { nullable: true, description: "Error code, when the call ended in an error." }),
  }),
});

builder.prismaObjectField("Integration", "status", (t) =>
  t.relation("status", { nullable: true, authScopes: { permission: "status:read" }, description: "Health and counters; null before the first call." }),
);

builder.queryField("statusEvents", (t) =>
  t.prismaConnection(
    {
      ...managementField("status:read"),
      type: "StatusEvent",
      cursor: "id",
      description: "Status events of one integration, newest first.",
      args: {
        integrationId: t.arg.id({ required: true, description: "The integration." }),
        time: t.arg({ type: TimeRange, description: "Only events in this range." }),
      },
      resolve: async (query, _root, args, context) => {
        const integrationId = String(args.integrationId);
        const exists = isUuid(integrationId) && (await context.db.integration.count({ where: { id: integrationId } })) === 1;
        if (!exists) throw notFound("Integration");
        const page = context.db.statusEvent.findMany({
          ...query,
          where: { integrationId, ...(args.time && { time: toTimeWhere(args.time) }) },
          orderBy: [{ time: "desc" }, { id: "desc" }],
        });
        return unlessCursorLost(query, args, page, (where) => context.db.statusEvent.count({ where }));
      },
    },
    { subGraphs: ["management"], name: "StatusEventConnection", description: "A page of status events." },
    { subGraphs: ["management"], name: "StatusEventEdge", description: "A status event in a page." },
  ),
);

const ResetIntegrationStatusInput = builder.inputType("ResetIntegrationStatusInput", {
  description: "The integration whose status to reset.",
  subGraphs: ["management"],
  fields: (t) => ({ integrationId: t.id({ required: true, description: "The integration." }) }),
});

const ResetIntegrationStatusPayload = builder.simpleObject("ResetIntegrationStatusPayload", {
  description: "The integration after its status was reset.",
  subGraphs: ["management"],
  fields: (t) => ({ integrationId: t.id({ description: "The integration." }) }),
});

builder.mutationField("resetIntegrationStatus", (t) =>
  t.field({
    ...managementField("status:write"),
    type: ResetIntegrationStatusPayload,
    description: "Resets an integration's health to UNKNOWN and its counters to zero. Status events are kept.",
    args: { input: t.arg({ type: ResetIntegrationStatusInput, required: true, description: "The integration whose status to reset." }) },
    resolve: async (_root, { input }, context) => {
      const integrationId = String(input.integrationId);
      await resetIntegrationStatus(context, integrationId);
      return { integrationId };
    },
  }),
);

const IntegrationStatusFilter = builder.inputType("IntegrationStatusFilter", {
  description: "Narrows `integrationStatuses`. All given conditions must hold.",
  subGraphs: ["management"],
  fields: (t) => ({
    health: t.field({ type: [HealthEnum], description: "Any of these health states." }),
    accountId: t.idList({ description: "Integrations of any of these accounts." }),
  }),
});

function integrationStatusWhere(filter: typeof IntegrationStatusFilter.$inferInput | null | undefined) {
  return {
    ...(filter?.health && { health: { in: filter.health } }),
    ...(filter?.accountId && { accountId: toIdsWhere(filter.accountId) }),
  };
}

builder.queryField("integrationStatuses", (t) =>
  t.prismaConnection(
    {
      ...managementField("status:read"),
      type: "IntegrationStatus",
      cursor: "integrationId",
      description: "Status of every integration the token can reach that has made connector calls, most recently changed first.",
      args: { filter: t.arg({ type: IntegrationStatusFilter, description: "Narrows the list." }) },
      totalCount: (_connection, args, context) => context.db.integrationStatus.count({ where: integrationStatusWhere(args.filter) }),
      resolve: (query, _root, args, context) => {
        const page = context.db.integrationStatus.findMany({
          ...query,
          where: integrationStatusWhere(args.filter),
          orderBy: [{ updatedAt: "desc" }, { integrationId: "asc" }],
        });
        return unlessCursorLost(query, args, page, (where) => context.db.integrationStatus.count({ where }));
      },
    },
    { subGraphs: ["management"], name: "IntegrationStatusConnection", description: "A page of integration statuses." },
    { subGraphs: ["management"], name: "IntegrationStatusEdge", description: "An integration status in a page." },
  ),
);

const TimeseriesRangeEnum = builder.enumType("TimeseriesRange", {
  description: "The window of a status timeseries and its bucket size.",
  subGraphs: ["management"],
  values: {
    LAST_HOUR: { description: "Sixty one-minute buckets." },
    LAST_DAY: { description: "Twenty-four one-hour buckets." },
  } as const,
});

const StatusBucketRef = builder.objectRef<StatusBucket>("StatusBucket").implement({
  description: "Connector calls that finished within one bucket of time.",
  subGraphs: ["management"],
  fields: (t) => ({
    start: t.field({ type: "DateTime", description: "Start of the bucket.", resolve: (bucket) => bucket.start }),
    succeeded: t.exposeInt("succeeded", { description: "Calls that succeeded (or failed through the caller's own mistake)." }),
    failed: t.exposeInt("failed", { description: "Calls that failed on the provider's side." }),
    averageLatencyMs: t.exposeFloat("averageLatencyMs", { nullable: true, description: "Mean latency; null without calls." }),
    p95LatencyMs: t.exposeFloat("p95LatencyMs", { nullable: true, description: "95th-percentile latency; null without calls." }),
  }),
});

builder.queryField("statusTimeseries", (t) =>
  t.field({
    ...managementField("status:read"),
    type: [StatusBucketRef],
    description: "Succeeded and failed calls and their latency over time, for the organization (the integrations the token can reach) or one integration. Empty buckets are included.",
    args: {
      integrationId: t.arg.id({ description: "One integration; omit for the whole organization." }),
      range: t.arg({ type: TimeseriesRangeEnum, defaultValue: "LAST_HOUR", required: true, description: "Window and bucket size." }),
    },
    resolve: (_root, args, context) => statusTimeseries(context, { integrationId: args.integrationId == null ? null : String(args.integrationId), range: args.range }),
  }),
);
