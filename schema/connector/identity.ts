/** Identity connector: unified users and the queries that read them. */
import { builder, connectorField } from "../builder.ts";
import { providerConnection } from "./connection.ts";
import { callConnector } from "../../src/services/connector-calls.ts";
import type { IdentityUser, IdentityUserStatus } from "../../providers/types.ts";

const IdentityUserStatusEnum = builder.enumType("IdentityUserStatus", {
  description: "Lifecycle status of an identity user (Okta's statuses).",
  subGraphs: ["connector"],
  values: {
    ACTIVE: { description: "Can sign in." },
    STAGED: { description: "Created, not yet activated." },
    PROVISIONED: { description: "Activated, has not set a password yet." },
    RECOVERY: { description: "Password reset in progress." },
    PASSWORD_EXPIRED: { description: "Must change password at next sign-in." },
    LOCKED_OUT: { description: "Locked after failed sign-ins." },
    SUSPENDED: { description: "Temporarily cannot sign in." },
    DEPROVISIONED: { description: "Deactivated." },
  } as const,
});

export const IdentityUserRef = builder.objectRef<IdentityUser>("IdentityUser").implement({
  description: "A user of the identity provider, normalised.",
  subGraphs: ["connector"],
  fields: (t) => ({
    id: t.exposeID("id", { description: "Provider user id." }),
    login: t.exposeString("login", { description: "Sign-in name." }),
    email: t.exposeString("email", { nullable: true, description: "Primary email." }),
    firstName: t.exposeString("firstName", { nullable: true, description: "Given name." }),
    lastName: t.exposeString("lastName", { nullable: true, description: "Family name." }),
    displayName: t.exposeString("displayName", { nullable: true, description: "Display name." }),
    status: t.field({ type: IdentityUserStatusEnum, description: "Lifecycle status.", resolve: (user) => user.status }),
    createdAt: t.field({ type: "DateTime", description: "Created.", resolve: (user) => user.createdAt }),
    updatedAt: t.field({ type: "DateTime", description: "Last updated.", resolve: (user) => user.updatedAt }),
    lastLoginAt: t.field({ type: "DateTime", nullable: true, description: "Last sign-in.", resolve: (user) => user.lastLoginAt }),
    raw: t.field({ type: "JSON", description: "The provider's payload, unchanged.", resolve: (user) => user.raw }),
  }),
});

const IdentityUserFilter = builder.inputType("IdentityUserFilter", {
  description: "Narrows `identityUsers`. All given conditions must hold.",
  subGraphs: ["connector"],
  fields: (t) => ({
    status: t.field({ type: [IdentityUserStatusEnum], description: "Any of these statuses." }),
    email: t.string({ description: "Exactly this email." }),
    login: t.string({ description: "Exactly this login." }),
    search: t.string({ description: "Prefix of login, email, first or last name." }),
    updatedAfter: t.field({ type: "DateTime", description: "Updated at or after." }),
  }),
});

builder.queryField("identityUsers", (t) =>
  t.connection(
    {
      ...connectorField("identity"),
      type: IdentityUserRef,
      description: "Users of the integration's identity provider, in every status (DEPROVISIONED included) unless `filter.status` narrows them. Operation `identity_query_users`.",
      args: { filter: t.arg({ type: IdentityUserFilter, description: "Narrows the list." }) },
      resolve: (_root, args, context) => {
        const filter = {
          status: (args.filter?.status as IdentityUserStatus[] | null) ?? undefined,
          email: args.filter?.email ?? undefined,
          login: args.filter?.login ?? undefined,
          search: args.filter?.search ?? undefined,
          updatedAfter: args.filter?.updatedAfter?.toISOString(),
        };
        return providerConnection(args, (page) =>
          callConnector(context, "identity", "identity_query_users", (adapter) => adapter.queryUsers(filter, page), { filter }),
        );
      },
    },
    { subGraphs: ["connector"], name: "IdentityUserConnection", description: "A page of identity users." },
    { subGraphs: ["connector"], name: "IdentityUserEdge", description: "An identity user in a page." },
  ),
);

builder.queryField("identityUser", (t) =>
  t.field({
    ...connectorField("identity"),
    type: IdentityUserRef,
    description: "One user by provider id. Operation `identity_get_user`.",
    args: { id: t.arg.id({ required: true, description: "Provider user id." }) },
    resolve: (_root, args, context) => context.loaders.identityUser.load(String(args.id)),
  }),
);
