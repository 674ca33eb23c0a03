/** Accounts: the vendor's customers, each a secure container of integrations and credentials. */
import { builder, managementField } from "./builder.ts";
import { EnvironmentEnum } from "./common.ts";
import { oldestFirst, orderInput, StringFilter, timeAndNameColumns, TimeRange, toIdsWhere, toOrderBy, toStringWhere, toTimeWhere } from "./filters.ts";
import { IntegrationFilter, IntegrationOrder, integrationOrderBy, integrationWhere } from "./integration-list.ts";
import { afterCursorCheck, unlessCursorLost } from "./paging.ts";
import { createAccount, deleteAccount, updateAccount } from "../src/services/accounts.ts";
import { isUuid } from "../src/services/names.ts";
import { notFound } from "../src/errors.ts";

export const AccountRef = builder.prismaObject("Account", {
  description: "One of your customers: a secure container for integrations and credentials. Data is never shared across accounts.",
  subGraphs: ["management"],
  authScopes: { permission: "accounts:read" },
  // Select mode, light columns read off the row: see the note in builder.ts.
  select: { id: true, name: true, fullname: true, environment: true },
  fields: (t) => ({
    id: t.id({ description: "Account id (UUID).", resolve: (row) => row.id }),
    name: t.string({ description: "Unique slug within the organization.", resolve: (row) => row.name }),
    fullname: t.string({ description: "Human-readable name.", resolve: (row) => row.fullname }),
    environment: t.field({ type: EnvironmentEnum, description: "Test or production.", resolve: (row) => row.environment }),
    labels: t.exposeStringList("labels", { description: "Free labels (slugs) for grouping and filtering." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was created." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When it last changed." }),
    integrations: t.relatedConnection(
      "integrations",
      {
        cursor: "id",
        description: "The account's integrations.",
        authScopes: { permission: "integrations:read" },
        args: {
          filter: t.arg({ type: IntegrationFilter, description: "Narrows the list. `accountId`, `environment` and `labels` test this account itself, so they keep all of its integrations or none." }),
          orderBy: t.arg({ type: IntegrationOrder, description: "Sort order; default oldest first." }),
        },
        totalCount: true,
        query: (args, context) =>
          afterCursorCheck(context, "Account.integrations", args, (id) => context.db.integration.count({ where: { id } }), {
            where: integrationWhere(args.filter),
            orderBy: integrationOrderBy(args.orderBy),
          }),
      },
      { subGraphs: ["management"], name: "AccountIntegrationsConnection", description: "A page of an account's integrations." },
      { subGraphs: ["management"], name: "AccountIntegrationsEdge", description: "An integration in a page." },
    ),
  }),
});

const AccountFilter = builder.inputType("AccountFilter", {
  description: "Narrows `accounts`. All given conditions must hold.",
  subGraphs: ["management"],
  fields: (t) => ({
    id: t.idList({ description: "Any of these ids." }),
    name: t.field({ type: StringFilter, description: "Matches the name." }),
    environment: t.field({ type: EnvironmentEnum, description: "Only this environment." }),
    labels: t.stringList({ description: "Carries every one of these labels." }),
    createdAt: t.field({ type: TimeRange, description: "Created within this range." }),
  }),
});

const AccountOrder = orderInput("Account", "accounts", { CREATED_AT: "Creation time.", UPDATED_AT: "Time of the last change.", NAME: "Name." });

builder.queryField("accounts", (t) =>
  t.prismaConnection(
    {
      ...managementField("accounts:read"),
      type: "Account",
      cursor: "id",
      description: "Accounts of the organization that the calling token can reach.",
      args: {
        filter: t.arg({ type: AccountFilter, description: "Narrows the list." }),
        orderBy: t.arg({ type: AccountOrder, description: "Sort order; default oldest first." }),
      },
      totalCount: (_connection, args, context) =>
        context.db.account.count({ where: accountWhere(args.filter) }),
      resolve: (query, _root, args, context) => {
        const orderBy = toOrderBy(args.orderBy, timeAndNameColumns, oldestFirst);
        const page = context.db.account.findMany({ ...query, where: accountWhere(args.filter), orderBy });
        return unlessCursorLost(query, args, page, (where) => context.db.account.count({ where }));
      },
    },
    { subGraphs: ["management"], name: "AccountConnection", description: "A page of accounts." },
    { subGraphs: ["management"], name: "AccountEdge", description: "An account in a page." },
  ),
);

