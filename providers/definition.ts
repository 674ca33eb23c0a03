/** What a provider folder exports: its facts as data, and a factory for its adapter. */
import type { z } from "zod";
import type { HttpClientOptions, ProviderHttpClient } from "./http/types.ts";
import type { OperationId } from "./operations.ts";
import type { ConnectorAdapters, ConnectorId, CredentialType, ProviderCredential } from "./types.ts";

/** A non-secret configuration field, as listed by the `providers` capability query. */
export interface ConfigField {
  name: string;
  description: string;
  required: boolean;
  /** e.g. "url", "string", "region". */
  type: string;
}

/** Transport limits chosen by the operator (see src/config.ts); providers read but never set them. */
export interface TransportSettings {
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  maxRetries: number;
  maxResponseBytes: number;
  /** Allow provider hosts that resolve to loopback, link-local or private addresses (tests, on-prem). */
  allowPrivateNetworks: boolean;
}

/** What the gateway hands an adapter factory. */
export interface ProviderDeps {
  /** Creates the shared resilient HTTP client (auth, deadlines, retries, breaker, size cap). */
  http(options: Pick<HttpClientOptions, "baseUrl" | "auth" | "descriptor">): ProviderHttpClient;
  transport: TransportSettings;
  /** Key for per-integration state, such as the mock providers' data; null for an unsaved configuration being verified, whose state is not kept. */
  integrationKey: string | null;
  /**
   * Key of the integration's circuit breaker, for an adapter that sends its own requests (the AWS SDK);
   * `http` clients come with it already. Null for none, when every call must reach the provider
   * (verifying an unsaved configuration).
   */
  breakerKey: string | null;
}

export interface ProviderDefinition<C extends ConnectorId = ConnectorId, Config = unknown> {
  /** `<connector>_<provider>`, e.g. `ticketing_jira`. */
  id: string;
  connector: C;
  name: string;
  description: string;
  /** Validates the non-secret config given on an integration. */
  configSchema: z.ZodType<Config>;
  configFields: ConfigField[];
  /** Credential types accepted; empty when the provider needs none (mocks). */
  credentialTypes: CredentialType[];
  operations: readonly OperationId[];
  /** Filters and orders each query operation accepts, for capabilities. */
  queryCapabilities?: Partial<Record<OperationId, { filters: string[]; orders: string[] }>>;
  /**
   * Where a credential of this type goes with this config (an API origin, or a fixed name where the
   * provider allows no choice). A stored credential is bound to it: sending the secret elsewhere
   * needs the secret given again, so a caller who may not read a secret cannot point it at a host
   * of their own.
   */
  credentialDestination(config: Config, credentialType: CredentialType | null): string;
  createAdapter(config: Config, credential: ProviderCredential | null, deps: ProviderDeps): ConnectorAdapters[C];
}

/** An absolute URL reduced to what decides where a request lands: lower-case origin and path, no trailing slash. */
export function destinationOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, "");
}
