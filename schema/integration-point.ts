/** Integration points: organization-level governance (connector, allowed providers per environment) reused across accounts. */
import { builder, managementField } from "./builder.ts";
import { oldestFirst, orderInput, StringFilter, timeAndNameColumns, toOrderBy, toStringWhere } from "./filters.ts";
import { ConnectorEnum } from "./integration.ts";
import { unlessCursorLost } from "./paging.ts";
import { scopeFilter } from "../src/db/tenant-scope.ts";
import { createIntegrationPoint, deleteIntegrationPoint, updateIntegrationPoint } from "../src/services/integration-points.ts";
import { isUuid } from "../src/services/names.ts";
import { notFound } from "../src/errors.ts";
import type { Context } from "../src/context.ts";

/** Nested counts bypass the scoped client, so they repeat its filter: a restricted token counts only its accounts' integrations. */
function visibleIntegrations(context: Context) {
  const { viewer } = context;
  if (viewer.kind === "anonymous") return { id: { in: [] } };
  const accountIds = viewer.kind === "integration" ? [viewer.accountId] : viewer.accountIds;
  return scopeFilter("Integration", { tenantId: viewer.tenantId, organizationId: viewer.organizationId, accountIds });
}

export const IntegrationPointRef = builder.prismaObject("IntegrationPoint", {
  description: "Governance for a class of integrations, shared by every account: the connector they serve and the providers allowed in test and in production accounts.",
  subGraphs: ["management"],
  authScopes: { permission: "integration-points:read" },
  fields: (t) => ({
    id: t.exposeID("id", { description: "Integration point id (UUID)." }),
    name: t.exposeString("name", { description: "Slug, unique within the organization." }),
    fullname: t.exposeString("fullname", { description: "Human-readable name, e.g. shown on the Connect page." }),
    description: t.exposeString("description", { description: "What integrations under this point are for; may be empty." }),
    connector: t.field({ type: ConnectorEnum, description: "The connector every integration under this point serves. Fixed at creation.", resolve: (row) => row.connector as never }),
    testProviders: t.exposeStringList("testProviders", { description: "Provider ids (e.g. `ticketing_mock`) allowed for integrations of TEST accounts." }),
    prodProviders: t.exposeStringList("prodProviders", { description: "Provider ids (e.g. `ticketing_jira`) allowed for integrations of PROD accounts." }),
    integrationCount: t.relationCount("integrations", {
      description: "How many integrations the calling token can reach use this point. While any integration uses it, it cannot be deleted.",
      where: (_args, context) => visibleIntegrations(context),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was created." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When it last changed." }),
  }),
});

const IntegrationPointFilter = builder.inputType("IntegrationPointFilter", {
  description: "Narrows `integrationPoints`. All given conditions must hold.",
  subGraphs: ["management"],
  fields: (t) => ({
    name: t.field({ type: StringFilter, description: "Matches the name." }),
    connector: t.field({ type: ConnectorEnum, description: "Only points of this connector." }),
  }),
});

const IntegrationPointOrder = orderInput("IntegrationPoint", "integrationPoints", {
  CREATED_AT: "Creation time.",
  UPDATED_AT: "Time of the last change.",
  NAME: "Name.",
});

function integrationPointWhere(filter: typeof IntegrationPointFilter.$inferInput | null | undefined) {
  return { ...(filter?.name && { name: toStringWhere(filter.name) }), ...(filter?.connector && { connector: filter.connector }) };
}

builder.queryField("integrationPoints", (t) =>
  t.prismaConnection(
    {
      ...managementField("integration-points:read"),
      type: "IntegrationPoint",
      cursor: "id",
      description: "Integration points of the organization.",
      args: {
        filter: t.arg({ type: IntegrationPointFilter, description: "Narrows the list." }),
        orderBy: t.arg({ type: IntegrationPointOrder, description: "Sort order; default oldest first." }),
      },
      totalCount: (_connection, args, context) => context.db.integrationPoint.count({ where: integrationPointWhere(args.filter) }),
      resolve: (query, _root, args, context) => {
        const orderBy = toOrderBy(args.orderBy, timeAndNameColumns, oldestFirst);
        const page = context.db.integrationPoint.findMany({ ...query, where: integrationPointWhere(args.filter), orderBy });
        return unlessCursorLost(query, args, page, (where) => context.db.integrationPoint.count({ where }));
      },
    },
    { subGraphs: ["management"], name: "IntegrationPointConnection", description: "A page of integration points." },
    { subGraphs: ["management"], name: "IntegrationPointEdge", description: "An integration point in a page." },
  ),
);

