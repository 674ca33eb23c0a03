/** Sub-organizations: child organizations of the caller's, in the same tenant, each with its own members, roles and accounts. */
import { builder, managementField } from "./builder.ts";
import { oldestFirst, orderInput, StringFilter, timeAndNameColumns, toOrderBy, toStringWhere } from "./filters.ts";
import { OrganizationRef } from "./organization.ts";
import { unlessCursorLost } from "./paging.ts";
import { asOrganization } from "../src/auth/require.ts";
import { createSubOrganization, deleteSubOrganization, findSubOrganization } from "../src/services/organizations.ts";

const SubOrganizationFilter = builder.inputType("SubOrganizationFilter", {
  description: "Narrows `subOrganizations`. All given conditions must hold.",
  subGraphs: ["management"],
  fields: (t) => ({ name: t.field({ type: StringFilter, description: "Matches the name." }) }),
});

const SubOrganizationOrder = orderInput("SubOrganization", "subOrganizations", {
  CREATED_AT: "Creation time.",
  UPDATED_AT: "Time of the last change.",
  NAME: "Name.",
});

function subOrganizationWhere(parentId: string, filter: typeof SubOrganizationFilter.$inferInput | null | undefined) {
  return { parentId, ...(filter?.name && { name: toStringWhere(filter.name) }) };
}

builder.queryField("subOrganizations", (t) =>
  t.prismaConnection(
    {
      ...managementField("organization:read"),
      type: "Organization",
      cursor: "id",
      description: "The direct sub-organizations of the calling token's organization.",
      args: {
        filter: t.arg({ type: SubOrganizationFilter, description: "Narrows the list." }),
        orderBy: t.arg({ type: SubOrganizationOrder, description: "Sort order; default oldest first." }),
      },
      totalCount: (_connection, args, context) =>
        context.db.organization.count({ where: subOrganizationWhere(asOrganization(context).viewer.organizationId, args.filter) }),
      resolve: (query, _root, args, context) => {
        const orderBy = toOrderBy(args.orderBy, timeAndNameColumns, oldestFirst);
        const where = subOrganizationWhere(asOrganization(context).viewer.organizationId, args.filter);
        const page = context.db.organization.findMany({ ...query, where, orderBy });
        return unlessCursorLost(query, args, page, (where) => context.db.organization.count({ where }));
      },
    },
    { subGraphs: ["management"], name: "SubOrganizationConnection", description: "A page of sub-organizations." },
    { subGraphs: ["management"], name: "SubOrganizationEdge", description: "A sub-organization in a page." },
  ),
);

builder.queryField("subOrganization", (t) =>
  t.prismaField({
    ...managementField("organization:read"),
    type: "Organization",
    description: "One direct sub-organization by id. NOT_FOUND for any other organization, including the caller's own.",
    args: { id: t.arg.id({ required: true, description: "Organization id." }) },
    resolve: (_query, _root, args, context) => findSubOrganization(context, String(args.id)),
  }),
);

const CreateSubOrganizationInput = builder.inputType("CreateSubOrganizationInput", {
  description: "A new sub-organization and its first administrator.",
  subGraphs: ["management"],
  fields: (t) => ({
    name: t.string({ required: true, description: "Slug, unique in the tenant: lower-case letters, digits, hyphens." }),
    fullname: t.string({ description: "Human-readable name; defaults to the name." }),
    adminEmail: t.string({ required: true, description: "Email of its first member, who holds its built-in `administrator` role." }),
    adminPassword: t.string({ required: true, description: "Password of that member: 12 to 256 characters. Stored only as an Argon2id hash." }),
  }),
});

const CreateSubOrganizationPayload = builder.simpleObject("CreateSubOrganizationPayload", {
  description: "The new sub-organization.",
  subGraphs: ["management"],
  fields: (t) => ({
    organization: t.field({ type: OrganizationRef, description: "The sub-organization." }),
    adminMemberId: t.id({
      description: "Id of its first administrator. That member belongs to the sub-organization: log on to it to manage it.",
    }),
  }),
});

builder.mutationField("createSubOrganization", (t) =>
  t.field({
    ...managementField("organization:write"),
    type: CreateSubOrganizationPayload,
    description:
      "Creates a sub-organization of the calling token's organization, with its built-in roles and first administrator. CONFLICT if the name is taken in the tenant; FORBIDDEN for tokens restricted to accounts.",
    args: { input: t.arg({ type: CreateSubOrganizationInput, required: true, description: "The new sub-organization." }) },
    resolve: async (_root, { input }, context) => {
      const { organization, memberId } = await createSubOrganization(context, input);
      return { organization, adminMemberId: memberId };
    },
  }),
);

const DeleteSubOrganizationInput = builder.inputType("DeleteSubOrganizationInput", {
  description: "The sub-organization to delete.",
  subGraphs: ["management"],
  fields: (t) => ({ id: t.id({ required: true, description: "Organization id." }) }),
});

const DeleteSubOrganizationPayload = builder.simpleObject("DeleteSubOrganizationPayload", {
  description: "The deleted sub-organization's id.",
  subGraphs: ["management"],
  fields: (t) => ({ id: t.id({ description: "Organization id." }) }),
});

builder.mutationField("deleteSubOrganization", (t) =>
  t.field({
    ...managementField("organization:write"),
    type: DeleteSubOrganizationPayload,
    description:
      "Deletes a direct sub-organization with everything in it and below it: members, roles, accounts, integrations, credentials and tokens, which fail on the next request. FORBIDDEN for tokens restricted to accounts.",
    args: { input: t.arg({ type: DeleteSubOrganizationInput, required: true, description: "The sub-organization to delete." }) },
    resolve: async (_root, { input }, context) => ({ id: (await deleteSubOrganization(context, String(input.id))).id }),
  }),
);
