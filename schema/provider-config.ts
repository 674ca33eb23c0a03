/**
 * The `@oneOf` input that picks an integration's provider and carries its settings. Its fields are
 * generated from the provider registry (one per provider id, in camelCase), so the schema cannot
 * drift from what each provider's config schema accepts; the provider's zod schema validates them.
 */
import { builder } from "./builder.ts";
import { CredentialInput, toCredentialChoice } from "./credential-input.ts";
import type { CredentialChoice } from "../src/services/integrations.ts";
import { providerInputName as camel, providers } from "../providers/registry.ts";
import type { ConfigField, ProviderDefinition } from "../providers/definition.ts";
import type { ConnectorId } from "../providers/types.ts";

const pascal = (id: string) => camel(id).replace(/^[a-z]/, (letter) => letter.toUpperCase());

type InputFieldBuilder = Parameters<Parameters<typeof builder.inputType>[1]["fields"]>[0];

function configField(t: InputFieldBuilder, field: ConfigField) {
  const options = { required: field.required, description: field.description };
  switch (field.type) {
    case "string[]":
      return t.stringList(options);
    case "boolean":
      return t.boolean(options);
    case "integer":
      return t.int(options);
    default:
      return t.string(options);
  }
}

function providerInput(provider: ProviderDefinition<ConnectorId, unknown>) {
  return builder.inputType(`${pascal(provider.id)}ConfigInput`, {
    description: `Settings of ${provider.name}. ${provider.description}`,
    subGraphs: ["management"],
    fields: (t) => ({
      ...Object.fromEntries(provider.configFields.map((field) => [field.name, configField(t, field)])),
      ...(provider.credentialTypes.length > 0 && {
        credential: t.field({
          type: CredentialInput,
          description: `Accepted credential types: ${provider.credentialTypes.join(", ")}. Required to create or verify; on update, omit it to keep the current credential.`,
        }),
      }),
    }),
  });
}

const definitions = Object.values(providers) as unknown as ProviderDefinition<ConnectorId, unknown>[];

export const ProviderConfigInput = builder.inputType("ProviderConfigInput", {
  description: "Exactly one provider and its settings. The field name is the provider id in camelCase (see `providers`).",
  subGraphs: ["management"],
  isOneOf: true,
  fields: (t) =>
    Object.fromEntries(
      definitions.map((provider) => [camel(provider.id), t.field({ type: providerInput(provider), description: `${provider.name} (\`${provider.id}\`).` })]),
    ),
});

export interface SelectedProvider {
  providerId: string;
  settings: Record<string, unknown>;
  credential: CredentialChoice;
}

/** Maps the one given field (`ticketingJira`) to its provider id (`ticketing_jira`), settings and credential. */
export function selectedProvider(input: Record<string, unknown>): SelectedProvider | null {
  const given = Object.entries(input).filter(([, value]) => value !== null && value !== undefined);
  if (given.length !== 1 || !given[0]) return null;
  const [field, value] = given[0];
  const { credential, ...rest } = value as Record<string, unknown>;
  const providerId = field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
  const settings = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null && v !== undefined));
  return { providerId, settings, credential: toCredentialChoice(credential as Parameters<typeof toCredentialChoice>[0]) };
}
