/** The non-secret Jira configuration, and how it plus a credential becomes a base URL and auth. */
import { z } from "zod";
import { httpsUrl, httpOrHttpsUrl } from "../config-urls.ts";
import type { ConfigField, TransportSettings } from "../definition.ts";
import type { ProviderAuth } from "../http/types.ts";
import { ProviderError, type CredentialType, type ProviderCredential } from "../types.ts";

export const JiraConfigSchema = z
  .strictObject({
    siteUrl: httpsUrl().optional(),
    cloudId: z.guid().optional(),
    apiBaseUrl: httpOrHttpsUrl().optional(),
    customFieldIds: z.array(z.string().regex(/^customfield_\d+$/)).max(50).optional(),
  })
  .refine((config) => config.siteUrl ?? config.cloudId ?? config.apiBaseUrl, {
    message: "Give siteUrl (for an email and API token) or cloudId (for an OAuth token)",
  });

export type JiraConfig = z.infer<typeof JiraConfigSchema>;

export const jiraConfigFields: ConfigField[] = [
  { name: "siteUrl", type: "url", required: false, description: "The Jira site, https://<site>.atlassian.net; needed with an email and API token." },
  { name: "cloudId", type: "string", required: false, description: "The site's cloud id; needed with an OAuth 2.0 access token." },
  { name: "apiBaseUrl", type: "url", required: false, description: "Overrides the API base URL (a proxy, or a simulator in tests)." },
  { name: "customFieldIds", type: "string[]", required: false, description: "Custom fields to return on tickets, e.g. customfield_10016." },
];

export interface JiraConnection {
  baseUrl: string;
  auth: ProviderAuth;
}

/**
 * OAuth bearer tokens work only through Atlassian's gateway; a site URL with a bearer token is refused.
 * Plain http would expose the credential, so an http apiBaseUrl is allowed only where the operator
 * allows private networks (tests, on-prem), as for the other providers.
 */
export function toJiraConnection(config: JiraConfig, credential: ProviderCredential | null, transport: Pick<TransportSettings, "allowPrivateNetworks">): JiraConnection {
  if (config.apiBaseUrl?.startsWith("http:") && !transport.allowPrivateNetworks) {
    throw new ProviderError("BAD_USER_INPUT", "The Jira apiBaseUrl must use https");
  }
  if (credential?.type === "BASIC") {
    const base = jiraBaseUrl(config, "BASIC");
    if (!base) throw new ProviderError("BAD_USER_INPUT", "An email and API token need the Jira siteUrl");
    return { baseUrl: base, auth: { kind: "basic", username: credential.username, password: credential.password } };
  }
  if (credential?.type === "TOKEN") {
    const base = jiraBaseUrl(config, "TOKEN");
    if (!base) throw new ProviderError("BAD_USER_INPUT", "An OAuth token needs the site's cloudId");
    return { baseUrl: base, auth: { kind: "bearer", token: credential.token } };
  }
  throw new ProviderError("BAD_USER_INPUT", "Jira needs a BASIC credential (email and API token) or a TOKEN (OAuth access token)");
}

/** Where requests with this type of credential go: apiBaseUrl if given, else the site (Basic) or Atlassian's gateway (OAuth); null when the config lacks it. */
export function jiraBaseUrl(config: JiraConfig, credentialType: CredentialType | null): string | null {
  if (config.apiBaseUrl) return trimSlash(config.apiBaseUrl);
  if (credentialType === "TOKEN") return config.cloudId ? `https://api.atlassian.com/ex/jira/${config.cloudId}` : null;
  return config.siteUrl ? new URL(config.siteUrl).origin : null;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
