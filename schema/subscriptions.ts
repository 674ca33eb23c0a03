/** Live integration status: `integrationStatusChanged` and `statusEvents`, for organization and integration tokens. */
import { builder } from "./builder.ts";
import { HealthEnum } from "./status.ts";
import { authorizedStream, type Narrowing } from "../src/events/authorized-stream.ts";
import type { StatusChange } from "../src/events/bus.ts";
import type { Context } from "../src/context.ts";
import { notFound } from "../src/errors.ts";
import { isUuid } from "../src/services/names.ts";

const IntegrationStatusChangeRef = builder.objectRef<StatusChange>("IntegrationStatusChange").implement({
  description: "An integration's status after a batch of connector calls.",
  subGraphs: ["management", "connector"],
  fields: (t) => ({
    integrationId: t.exposeID("integrationId", { description: "The integration." }),
    accountId: t.exposeID("accountId", { description: "Its account." }),
    health: t.field({ type: HealthEnum, description: "Health now.", resolve: (change) => change.health }),
    previousHealth: t.field({ type: HealthEnum, nullable: true, description: "Health before; null for the first calls.", resolve: (change) => change.previousHealth }),
    requests: t.exposeInt("requests", { description: "Calls since creation or the last reset." }),
    failures: t.exposeInt("failures", { description: "Failed calls among them." }),
    lastSuccessAt: t.field({ type: "DateTime", nullable: true, description: "Last successful call.", resolve: (change) => change.lastSuccessAt }),
    lastErrorAt: t.field({ type: "DateTime", nullable: true, description: "Last failed call.", resolve: (change) => change.lastErrorAt }),
    lastError: t.exposeString("lastError", { nullable: true, description: "Error code of the last failed call." }),
    time: t.field({ type: "DateTime", description: "When the status changed.", resolve: (change) => change.time }),
  }),
});

interface NarrowingArgs {
  accountId?: string | number | null;
  integrationId?: string | number | null;
}

/**
 * Validates the optional narrowing arguments against what the token can reach (NOT_FOUND otherwise).
 * An integration is looked up through the integration cache (scoped like the database), so a crowd
 * of tabs reconnecting to one integration's page reads its row once, not once per tab.
 */
async function narrowing(context: Context, args: NarrowingArgs): Promise<Narrowing> {
  const accountId = args.accountId == null ? null : String(args.accountId);
  const integrationId = args.integrationId == null ? null : String(args.integrationId);
  // An integration token's stream carries its own integration alone, though its database scope is the whole account.
  const { viewer } = context;
  if (viewer.kind === "integration" && integrationId !== null && integrationId !== viewer.integrationId) throw notFound("Integration");
  if (accountId && !(isUuid(accountId) && (await context.db.account.count({ where: { id: accountId } })) === 1)) throw notFound("Account");
  if (integrationId && !(isUuid(integrationId) && (await context.loaders.integration.load(integrationId)) !== null)) throw notFound("Integration");
  return { accountId, integrationId };
}

const scopes = { $any: { permission: "status:read", integrationToken: true } } as const;

builder.subscriptionFields((t) => ({
  integrationStatusChanged: t.field({
    subGraphs: ["management", "connector"],
    authScopes: scopes,
    type: IntegrationStatusChangeRef,
    description:
      "Status changes of the integrations the token can reach (an integration token: its own), optionally narrowed to one account or integration.",
    args: {
      accountId: t.arg.id({ description: "Only this account's integrations." }),
      integrationId: t.arg.id({ description: "Only this integration." }),
    },
    subscribe: async (_root, args, context) => authorizedStream(context, "status-changed", await narrowing(context, args)),
    resolve: (change) => change,
  }),
  statusEvents: t.prismaField({
    subGraphs: ["management", "connector"],
    authScopes: scopes,
    type: "StatusEvent",
    description: "Connector calls of the integrations the token can reach (an integration token: its own), as they are recorded.",
    args: {
      accountId: t.arg.id({ description: "Only this account's integrations." }),
      integrationId: t.arg.id({ description: "Only this integration." }),
    },
    subscribe: async (_root, args, context) => authorizedStream(context, "status-event", await narrowing(context, args)),
    resolve: (_query, event) => event as never,
  }),
}));
