/** Capabilities: the connectors, and every provider with its operations, settings and credential types. */
import { builder } from "./builder.ts";
import { ConnectorEnum } from "./integration.ts";
import { notFound } from "../src/errors.ts";
import { operations } from "../providers/operations.ts";
import { isProviderId, providers } from "../providers/registry.ts";
import type { ConfigField, ProviderDefinition } from "../providers/definition.ts";
import type { ConnectorId } from "../providers/types.ts";

const connectorInfo: Record<ConnectorId, { name: string; description: string }> = {
  ticketing: { name: "Ticketing", description: "Tickets, projects and comments, e.g. Jira." },
  identity: { name: "Identity", description: "Users, groups, lifecycle actions and the audit log as OCSF events, e.g. Okta." },
  notifications: { name: "Notifications", description: "Messages in a channel, e.g. Slack." },
  cloudsecurity: { name: "Cloud security", description: "Compliance and threat findings as OCSF events, e.g. AWS Security Hub." },
};

export const CredentialTypeEnum = builder.enumType("CredentialType", {
  description: "The kind of secret a credential holds.",
  subGraphs: ["management"],
  values: {
    TOKEN: { description: "A bearer or API token." },
    BASIC: { description: "A username (or email) and a password or API token." },
    SECRET: { description: "A generic secret, e.g. a webhook signing secret." },
    AWS: { description: "An AWS access key id and secret access key, optionally with a session token." },
    OAUTH_CLIENT: { description: "An OAuth 2.0 client id and secret." },
  } as const,
});

const ConnectorCapability = builder.objectRef<ConnectorId>("ConnectorCapability").implement({
  description: "A unified API over one category of providers.",
  subGraphs: ["management"],
  fields: (t) => ({
    id: t.field({ type: ConnectorEnum, description: "Connector id.", resolve: (id) => id }),
    name: t.string({ description: "Display name.", resolve: (id) => connectorInfo[id].name }),
    description: t.string({ description: "What it covers.", resolve: (id) => connectorInfo[id].description }),
    operations: t.stringList({ description: "Every operation id of the connector, `<connector>_<verb>_<noun>`.", resolve: (id) => [...operations[id]] }),
    providers: t.stringList({
      description: "Ids of the providers that serve it.",
      resolve: (id) => Object.values(providers).filter((provider) => provider.connector === id).map((provider) => provider.id),
    }),
  }),
});

const ConfigFieldRef = builder.objectRef<ConfigField>("ProviderConfigField").implement({
  description: "A non-secret setting of a provider.",
  subGraphs: ["management"],
  fields: (t) => ({
    name: t.exposeString("name", { description: "Field name in the provider's config input." }),
    description: t.exposeString("description", { description: "What it sets." }),
    required: t.exposeBoolean("required", { description: "Whether it must be given." }),
    type: t.exposeString("type", { description: "Kind of value, e.g. `url`, `string`, `region`." }),
  }),
});

const OperationCapability = builder.objectRef<{ id: string; filters: string[]; orders: string[] }>("OperationCapability").implement({
  description: "An operation a provider supports, with the filters and orders it accepts.",
  subGraphs: ["management"],
  fields: (t) => ({
    id: t.exposeString("id", { description: "Operation id." }),
    filters: t.exposeStringList("filters", { description: "Filter fields honoured (query operations); any other is refused with UNSUPPORTED_OPERATION, never ignored." }),
    orders: t.exposeStringList("orders", { description: "Sort orders honoured (query operations); any other is refused with UNSUPPORTED_OPERATION." }),
  }),
});

const ProviderCapability = builder.objectRef<ProviderDefinition<ConnectorId, unknown>>("ProviderCapability").implement({
  description: "A provider: what it connects to, what it can do and what it needs.",
  subGraphs: ["management"],
  fields: (t) => ({
    id: t.exposeString("id", { description: "Provider id, e.g. `ticketing_jira`; in camelCase it names the field of ProviderConfigInput." }),
    connector: t.field({ type: ConnectorEnum, description: "The connector it serves.", resolve: (provider) => provider.connector }),
    name: t.exposeString("name", { description: "Display name." }),
    description: t.exposeString("description", { description: "What it is." }),
    operations: t.field({
      type: [OperationCapability],
      description: "Supported operations; any other operation of the connector answers UNSUPPORTED_OPERATION.",
      resolve: (provider) =>
        provider.operations.map((id) => ({ id, filters: provider.queryCapabilities?.[id]?.filters ?? [], orders: provider.queryCapabilities?.[id]?.orders ?? [] })),
    }),
    configFields: t.field({ type: [ConfigFieldRef], description: "Non-secret settings.", resolve: (provider) => provider.configFields }),
    credentialTypes: t.field({ type: [CredentialTypeEnum], description: "Credential types accepted (empty: none needed).", resolve: (provider) => provider.credentialTypes }),
  }),
});

const allProviders = () => Object.values(providers) as unknown as ProviderDefinition<ConnectorId, unknown>[];

builder.queryFields((t) => ({
  connectors: t.field({
    subGraphs: ["management"],
    authScopes: { managementToken: true },
    type: [ConnectorCapability],
    description: "Every connector with its operations.",
    resolve: () => Object.keys(operations) as ConnectorId[],
  }),
  providers: t.field({
    subGraphs: ["management"],
    authScopes: { managementToken: true },
    type: [ProviderCapability],
    description: "Every provider with its connector, operations, settings and credential types.",
    args: { connector: t.arg({ type: ConnectorEnum, description: "Only providers of this connector." }) },
    resolve: (_root, args) => allProviders().filter((provider) => !args.connector || provider.connector === args.connector),
  }),
  provider: t.field({
    subGraphs: ["management"],
    authScopes: { managementToken: true },
    type: ProviderCapability,
    description: "One provider by id. NOT_FOUND if no provider has that id.",
    args: { id: t.arg.string({ required: true, description: "Provider id, e.g. `ticketing_jira`." }) },
    resolve: (_root, args) => {
      if (!isProviderId(args.id)) throw notFound("Provider");
      return providers[args.id] as unknown as ProviderDefinition<ConnectorId, unknown>;
    },
  }),
}));
