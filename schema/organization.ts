/** The Organization type, and the query and mutation for the caller's own organization. */
import { builder, managementField } from "./builder.ts";
import { asOrganization } from "../src/auth/require.ts";
import { notFound } from "../src/errors.ts";
import { updateOrganization } from "../src/services/organizations.ts";

export const OrganizationRef = builder.prismaObject("Organization", {
  description: "Owns members, roles, integration points, accounts, webhooks and credentials. A tenant is a root organization.",
  subGraphs: ["management"],
  authScopes: { permission: "organization:read" },
  fields: (t) => ({
    id: t.exposeID("id", { description: "Organization id (UUID)." }),
    tenantId: t.exposeID("tenantId", { description: "The tenant (root organization) this organization belongs to." }),
    name: t.exposeString("name", { description: "Unique slug within the tenant." }),
    fullname: t.exposeString("fullname", { description: "Human-readable name." }),
    parentId: t.exposeID("parentId", { nullable: true, description: "Parent organization, for sub-organizations." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was created." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When it last changed." }),
  }),
});

builder.queryField("organization", (t) =>
  t.prismaField({
    ...managementField("organization:read"),
    type: "Organization",
    description: "The organization of the calling token.",
    resolve: async (query, _root, _args, context) => {
      const organization = await context.db.organization.findUnique({ ...query, where: { id: asOrganization(context).viewer.organizationId } });
      if (!organization) throw notFound("Organization");
      return organization;
    },
  }),
);

const UpdateOrganizationInput = builder.inputType("UpdateOrganizationInput", {
  description: "Changes to the calling token's organization; omitted fields stay as they are.",
  subGraphs: ["management"],
  fields: (t) => ({
    name: t.string({ description: "New slug, unique in the tenant: lower-case letters, digits, hyphens." }),
    fullname: t.string({ description: "New human-readable name." }),
  }),
});

const OrganizationPayload = builder.simpleObject("OrganizationPayload", {
  description: "The organization after the change.",
  subGraphs: ["management"],
  fields: (t) => ({ organization: t.field({ type: OrganizationRef, description: "The organization." }) }),
});

builder.mutationField("updateOrganization", (t) =>
  t.field({
    ...managementField("organization:write"),
    type: OrganizationPayload,
    description:
      "Renames the calling token's organization. CONFLICT if the name is taken in the tenant; FORBIDDEN for tokens restricted to accounts.",
    args: { input: t.arg({ type: UpdateOrganizationInput, required: true, description: "The changes." }) },
    resolve: async (_root, { input }, context) => ({ organization: await updateOrganization(context, input) }),
  }),
);