function accountWhere(filter: typeof AccountFilter.$inferInput | null | undefined) {
  if (!filter) return {};
  return {
    ...(filter.id && { id: toIdsWhere(filter.id) }),
    ...(filter.name && { name: toStringWhere(filter.name) }),
    ...(filter.environment && { environment: filter.environment }),
    ...(filter.labels && { labels: { hasEvery: filter.labels } }),
    ...(filter.createdAt && { createdAt: toTimeWhere(filter.createdAt) }),
  };
}

builder.queryField("account", (t) =>
  t.prismaField({
    ...managementField("accounts:read"),
    type: "Account",
    description: "One account by id. NOT_FOUND if it does not exist or the token cannot reach it.",
    args: { id: t.arg.id({ required: true, description: "Account id." }) },
    resolve: async (query, _root, args, context) => {
      const id = String(args.id);
      const account = isUuid(id) ? await context.db.account.findUnique({ ...query, where: { id } }) : null;
      if (!account) throw notFound("Account");
      return account;
    },
  }),
);

const CreateAccountInput = builder.inputType("CreateAccountInput", {
  description: "A new account.",
  subGraphs: ["management"],
  fields: (t) => ({
    name: t.string({ required: true, description: "Slug, unique in the organization: lower-case letters, digits, hyphens." }),
    fullname: t.string({ description: "Human-readable name; defaults to the name." }),
    environment: t.field({ type: EnvironmentEnum, description: "Defaults to TEST." }),
    labels: t.stringList({ description: "Labels (slugs)." }),
  }),
});

const AccountPayload = builder.simpleObject("AccountPayload", {
  description: "The account after the change.",
  subGraphs: ["management"],
  fields: (t) => ({ account: t.field({ type: AccountRef, description: "The account." }) }),
});

builder.mutationField("createAccount", (t) =>
  t.field({
    ...managementField("accounts:write"),
    type: AccountPayload,
    description: "Creates an account. CONFLICT if the name is taken.",
    args: { input: t.arg({ type: CreateAccountInput, required: true, description: "The account to create." }) },
    resolve: async (_root, { input }, context) => ({ account: await createAccount(context, input) }),
  }),
);

const UpdateAccountInput = builder.inputType("UpdateAccountInput", {
  description: "Changes to an account; omitted fields stay as they are.",
  subGraphs: ["management"],
  fields: (t) => ({
    id: t.id({ required: true, description: "Account id." }),
    name: t.string({ description: "New slug." }),
    fullname: t.string({ description: "New human-readable name." }),
    environment: t.field({ type: EnvironmentEnum, description: "New environment." }),
    labels: t.stringList({ description: "Replaces the labels." }),
  }),
});

builder.mutationField("updateAccount", (t) =>
  t.field({
    ...managementField("accounts:write"),
    type: AccountPayload,
    description: "Updates an account.",
    args: { input: t.arg({ type: UpdateAccountInput, required: true, description: "The account and what to change." }) },
    resolve: async (_root, { input }, context) => ({ account: await updateAccount(context, String(input.id), input) }),
  }),
);

const DeleteAccountInput = builder.inputType("DeleteAccountInput", {
  description: "The account to delete.",
  subGraphs: ["management"],
  fields: (t) => ({ id: t.id({ required: true, description: "Account id." }) }),
});

const DeleteAccountPayload = builder.simpleObject("DeleteAccountPayload", {
  description: "The deleted account's id.",
  subGraphs: ["management"],
  fields: (t) => ({ id: t.id({ description: "Account id." }) }),
});

builder.mutationField("deleteAccount", (t) =>
  t.field({
    ...managementField("accounts:write"),
    type: DeleteAccountPayload,
    description: "Deletes an account with its integrations, credentials and tokens; those tokens fail on the next request.",
    args: { input: t.arg({ type: DeleteAccountInput, required: true, description: "The account to delete." }) },
    resolve: async (_root, { input }, context) => ({ id: (await deleteAccount(context, String(input.id))).id }),
  }),
);
