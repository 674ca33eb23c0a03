/** The integrations list, with the filter and order that `Account.integrations` shares. */
import { builder, managementField } from "./builder.ts";
import { EnvironmentEnum } from "./common.ts";
import { oldestFirst, orderInput, StringFilter, timeAndNameColumns, TimeRange, toIdsWhere, toOrderBy, toStringWhere, toTimeWhere } from "./filters.ts";
import { ConnectorEnum } from "./integration.ts";
import { unlessCursorLost } from "./paging.ts";

export const IntegrationFilter = builder.inputType("IntegrationFilter", {
  description: "Narrows a list of integrations. All given conditions must hold.",
  subGraphs: ["management"],
  fields: (t) => ({
    accountId: t.idList({ description: "Belongs to any of these accounts." }),
    integrationPointId: t.idList({ description: "Governed by any of these integration points." }),
    name: t.field({ type: StringFilter, description: "Matches the name." }),
    connector: t.field({ type: ConnectorEnum, description: "Serves this connector." }),
    providerId: t.stringList({ description: "Uses any of these providers, e.g. `ticketing_jira`." }),
    environment: t.field({ type: EnvironmentEnum, description: "Belongs to an account of this environment." }),
    labels: t.stringList({ description: "Belongs to an account carrying every one of these labels." }),
    createdAt: t.field({ type: TimeRange, description: "Created within this range." }),
    updatedAt: t.field({ type: TimeRange, description: "Last changed within this range." }),
  }),
});

export const IntegrationOrder = orderInput("Integration", "integrations", {
  CREATED_AT: "Creation time.",
  UPDATED_AT: "Time of the last change.",
  NAME: "Name (unique only within an account).",
});

/** Environment and labels are the owning account's, so they filter through that relation. */
export function integrationWhere(filter: typeof IntegrationFilter.$inferInput | null | undefined) {
  if (!filter) return {};
  const account = {
    ...(filter.environment && { environment: filter.environment }),
    ...(filter.labels && { labels: { hasEvery: filter.labels } }),
  };
  return {
    ...(filter.accountId && { accountId: toIdsWhere(filter.accountId) }),
    ...(filter.integrationPointId && { integrationPointId: toIdsWhere(filter.integrationPointId) }),
    ...(filter.name && { name: toStringWhere(filter.name) }),
    ...(filter.connector && { connector: filter.connector }),
    ...(filter.providerId && { providerId: { in: filter.providerId } }),
    ...(Object.keys(account).length > 0 && { account }),
    ...(filter.createdAt && { createdAt: toTimeWhere(filter.createdAt) }),
    ...(filter.updatedAt && { updatedAt: toTimeWhere(filter.updatedAt) }),
  };
}

export const integrationOrderBy = (order: typeof IntegrationOrder.$inferInput | null | undefined) =>
  toOrderBy(order, timeAndNameColumns, oldestFirst);

builder.queryField("integrations", (t) =>
  t.prismaConnection(
    {
      ...managementField("integrations:read"),
      type: "Integration",
      cursor: "id",
      description: "Integrations of the organization that the calling token can reach.",
      args: {
        filter: t.arg({ type: IntegrationFilter, description: "Narrows the list." }),
        orderBy: t.arg({ type: IntegrationOrder, description: "Sort order; default oldest first." }),
      },
      totalCount: (_connection, args, context) => context.db.integration.count({ where: integrationWhere(args.filter) }),
      resolve: (query, _root, args, context) => {
        const page = context.db.integration.findMany({ ...query, where: integrationWhere(args.filter), orderBy: integrationOrderBy(args.orderBy) });
        return unlessCursorLost(query, args, page, (where) => context.db.integration.count({ where }));
      },
    },
    { subGraphs: ["management"], name: "IntegrationConnection", description: "A page of integrations." },
    { subGraphs: ["management"], name: "IntegrationEdge", description: "An integration in a page." },
  ),
);
