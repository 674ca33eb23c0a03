/** The `identity_okta` provider: the Okta Management API (users, groups, lifecycle, System Log) behind the unified identity connector. */
import type { ProviderDefinition } from "../definition.ts";
import { operations } from "../operations.ts";
import { createOktaAdapter } from "./adapter.ts";
import { createOktaClient } from "./client.ts";
import { type OktaConfig, OktaConfigSchema, oktaConfigFields, oktaOrigin, toOktaConnection } from "./config.ts";
import { oktaTransport } from "./descriptor.ts";

export type { OktaConfig } from "./config.ts";

export const oktaProvider = {
  id: "identity_okta",
  connector: "identity",
  name: "Okta",
  description: "Okta users, groups, lifecycle actions and the System Log (as OCSF 1.3 events) through the Management API, with an API token or an OAuth 2.0 access token.",
  configSchema: OktaConfigSchema,
  configFields: oktaConfigFields,
  credentialTypes: ["TOKEN"],
  operations: operations.identity,
  queryCapabilities: {
    identity_query_users: { filters: ["status", "email", "login", "search", "updatedAfter"], orders: [] },
    identity_query_groups: { filters: ["name", "type"], orders: [] },
    identity_query_audit_log: { filters: ["since", "until", "eventTypes"], orders: [] },
  },
  credentialDestination: oktaOrigin,
  createAdapter(config, credential, deps) {
    const { baseUrl, auth, scheme } = toOktaConnection(config, credential, deps.transport);
    const client = createOktaClient(deps.http({ baseUrl, auth, descriptor: oktaTransport }));
    return createOktaAdapter({ client, baseUrl, scheme, now: () => new Date() });
  },
} satisfies ProviderDefinition<"identity", OktaConfig>;
