/** Maps a failed exchange to a ProviderError whose message is ours: never the provider's body or headers, never a credential. Pure. */
import { ProviderError, type ProviderErrorCode } from "../types.ts";

/** Why an attempt produced no usable response; `provider-fault` is a 2xx whose body says the provider failed on its side. */
export type FailureKind = "timeout" | "network" | "provider-fault" | "blocked" | "unsendable" | "too-large" | "malformed" | "circuit-open";

const failures: Record<FailureKind, { code: ProviderErrorCode; says: string }> = {
  timeout: { code: "PROVIDER_UNAVAILABLE", says: "did not answer in time" },
  network: { code: "PROVIDER_UNAVAILABLE", says: "could not be reached" },
  "provider-fault": { code: "PROVIDER_UNAVAILABLE", says: "reported a failure on its own side" },
  blocked: { code: "PROVIDER_UNAVAILABLE", says: "is configured with a host on a private or local network, which this gateway does not call" },
  "circuit-open": { code: "PROVIDER_UNAVAILABLE", says: "failed repeatedly; calls to it are paused for a short while" },
  unsendable: { code: "PROVIDER_ERROR", says: "request could not be sent as built" },
  "too-large": { code: "PROVIDER_ERROR", says: "response too large for the gateway's size limit" },
  malformed: { code: "PROVIDER_ERROR", says: "sent a malformed JSON response" },
};

export function errorForFailure(providerId: string, kind: FailureKind, httpStatus?: number): ProviderError {
  const { code, says } = failures[kind];
  return new ProviderError(code, `${providerId} ${says}`, httpStatus === undefined ? {} : { httpStatus });
}

/** The documented mapping of ProviderHttpClient; `retryAfterSeconds` rides along when the provider named a wait. */
export function errorForStatus(providerId: string, status: number, retryAfterSeconds: number | null): ProviderError {
  const details = { httpStatus: status, ...(retryAfterSeconds !== null && { retryAfterSeconds }) };
  if (status === 401 || status === 403) return new ProviderError("PROVIDER_UNAUTHORIZED", `${providerId} refused the integration's credentials (HTTP ${status})`, details);
  if (status === 404) return new ProviderError("NOT_FOUND", `${providerId} has no such object (HTTP 404)`, details);
  if (status === 400 || status === 409 || status === 422) return new ProviderError("BAD_USER_INPUT", `${providerId} rejected the request (HTTP ${status})`, details);
  if (status === 429) return new ProviderError("PROVIDER_RATE_LIMITED", `${providerId} is rate limiting this integration (HTTP 429)`, details);
  if (status >= 500 && status <= 599) return new ProviderError("PROVIDER_UNAVAILABLE", `${providerId} is unavailable (HTTP ${status})`, details);
  return new ProviderError("PROVIDER_ERROR", `${providerId} answered with an unexpected HTTP ${status}`, details);
}

const timeoutCodes = new Set(["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "ETIMEDOUT"]);
const unsendableCodes = new Set(["UND_ERR_INVALID_ARG", "UND_ERR_NOT_SUPPORTED", "ERR_INVALID_URL"]);

/** Sorts what undici or the socket threw into a failure kind, looking one `cause` deep. */
export function classifyFailure(thrown: unknown): Extract<FailureKind, "timeout" | "network" | "blocked" | "unsendable"> {
  const outer = (thrown ?? {}) as { name?: unknown; code?: unknown; cause?: unknown };
  for (const error of [outer, (outer.cause ?? {}) as { name?: unknown; code?: unknown }]) {
    const code = typeof error.code === "string" ? error.code : "";
    if (code === "EBLOCKEDADDRESS") return "blocked";
    if (timeoutCodes.has(code) || error.name === "TimeoutError" || error.name === "AbortError") return "timeout";
    if (unsendableCodes.has(code)) return "unsendable";
  }
  return "network";
}
