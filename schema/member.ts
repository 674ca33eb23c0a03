/** Members: the people and service accounts of an organization, who act through their roles. Mutations are in member-mutations.ts. */
import { builder, managementField } from "./builder.ts";
import { oldestFirst, orderInput, StringFilter, toOrderBy, toStringWhere } from "./filters.ts";
import { RoleRef } from "./role.ts";
import { unlessCursorLost } from "./paging.ts";
import { isUuid } from "../src/services/names.ts";
import { notFound } from "../src/errors.ts";

export const MemberKindEnum = builder.enumType("MemberKind", {
  description: "Whether a member is a person or a service account.",
  subGraphs: ["management"],
  values: {
    PERSONAL: { value: "PERSONAL", description: "A person, who logs on with email and password." },
    SERVICE: { value: "SERVICE", description: "A service account: it has no password and cannot log on." },
  } as const,
});

export const MemberStateEnum = builder.enumType("MemberState", {
  description: "Whether a member may act.",
  subGraphs: ["management"],
  values: {
    ACTIVE: { value: "ACTIVE", description: "May log on and use its tokens." },
    DISABLED: { value: "DISABLED", description: "Cannot log on; its tokens were deleted when it was disabled." },
  } as const,
});

export const MemberRef = builder.prismaObject("Member", {
  description: "A person or service account of the organization. What it may do comes from its roles.",
  subGraphs: ["management"],
  authScopes: { permission: "members:read" },
  fields: (t) => ({
    id: t.exposeID("id", { description: "Member id (UUID)." }),
    email: t.exposeString("email", { description: "Email address, lower-case; unique within the organization and used to log on." }),
    fullname: t.exposeString("fullname", { description: "Human-readable name." }),
    kind: t.expose("kind", { type: MemberKindEnum, description: "Person or service account." }),
    state: t.expose("state", { type: MemberStateEnum, description: "Active or disabled." }),
    roles: t.field({
      type: [RoleRef],
      description: "The member's roles; its logon tokens carry the union of their permissions.",
      select: (_args, _context, nestedSelection) => ({ roles: { select: { role: nestedSelection(true) }, orderBy: { createdAt: "asc" } } }),
      resolve: (member) => member.roles.map(({ role }) => role),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was created." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When it last changed." }),
  }),
});

const MemberFilter = builder.inputType("MemberFilter", {
  description: "Narrows `members`. All given conditions must hold.",
  subGraphs: ["management"],
  fields: (t) => ({
    email: t.field({ type: StringFilter, description: "Matches the email address (stored lower-case)." }),
    kind: t.field({ type: MemberKindEnum, description: "Only members of this kind." }),
    state: t.field({ type: MemberStateEnum, description: "Only members in this state." }),
  }),
});

const MemberOrder = orderInput("Member", "members", { CREATED_AT: "Creation time.", UPDATED_AT: "Time of the last change.", EMAIL: "Email address." });

function memberWhere(filter: typeof MemberFilter.$inferInput | null | undefined) {
  return {
    ...(filter?.email && { email: toStringWhere(filter.email) }),
    ...(filter?.kind && { kind: filter.kind }),
    ...(filter?.state && { state: filter.state }),
  };
}

builder.queryField("members", (t) =>
  t.prismaConnection(
    {
      ...managementField("members:read"),
      type: "Member",
      cursor: "id",
      description: "Members of the organization.",
      args: {
        filter: t.arg({ type: MemberFilter, description: "Narrows the list." }),
        orderBy: t.arg({ type: MemberOrder, description: "Sort order; default oldest first." }),
      },
      totalCount: (_connection, args, context) => context.db.member.count({ where: memberWhere(args.filter) }),
      resolve: (query, _root, args, context) => {
        const orderBy = toOrderBy(args.orderBy, { CREATED_AT: "createdAt", UPDATED_AT: "updatedAt", EMAIL: "email" }, oldestFirst);
        const page = context.db.member.findMany({ ...query, where: memberWhere(args.filter), orderBy });
        return unlessCursorLost(query, args, page, (where) => context.db.member.count({ where }));
      },
    },
    { subGraphs: ["management"], name: "MemberConnection", description: "A page of members." },
    { subGraphs: ["management"], name: "MemberEdge", description: "A member in a page." },
  ),
);

builder.queryField("member", (t) =>
  t.prismaField({
    ...managementField("members:read"),
    type: "Member",
    description: "One member by id. NOT_FOUND if it does not exist or belongs to another organization.",
    args: { id: t.arg.id({ required: true, description: "Member id." }) },
    resolve: async (query, _root, args, context) => {
      const id = String(args.id);
      const member = isUuid(id) ? await context.db.member.findUnique({ ...query, where: { id } }) : null;
      if (!member) throw notFound("Member");
      return member;
    },
  }),
);
