/** The contract of the shared provider HTTP layer: what adapters ask for and what they get back. */

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type ProviderAuth =
  | { kind: "none" }
  | { kind: "basic"; username: string; password: string }
  | { kind: "bearer"; token: string }
  /** A literal Authorization header value, e.g. Okta's `SSWS <token>`. */
  | { kind: "authorization"; value: string };

/** Provider facts the transport needs; each provider's `descriptor.ts` supplies them. */
export interface TransportDescriptor {
  providerId: string;
  /** Header carrying delay seconds on 429/503, usually `retry-after`. */
  retryAfterHeader?: string;
  /** Header carrying the reset time of the rate-limit window, and its format. */
  rateLimitResetHeader?: { name: string; format: "epoch-seconds" | "iso-8601" };
}

export interface ProviderRequest {
  /** Operation id for status and logs, e.g. `ticketing_query_tickets`. */
  operation: string;
  method: HttpMethod;
  /** Path relative to the client's base URL, or an absolute URL on the same origin (e.g. Okta's `Link: rel="next"`). */
  path: string;
  query?: Record<string, string | number | boolean | undefined | null>;
  headers?: Record<string, string>;
  /** Sent as JSON with `content-type: application/json`. */
  json?: unknown;
  /** Safe to retry on failure. Defaults to true for GET/PUT/DELETE, false for POST/PATCH. */
  idempotent?: boolean;
  /**
   * For providers that report their own outages in a 2xx answer (Slack's HTTP 200 `{"ok":false,"error":"fatal_error"}`):
   * true when the parsed body says the provider failed on its side. Such an answer is then handled like a 5xx:
   * counted by the circuit breaker, retried only when idempotent, failed as PROVIDER_UNAVAILABLE.
   */
  reportsProviderFault?: (body: unknown) => boolean;
}

export interface ProviderResponse {
  status: number;
  /** Lower-case header names; repeated headers (e.g. Okta's two `Link` lines) joined as an array. */
  headers: Record<string, string | string[]>;
  /** Parsed JSON when the body is JSON, otherwise the text; null for an empty body. */
  body: unknown;
  bytes: number;
}

export interface ProviderHttpClient {
  /**
   * Sends the request with auth, deadlines, retries and the circuit breaker applied.
   * Resolves for 2xx responses; rejects with a ProviderError for everything else
   * (mapped from status: 401/403 PROVIDER_UNAUTHORIZED, 404 NOT_FOUND, 400/409/422 BAD_USER_INPUT,
   * 429 PROVIDER_RATE_LIMITED, 5xx / network / timeout / `reportsProviderFault` PROVIDER_UNAVAILABLE, other PROVIDER_ERROR),
   * unless `acceptStatus` lists the status, in which case the response is returned for the adapter to read.
   * A DELETE retried after an attempt that may have done it resolves as an empty 204 when the retry meets a 404.
   */
  request(request: ProviderRequest & { acceptStatus?: number[] }): Promise<ProviderResponse>;
}

export interface HttpClientOptions {
  baseUrl: string;
  auth: ProviderAuth;
  descriptor: TransportDescriptor;
  /** Key of the circuit breaker, normally the integration id; null for none, when every call must reach the provider (verifying an unsaved configuration). */
  breakerKey: string | null;
  /** Reports each finished request (for status events); never receives bodies or secrets. */
  onResponse?: (report: { operation: string; status: number | null; latencyMs: number; bytes: number; attempts: number }) => void;
}
