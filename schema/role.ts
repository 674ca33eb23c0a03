/** Roles: what members may do, as one permission set optionally restricted to some accounts. Mutations are in role-mutations.ts. */
import { builder, managementField } from "./builder.ts";
import { PermissionSetEnum } from "./common.ts";
import { oldestFirst, orderInput, StringFilter, timeAndNameColumns, toOrderBy, toStringWhere } from "./filters.ts";
import { unlessCursorLost } from "./paging.ts";
import type { PermissionSetId } from "../src/auth/permissions.ts";
import { isUuid } from "../src/services/names.ts";
import { rolePermissions } from "../src/services/sessions.ts";
import { notFound } from "../src/errors.ts";

export const RoleRef = builder.prismaObject("Role", {
  description:
    "A named grant of one permission set, optionally restricted to some accounts. Members hold roles; a logon token carries the union of its member's roles. Every organization has one built-in role per permission set.",
  subGraphs: ["management"],
  authScopes: { permission: "roles:read" },
  fields: (t) => ({
    id: t.exposeID("id", { description: "Role id (UUID)." }),
    name: t.exposeString("name", { description: "Slug, unique within the organization. Built-in roles are named after their permission set." }),
    description: t.exposeString("description", { description: "What the role is for; may be empty." }),
    permissionSet: t.field({
      type: PermissionSetEnum,
      description: "The permission set the role grants.",
      resolve: (role) => role.permissionSet as PermissionSetId,
    }),
    permissions: t.stringList({
      description: "The permissions the role grants: its permission set, expanded.",
      resolve: (role) => rolePermissions(role.permissionSet),
    }),
    accountIds: t.idList({
      nullable: true,
      description:
        "The accounts the role is restricted to; null when it applies to every account. A caller restricted to some accounts sees only those among its own (possibly none).",
      resolve: (role, _args, context) => {
        if (role.accountIds.length === 0) return null;
        // A restricted caller sees nothing of other accounts, not even their ids.
        const reach = context.viewer.kind === "organization" ? context.viewer.accountIds : [];
        return reach === null ? role.accountIds : role.accountIds.filter((id) => reach.includes(id));
      },
    }),
    builtIn: t.exposeBoolean("builtIn", { description: "Built-in roles come with the organization and cannot be changed or deleted." }),
    memberCount: t.relationCount("members", { description: "How many members hold the role." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was created." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When it last changed." }),
  }),
});

const RoleFilter = builder.inputType("RoleFilter", {
  description: "Narrows `roles`. All given conditions must hold.",
  subGraphs: ["management"],
  fields: (t) => ({
    name: t.field({ type: StringFilter, description: "Matches the name." }),
    permissionSet: t.field({ type: PermissionSetEnum, description: "Only roles granting this permission set." }),
    builtIn: t.boolean({ description: "Only built-in roles (true) or only custom roles (false)." }),
  }),
});

const RoleOrder = orderInput("Role", "roles", { CREATED_AT: "Creation time.", UPDATED_AT: "Time of the last change.", NAME: "Name." });

function roleWhere(filter: typeof RoleFilter.$inferInput | null | undefined) {
  return {
    ...(filter?.name && { name: toStringWhere(filter.name) }),
    ...(filter?.permissionSet != null && { permissionSet: filter.permissionSet }),
    ...(filter?.builtIn != null && { builtIn: filter.builtIn }),
  };
}

builder.queryField("roles", (t) =>
  t.prismaConnection(
    {
      ...managementField("roles:read"),
      type: "Role",
      cursor: "id",
      description: "Roles of the organization, built-in and custom.",
      args: {
        filter: t.arg({ type: RoleFilter, description: "Narrows the list." }),
        orderBy: t.arg({ type: RoleOrder, description: "Sort order; default oldest first." }),
      },
      totalCount: (_connection, args, context) => context.db.role.count({ where: roleWhere(args.filter) }),
      resolve: (query, _root, args, context) => {
        const orderBy = toOrderBy(args.orderBy, timeAndNameColumns, oldestFirst);
        const page = context.db.role.findMany({ ...query, where: roleWhere(args.filter), orderBy });
        return unlessCursorLost(query, args, page, (where) => context.db.role.count({ where }));
      },
    },
    { subGraphs: ["management"], name: "RoleConnection", description: "A page of roles." },
    { subGraphs: ["management"], name: "RoleEdge", description: "A role in a page." },
  ),
);

builder.queryField("role", (t) =>
  t.prismaField({
    ...managementField("roles:read"),
    type: "Role",
    description: "One role by id. NOT_FOUND if it does not exist or belongs to another organization.",
    args: { id: t.arg.id({ required: true, description: "Role id." }) },
    resolve: async (query, _root, args, context) => {
      const id = String(args.id);
      const role = isUuid(id) ? await context.db.role.findUnique({ ...query, where: { id } }) : null;
      if (!role) throw notFound("Role");
      return role;
    },
  }),
);
