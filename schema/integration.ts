/** Integrations: the live connection between one account and one provider. */
import { builder, managementField } from "./builder.ts";
import { TokenPairRef } from "./common.ts";
import { ProviderConfigInput, selectedProvider } from "./provider-config.ts";
import { createIntegration, deleteIntegration, updateIntegration, verifyIntegration } from "../src/services/integrations.ts";
import { isUuid } from "../src/services/names.ts";
import { notFound } from "../src/errors.ts";

export const ConnectorEnum = builder.enumType("Connector", {
  description: "A unified API over one category of providers.",
  subGraphs: ["management", "connector"],
  values: {
    TICKETING: { value: "ticketing", description: "Tickets, projects and comments (Jira)." },
    IDENTITY: { value: "identity", description: "Users, groups and the identity audit log (Okta)." },
    NOTIFICATIONS: { value: "notifications", description: "Messages in a channel (Slack)." },
    CLOUDSECURITY: { value: "cloudsecurity", description: "Compliance and threat findings (AWS Security Hub)." },
  } as const,
});

export const IntegrationRef = builder.prismaObject("Integration", {
  description: "The live, authorised connection between one account and one provider.",
  subGraphs: ["management"],
  authScopes: { permission: "integrations:read" },
  // Select mode, light columns read off the row: see the note in builder.ts.
  select: { id: true, name: true, fullname: true, connector: true, providerId: true },
  fields: (t) => ({
    id: t.id({ description: "Integration id (UUID).", resolve: (row) => row.id }),
    name: t.string({ description: "Slug, unique within its account.", resolve: (row) => row.name }),
    fullname: t.string({ description: "Human-readable name.", resolve: (row) => row.fullname }),
    connector: t.field({ type: ConnectorEnum, description: "The connector it serves.", resolve: (row) => row.connector as never }),
    providerId: t.string({ description: "The provider, e.g. `ticketing_jira`.", resolve: (row) => row.providerId }),
    providerConfig: t.expose("providerConfig", { type: "JSON", description: "Non-secret provider settings. Secrets are never returned." }),
    account: t.relation("account", { description: "The account it belongs to." }),
    integrationPoint: t.relation("integrationPoint", {
      nullable: true,
      authScopes: { permission: "integration-points:read" },
      description: "The integration point that governs it, if any.",
    }),
    credential: t.relation("credential", {
      nullable: true,
      authScopes: { permission: "credentials:read" },
      description: "The credential it calls its provider with (only its type, owner and hint are visible).",
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was created." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When it last changed." }),
  }),
});

builder.queryField("integration", (t) =>
  t.prismaField({
    ...managementField("integrations:read"),
    type: "Integration",
    description: "One integration by id. NOT_FOUND if it does not exist or the token cannot reach it.",
    args: { id: t.arg.id({ required: true, description: "Integration id." }) },
    resolve: async (query, _root, args, context) => {
      const id = String(args.id);
      const integration = isUuid(id) ? await context.db.integration.findUnique({ ...query, where: { id } }) : null;
      if (!integration) throw notFound("Integration");
      return integration;
    },
  }),
);

const CreateIntegrationInput = builder.inputType("CreateIntegrationInput", {
  description: "A new integration of an account with one provider.",
  subGraphs: ["management"],
  fields: (t) => ({
    accountId: t.id({ required: true, description: "The account it belongs to." }),
    name: t.string({ required: true, description: "Slug, unique within the account." }),
    fullname: t.string({ description: "Human-readable name; defaults to the name." }),
    integrationPointId: t.id({ description: "Integration point that governs it (optional)." }),
    provider: t.field({ type: ProviderConfigInput, required: true, description: "The provider and its settings." }),
  }),
});

const CreateIntegrationPayload = builder.simpleObject("CreateIntegrationPayload", {
  description: "The new integration and a token pair for its connector API.",
  subGraphs: ["management"],
  fields: (t) => ({
    integration: t.field({ type: IntegrationRef, description: "The integration." }),
    tokens: t.field({ type: TokenPairRef, description: "An integration token pair (connector layer)." }),
  }),
});

builder.mutationField("createIntegration", (t) =>
  t.field({
    // Connect tokens too, under their own integration point only (see connect-scope.ts).
    subGraphs: ["management"],
    authScopes: { anyPermission: ["integrations:write", "integrations:connect"] },
    type: CreateIntegrationPayload,
    description: "Creates an integration and returns it with an integration token pair for the connector API.",
    args: { input: t.arg({ type: CreateIntegrationInput, required: true, description: "The integration to create: account, name, provider configuration and credential." }) },
    resolve: async (_root, { input }, context) =>
      createIntegration(context, {
        accountId: String(input.accountId),
        name: input.name,
        fullname: input.fullname,
        integrationPointId: input.integrationPointId ? String(input.integrationPointId) : null,
        provider: selectedProvider(input.provider as Record<string, unknown>),
      }),
  }),
);

