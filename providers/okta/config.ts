/** The non-secret Okta configuration, and how it plus a TOKEN credential becomes a base URL and an Authorization header. */
import { z } from "zod";
import { httpsUrl, httpOrHttpsUrl } from "../config-urls.ts";
import type { ConfigField, TransportSettings } from "../definition.ts";
import type { ProviderAuth } from "../http/types.ts";
import { ProviderError, type ProviderCredential } from "../types.ts";

export const OktaConfigSchema = z
  .strictObject({
    /** The org, e.g. `https://acme.okta.com` or a custom domain; only its origin is used. */
    orgUrl: httpsUrl().optional(),
    /** Overrides the API origin (a proxy, or the simulator in tests). */
    apiBaseUrl: httpOrHttpsUrl().optional(),
    /** `SSWS` for an API token (the default), `Bearer` for an OAuth 2.0 access token. */
    authScheme: z.enum(["SSWS", "Bearer"]).optional(),
  })
  .refine((config) => config.orgUrl ?? config.apiBaseUrl, { message: "Give the Okta orgUrl, e.g. https://acme.okta.com" });

export type OktaConfig = z.infer<typeof OktaConfigSchema>;

export const oktaConfigFields: ConfigField[] = [
  { name: "orgUrl", type: "url", required: true, description: "The Okta org, https://<org>.okta.com or the org's custom domain." },
  { name: "apiBaseUrl", type: "url", required: false, description: "Overrides the API base URL (a proxy, or a simulator in tests)." },
  { name: "authScheme", type: "string", required: false, description: "SSWS (default) when the TOKEN is an API token; Bearer when it is an OAuth 2.0 access token." },
];

export interface OktaConnection {
  baseUrl: string;
  auth: ProviderAuth;
  scheme: "SSWS" | "Bearer";
}

/** Where requests go: the apiBaseUrl's origin if given, else the org's. */
export const oktaOrigin = (config: OktaConfig): string => new URL(config.apiBaseUrl ?? config.orgUrl ?? "").origin;

/** Plain http would expose the token, so it is allowed only where the operator allows private networks (tests, on-prem). */
export function toOktaConnection(config: OktaConfig, credential: ProviderCredential | null, transport: TransportSettings): OktaConnection {
  if (credential?.type !== "TOKEN" || !/^\S+$/.test(credential.token)) {
    throw new ProviderError("BAD_USER_INPUT", "Okta needs a TOKEN credential: an API token, or an OAuth 2.0 access token with authScheme Bearer");
  }
  const origin = oktaOrigin(config);
  if (!origin.startsWith("https:") && !transport.allowPrivateNetworks) {
    throw new ProviderError("BAD_USER_INPUT", "The Okta apiBaseUrl must use https");
  }
  const scheme = config.authScheme ?? "SSWS";
  const auth: ProviderAuth = scheme === "SSWS" ? { kind: "authorization", value: `SSWS ${credential.token}` } : { kind: "bearer", token: credential.token };
  return { baseUrl: origin, auth, scheme };
}
