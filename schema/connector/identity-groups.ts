/** Identity connector: groups and their members. */
import { builder, connectorField } from "../builder.ts";
import { providerConnection } from "./connection.ts";
import { IdentityUserRef } from "./identity.ts";
import { callConnector } from "../../src/services/connector-calls.ts";
import type { IdentityGroup } from "../../providers/types.ts";

const IdentityGroupRef = builder.objectRef<IdentityGroup>("IdentityGroup").implement({
  description: "A group of the identity provider, normalised.",
  subGraphs: ["connector"],
  fields: (t) => ({
    id: t.exposeID("id", { description: "Provider group id." }),
    name: t.exposeString("name", { description: "Name." }),
    description: t.exposeString("description", { nullable: true, description: "Description." }),
    type: t.exposeString("type", { nullable: true, description: "Provider group type, e.g. Okta's OKTA_GROUP or APP_GROUP." }),
    createdAt: t.field({ type: "DateTime", description: "Created.", resolve: (group) => group.createdAt }),
    updatedAt: t.field({ type: "DateTime", description: "Last updated.", resolve: (group) => group.updatedAt }),
    raw: t.field({ type: "JSON", description: "The provider's payload, unchanged.", resolve: (group) => group.raw }),
  }),
});

const IdentityGroupFilter = builder.inputType("IdentityGroupFilter", {
  description: "Narrows `identityGroups`.",
  subGraphs: ["connector"],
  fields: (t) => ({
    name: t.string({ description: "Name starts with this." }),
    type: t.string({ description: "Provider group type." }),
  }),
});

builder.queryField("identityGroups", (t) =>
  t.connection(
    {
      ...connectorField("identity"),
      type: IdentityGroupRef,
      description: "Groups of the identity provider. Operation `identity_query_groups`.",
      args: { filter: t.arg({ type: IdentityGroupFilter, description: "Narrows the list." }) },
      resolve: (_root, args, context) => {
        const filter = { name: args.filter?.name ?? undefined, type: args.filter?.type ?? undefined };
        return providerConnection(args, (page) =>
          callConnector(context, "identity", "identity_query_groups", (adapter) => adapter.queryGroups(filter, page), { filter }),
        );
      },
    },
    { subGraphs: ["connector"], name: "IdentityGroupConnection", description: "A page of groups." },
    { subGraphs: ["connector"], name: "IdentityGroupEdge", description: "A group in a page." },
  ),
);

builder.queryField("identityGroup", (t) =>
  t.field({
    ...connectorField("identity"),
    type: IdentityGroupRef,
    description: "One group by provider id. Operation `identity_get_group`.",
    args: { id: t.arg.id({ required: true, description: "Provider group id." }) },
    resolve: (_root, args, context) => callConnector(context, "identity", "identity_get_group", (adapter) => adapter.getGroup(String(args.id))),
  }),
);

builder.queryField("identityGroupMembers", (t) =>
  t.connection(
    {
      ...connectorField("identity"),
      type: IdentityUserRef,
      description: "Members of one group. Operation `identity_list_group_members`.",
      args: { groupId: t.arg.id({ required: true, description: "Provider group id." }) },
      resolve: (_root, args, context) =>
        providerConnection(args, (page) =>
          callConnector(context, "identity", "identity_list_group_members", (adapter) => adapter.listGroupMembers(String(args.groupId), page)),
        ),
    },
    { subGraphs: ["connector"], name: "IdentityGroupMemberConnection", description: "A page of group members." },
    { subGraphs: ["connector"], name: "IdentityGroupMemberEdge", description: "A group member in a page." },
  ),
);
