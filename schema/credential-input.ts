/** The `@oneOf` input that gives a credential inline (sealed on arrival) or names a shared one by id. */
import { builder } from "./builder.ts";
import type { ProviderCredential } from "../providers/types.ts";
import type { CredentialChoice } from "../src/services/integrations.ts";

const TokenCredentialInput = builder.inputType("TokenCredentialInput", {
  description: "A bearer or API token.",
  subGraphs: ["management"],
  fields: (t) => ({ token: t.string({ required: true, description: "The token. Never returned." }) }),
});

const BasicCredentialInput = builder.inputType("BasicCredentialInput", {
  description: "A username (or email) and a password or API token.",
  subGraphs: ["management"],
  fields: (t) => ({
    username: t.string({ required: true, description: "Username or email." }),
    password: t.string({ required: true, description: "Password or API token. Never returned." }),
  }),
});

const SecretCredentialInput = builder.inputType("SecretCredentialInput", {
  description: "A generic secret.",
  subGraphs: ["management"],
  fields: (t) => ({ secret: t.string({ required: true, description: "The secret. Never returned." }) }),
});

const AwsCredentialInput = builder.inputType("AwsCredentialInput", {
  description: "AWS access keys.",
  subGraphs: ["management"],
  fields: (t) => ({
    accessKeyId: t.string({ required: true, description: "Access key id, e.g. AKIA…." }),
    secretAccessKey: t.string({ required: true, description: "Secret access key. Never returned." }),
    sessionToken: t.string({ description: "Session token of temporary credentials. Never returned." }),
  }),
});

const OAuthClientCredentialInput = builder.inputType("OAuthClientCredentialInput", {
  description: "An OAuth 2.0 client.",
  subGraphs: ["management"],
  fields: (t) => ({
    clientId: t.string({ required: true, description: "Client id." }),
    clientSecret: t.string({ required: true, description: "Client secret. Never returned." }),
    tokenUrl: t.string({ description: "Token endpoint, when the provider has several." }),
  }),
});

/** Exactly one kind of secret. */
export const CredentialSecretInput = builder.inputType("CredentialSecretInput", {
  description: "Exactly one kind of secret.",
  subGraphs: ["management"],
  isOneOf: true,
  fields: (t) => ({
    token: t.field({ type: TokenCredentialInput, description: "A bearer or API token." }),
    basic: t.field({ type: BasicCredentialInput, description: "Username and password or API token." }),
    secret: t.field({ type: SecretCredentialInput, description: "A generic secret." }),
    aws: t.field({ type: AwsCredentialInput, description: "AWS access keys." }),
    oauthClient: t.field({ type: OAuthClientCredentialInput, description: "An OAuth 2.0 client." }),
  }),
});

/** A credential for an integration: a new secret, or the id of a credential its account shares. */
export const CredentialInput = builder.inputType("CredentialInput", {
  description: "A new secret (kept by this integration), or the id of a credential its account shares.",
  subGraphs: ["management"],
  isOneOf: true,
  fields: (t) => ({
    id: t.id({ description: "An existing credential owned by the integration's account." }),
    token: t.field({ type: TokenCredentialInput, description: "A bearer or API token." }),
    basic: t.field({ type: BasicCredentialInput, description: "Username and password or API token." }),
    secret: t.field({ type: SecretCredentialInput, description: "A generic secret." }),
    aws: t.field({ type: AwsCredentialInput, description: "AWS access keys." }),
    oauthClient: t.field({ type: OAuthClientCredentialInput, description: "An OAuth 2.0 client." }),
  }),
});

type SecretFields = {
  token?: { token: string } | null;
  basic?: { username: string; password: string } | null;
  secret?: { secret: string } | null;
  aws?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string | null } | null;
  oauthClient?: { clientId: string; clientSecret: string; tokenUrl?: string | null } | null;
};

/** Turns the one given field into the provider-facing credential shape. */
export function toProviderCredential(input: SecretFields): ProviderCredential | null {
  if (input.token) return { type: "TOKEN", token: input.token.token };
  if (input.basic) return { type: "BASIC", username: input.basic.username, password: input.basic.password };
  if (input.secret) return { type: "SECRET", secret: input.secret.secret };
  if (input.aws) return { type: "AWS", ...input.aws };
  if (input.oauthClient) return { type: "OAUTH_CLIENT", ...input.oauthClient };
  return null;
}

export function toCredentialChoice(input: (SecretFields & { id?: string | number | null }) | null | undefined): CredentialChoice {
  if (!input) return null;
  if (input.id !== null && input.id !== undefined) return { credentialId: String(input.id) };
  const secret = toProviderCredential(input);
  return secret ? { secret } : null;
}
