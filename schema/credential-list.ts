/** The `credentials` list: one owner's credentials, narrowed by type, name and creation time, in a chosen order. */
import { createContextCache } from "@pothos/core";
import type { Prisma } from "../src/generated/prisma/client.ts";
import type { Context } from "../src/context.ts";
import { builder, managementField } from "./builder.ts";
import { CredentialTypeEnum } from "./capabilities.ts";
import { oldestFirst, orderInput, StringFilter, timeAndNameColumns, TimeRange, toOrderBy, toStringWhere, toTimeWhere } from "./filters.ts";
import { unlessCursorLost } from "./paging.ts";
import { assertMayRead, findCredentialOwner, ownedBy, type CredentialOwnerRef } from "../src/services/credential-admin.ts";

const CredentialFilter = builder.inputType("CredentialFilter", {
  description: "Narrows `credentials`. All given conditions must hold.",
  subGraphs: ["management"],
  fields: (t) => ({
    type: t.field({ type: [CredentialTypeEnum], description: "Any of these kinds of secret." }),
    name: t.field({ type: StringFilter, description: "Matches the name." }),
    createdAt: t.field({ type: TimeRange, description: "Created within this range." }),
  }),
});

const CredentialOrder = orderInput("Credential", "credentials", {
  CREATED_AT: "Creation time.",
  UPDATED_AT: "Time the secret or name last changed.",
  NAME: "Name.",
});

function credentialWhere(filter: typeof CredentialFilter.$inferInput | null | undefined): Prisma.CredentialWhereInput {
  if (!filter) return {};
  return {
    ...(filter.type && { type: { in: filter.type } }),
    ...(filter.name && { name: toStringWhere(filter.name) }),
    ...(filter.createdAt && { createdAt: toTimeWhere(filter.createdAt) }),
  };
}

/** Credential ids are random, not time-ordered, so creation time is a column of its own. */
const credentialOrder = (order: typeof CredentialOrder.$inferInput | null | undefined) =>
  toOrderBy(order, timeAndNameColumns, oldestFirst);

/** The owner, looked up once per request however many of the list's fields ask for it. */
const ownerLookups = createContextCache(() => new Map<string, Promise<CredentialOwnerRef>>());
function readableOwner(context: Context, ownerId: string): Promise<CredentialOwnerRef> {
  const lookups = ownerLookups(context);
  let owner = lookups.get(ownerId);
  if (!owner) {
    owner = findCredentialOwner(context, ownerId).then((found) => {
      assertMayRead(context, found);
      return found;
    });
    lookups.set(ownerId, owner);
  }
  return owner;
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
      totalCount: async (_connection, args, context) => {
        const owner = await readableOwner(context, String(args.ownerId));
        return context.db.credential.count({ where: { ...credentialWhere(args.filter), ...ownedBy(owner) } });
      },
      resolve: async (query, _root, args, context) => {
        const owner = await readableOwner(context, String(args.ownerId));
        const where = { ...credentialWhere(args.filter), ...ownedBy(owner) };
        const page = context.db.credential.findMany({ ...query, where, orderBy: credentialOrder(args.orderBy) });
        return unlessCursorLost(query, args, page, (cursor) => context.db.credential.count({ where: cursor }));
      },
    },
    { subGraphs: ["management"], name: "CredentialConnection", description: "A page of credentials." },
    { subGraphs: ["management"], name: "CredentialEdge", description: "A credential in a page." },
  ),
);