const DeleteIntegrationInput = builder.inputType("DeleteIntegrationInput", {
  description: "The integration to delete.",
  subGraphs: ["management"],
  fields: (t) => ({ id: t.id({ required: true, description: "Integration id." }) }),
});

const DeleteIntegrationPayload = builder.simpleObject("DeleteIntegrationPayload", {
  description: "The deleted integration's id.",
  subGraphs: ["management"],
  fields: (t) => ({ id: t.id({ description: "Integration id." }) }),
});

builder.mutationField("deleteIntegration", (t) =>
  t.field({
    ...managementField("integrations:write"),
    type: DeleteIntegrationPayload,
    description: "Deletes an integration and its tokens; those tokens fail on the next request.",
    args: { input: t.arg({ type: DeleteIntegrationInput, required: true, description: "The integration to delete." }) },
    resolve: async (_root, { input }, context) => ({ id: (await deleteIntegration(context, String(input.id))).id }),
  }),
);

const VerifyIntegrationInput = builder.inputType("VerifyIntegrationInput", {
  description: "An unsaved provider configuration to test.",
  subGraphs: ["management"],
  fields: (t) => ({
    accountId: t.id({ required: true, description: "The account it would belong to (for shared credentials by id)." }),
    provider: t.field({ type: ProviderConfigInput, required: true, description: "The provider, its settings and credential." }),
  }),
});

const IntegrationVerification = builder.simpleObject("IntegrationVerification", {
  description: "What happened when the gateway tried the configuration.",
  subGraphs: ["management"],
  fields: (t) => ({
    ok: t.boolean({ description: "Whether the provider was reached and accepted the credential." }),
    code: t.string({ nullable: true, description: "On failure: PROVIDER_UNAUTHORIZED, PROVIDER_UNAVAILABLE, PROVIDER_RATE_LIMITED, BAD_USER_INPUT, NOT_FOUND or PROVIDER_ERROR." }),
    message: t.string({ description: "A human-readable explanation (never containing the credential)." }),
  }),
});

const VerifyIntegrationPayload = builder.simpleObject("VerifyIntegrationPayload", {
  description: "The verification result.",
  subGraphs: ["management"],
  fields: (t) => ({ result: t.field({ type: IntegrationVerification, description: "The result." }) }),
});

builder.mutationField("verifyIntegration", (t) =>
  t.field({
    // Connect tokens too, under their own integration point only (see connect-scope.ts).
    subGraphs: ["management"],
    authScopes: { anyPermission: ["integrations:write", "integrations:connect"] },
    type: VerifyIntegrationPayload,
    description: "Tests connectivity and credentials of an unsaved configuration, answering with a result rather than an error. Nothing is stored.",
    args: { input: t.arg({ type: VerifyIntegrationInput, required: true, description: "The unsaved configuration to test." }) },
    resolve: async (_root, { input }, context) => ({
      result: await verifyIntegration(context, { accountId: String(input.accountId), provider: selectedProvider(input.provider as Record<string, unknown>) }),
    }),
  }),
);

const UpdateIntegrationInput = builder.inputType("UpdateIntegrationInput", {
  description: "Changes to an integration; omitted fields stay as they are.",
  subGraphs: ["management"],
  fields: (t) => ({
    id: t.id({ required: true, description: "Integration id." }),
    name: t.string({ description: "New slug." }),
    fullname: t.string({ description: "New human-readable name." }),
    provider: t.field({ type: ProviderConfigInput, description: "New settings for the same provider; a credential given here replaces the current one." }),
  }),
});

const IntegrationPayload = builder.simpleObject("IntegrationPayload", {
  description: "The integration after the change.",
  subGraphs: ["management"],
  fields: (t) => ({ integration: t.field({ type: IntegrationRef, description: "The integration." }) }),
});

builder.mutationField("updateIntegration", (t) =>
  t.field({
    ...managementField("integrations:write"),
    type: IntegrationPayload,
    description: "Renames an integration or reconfigures its provider. The provider itself cannot change.",
    args: { input: t.arg({ type: UpdateIntegrationInput, required: true, description: "The integration and what to change." }) },
    resolve: async (_root, { input }, context) => ({
      integration: await updateIntegration(context, {
        id: String(input.id),
        name: input.name,
        fullname: input.fullname,
        provider: input.provider ? selectedProvider(input.provider as Record<string, unknown>) : null,
      }),
    }),
  }),
);
