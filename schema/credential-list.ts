/** The `credentials` list: one owner's credentials, narrowed by type, name and creation time, in a chosen order. */
import type { CredentialType, Prisma } from "../src/generated/prisma/client.ts";
import { builder, managementField } from "./builder.ts";
import { CredentialTypeEnum } from "./capabilities.ts";
import { OrderDirection, StringFilter, TimeRange, toStringWhere, toTimeWhere } from "./filters.ts";
import { unlessCursorLost } from "./paging.ts";
import { assertMayRead, findCredentialOwner, ownedBy } from "../src/services/credential-admin.ts";

const CredentialFilter = builder.inputType("CredentialFilter", {
  description: "Narrows `credentials`. All given conditions must hold.",
  subGraphs: ["management"],
  fields: (t) => ({
    type: t.field({ type: [CredentialTypeEnum], description: "Any of these kinds of secret." }),
    name: t.field({ type: StringFilter, description: "Matches the name." }),
    createdAt: t.field({ type: TimeRange, description: "Created within this range." }),
  }),
});

const CredentialOrderField = builder.enumType("CredentialOrderField", {
  description: "What credentials can be sorted by; equal keys are ordered by id.",
  subGraphs: ["management"],
  values: { CREATED_AT: { description: "Creation time." }, NAME: { description: "Name." } } as const,
});

const CredentialOrder = builder.inputType("CredentialOrder", {
  description: "Sort order of `credentials`.",
  subGraphs: ["management"],
  fields: (t) => ({
    field: t.field({ type: CredentialOrderField, required: true, description: "Sort key." }),
    direction: t.field({ type: OrderDirection, required: true, description: "Sort direction." }),
  }),
});

type CredentialFilterValue = {
  type?: CredentialType[] | null;
  name?: Parameters<typeof toStringWhere>[0];
  createdAt?: Parameters<typeof toTimeWhere>[0];
};

function credentialWhere(filter: CredentialFilterValue | null | undefined): Prisma.CredentialWhereInput {
  if (!filter) return {};
  return {
    ...(filter.type && { type: { in: filter.type } }),
    ...(filter.name && { name: toStringWhere(filter.name) }),
    ...(filter.createdAt && { createdAt: toTimeWhere(filter.createdAt) }),
  };
}

/** Credential ids are random, not time-ordered, so creation time is a column of its own; the id breaks ties to keep pages stable. */
function credentialOrder(order: { field: "CREATED_AT" | "NAME"; direction: "ASC" | "DESC" } | null | undefined): Prisma.CredentialOrderByWithRelationInput[] {
  const direction: Prisma.SortOrder = order?.direction === "DESC" ? "desc" : "asc";
  const key = order?.field === "NAME" ? { name: direction } : { createdAt: direction };
  return [key, { id: direction }];
}

builder.queryField("credentials", (t) =>
  t.prismaConnection(
    {
      ...managementField("credentials:read"),
      type: "Credential",
      cursor: "id",
      description:
        "Credentials owned by one account, integration, integration point or webhook (a webhook's needs webhooks:read). NOT_FOUND when the owner is unknown.",
      args: {
        ownerId: t.arg.id({ required: true, description: "Id of the owner." }),
        filter: t.arg({ type: CredentialFilter, description: "Narrows the list." }),
        orderBy: t.arg({ type: CredentialOrder, description: "Sort order; default oldest first." }),
      },
      resolve: async (query, _root, args, context) => {
        const owner = await findCredentialOwner(context, String(args.ownerId));
        assertMayRead(context, owner);
        const where = { ...credentialWhere(args.filter), ...ownedBy(owner) };
        const page = context.db.credential.findMany({ ...query, where, orderBy: credentialOrder(args.orderBy) });
        return unlessCursorLost(query, args, page, (cursor) => context.db.credential.count({ where: cursor }));
      },
    },
    { subGraphs: ["management"], name: "CredentialConnection", description: "A page of credentials." },
    { subGraphs: ["management"], name: "CredentialEdge", description: "A credential in a page." },
  ),
);