builder.queryField("integrationPoint", (t) =>
  t.prismaField({
    ...managementField("integration-points:read"),
    type: "IntegrationPoint",
    description: "One integration point by id. NOT_FOUND if it does not exist or belongs to another organization.",
    args: { id: t.arg.id({ required: true, description: "Integration point id." }) },
    resolve: async (query, _root, args, context) => {
      const id = String(args.id);
      const point = isUuid(id) ? await context.db.integrationPoint.findUnique({ ...query, where: { id } }) : null;
      if (!point) throw notFound("Integration point");
      return point;
    },
  }),
);

const providerListDescription = (environment: string) =>
  `Provider ids allowed for integrations of ${environment} accounts; each must be a provider of the connector (see \`providers\`). Empty: none.`;

const CreateIntegrationPointInput = builder.inputType("CreateIntegrationPointInput", {
  description: "A new integration point.",
  subGraphs: ["management"],
  fields: (t) => ({
    name: t.string({ required: true, description: "Slug, unique in the organization: lower-case letters, digits, hyphens." }),
    fullname: t.string({ description: "Human-readable name; defaults to the name." }),
    description: t.string({ description: "What integrations under this point are for (at most 2000 characters); defaults to empty." }),
    connector: t.field({ type: ConnectorEnum, required: true, description: "The connector its integrations serve; cannot be changed later." }),
    testProviders: t.stringList({ description: `${providerListDescription("TEST")} Defaults to none.` }),
    prodProviders: t.stringList({ description: `${providerListDescription("PROD")} Defaults to none.` }),
  }),
});

const IntegrationPointPayload = builder.simpleObject("IntegrationPointPayload", {
  description: "The integration point after the change.",
  subGraphs: ["management"],
  fields: (t) => ({ integrationPoint: t.field({ type: IntegrationPointRef, description: "The integration point." }) }),
});

builder.mutationField("createIntegrationPoint", (t) =>
  t.field({
    ...managementField("integration-points:write"),
    type: IntegrationPointPayload,
    description: "Creates an integration point. CONFLICT if the name is taken; FORBIDDEN for tokens restricted to accounts.",
    args: { input: t.arg({ type: CreateIntegrationPointInput, required: true, description: "The new integration point." }) },
    resolve: async (_root, { input }, context) => ({ integrationPoint: await createIntegrationPoint(context, input) }),
  }),
);

const UpdateIntegrationPointInput = builder.inputType("UpdateIntegrationPointInput", {
  description: "Changes to an integration point; omitted fields stay as they are. Existing integrations are not re-checked against new provider lists.",
  subGraphs: ["management"],
  fields: (t) => ({
    id: t.id({ required: true, description: "Integration point id." }),
    name: t.string({ description: "New slug." }),
    fullname: t.string({ description: "New human-readable name." }),
    description: t.string({ description: "New description." }),
    testProviders: t.stringList({ description: `Replaces the list. ${providerListDescription("TEST")}` }),
    prodProviders: t.stringList({ description: `Replaces the list. ${providerListDescription("PROD")}` }),
  }),
});

builder.mutationField("updateIntegrationPoint", (t) =>
  t.field({
    ...managementField("integration-points:write"),
    type: IntegrationPointPayload,
    description: "Updates an integration point. CONFLICT if the new name is taken; FORBIDDEN for tokens restricted to accounts.",
    args: { input: t.arg({ type: UpdateIntegrationPointInput, required: true, description: "The changes." }) },
    resolve: async (_root, { input }, context) => ({ integrationPoint: await updateIntegrationPoint(context, String(input.id), input) }),
  }),
);

const DeleteIntegrationPointInput = builder.inputType("DeleteIntegrationPointInput", {
  description: "The integration point to delete.",
  subGraphs: ["management"],
  fields: (t) => ({ id: t.id({ required: true, description: "Integration point id." }) }),
});

const DeleteIntegrationPointPayload = builder.simpleObject("DeleteIntegrationPointPayload", {
  description: "The deleted integration point's id.",
  subGraphs: ["management"],
  fields: (t) => ({ id: t.id({ description: "Integration point id." }) }),
});

builder.mutationField("deleteIntegrationPoint", (t) =>
  t.field({
    ...managementField("integration-points:write"),
    type: DeleteIntegrationPointPayload,
    description: "Deletes an integration point and its credentials. CONFLICT while any integration uses it; FORBIDDEN for tokens restricted to accounts.",
    args: { input: t.arg({ type: DeleteIntegrationPointInput, required: true, description: "The integration point to delete." }) },
    resolve: async (_root, { input }, context) => ({ id: (await deleteIntegrationPoint(context, String(input.id))).id }),
  }),
);
