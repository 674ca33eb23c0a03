/** Maps a failed exchange to a ProviderError whose message is ours: never the provider's body or our credentials. */
import { ProviderError } from "../types.ts";

export function errorForStatus(providerId: string, status: number, retryAfterSeconds: number | null): ProviderError {
  const details = { httpStatus: status, ...(retryAfterSeconds !== null && { retryAfterSeconds }) };
  if (status === 401 || status === 403) return new ProviderError("PROVIDER_UNAUTHORIZED", `${providerId} refused the integration's credentials (HTTP ${status})`, details);
  if (status === 404) return new ProviderError("NOT_FOUND", `${providerId} has no such object (HTTP 404)`, details);
  if (status === 400 || status === 409 || status === 422) return new ProviderError("BAD_USER_INPUT", `${providerId} rejected the request (HTTP ${status})`, details);
  if (status === 429) return new ProviderError("PROVIDER_RATE_LIMITED", `${providerId} is rate limiting this integration`, details);
  if (status >= 500) return new ProviderError("PROVIDER_UNAVAILABLE", `${providerId} is unavailable (HTTP ${status})`, details);
  return new ProviderError("PROVIDER_ERROR", `${providerId} answered with an unexpected HTTP ${status}`, details);
}

export function errorForNetwork(providerId: string, cause: unknown): ProviderError {
  const code = (cause as { code?: string } | null)?.code;
  if (code === "EBLOCKEDADDRESS" || (cause as { cause?: { code?: string } } | null)?.cause?.code === "EBLOCKEDADDRESS") {
    return new ProviderError("PROVIDER_UNAVAILABLE", `${providerId} host resolves to a private or local address, which this gateway does not call`);
  }
  const timedOut = (cause as { name?: string } | null)?.name === "TimeoutError" || /TIMEOUT/i.test(code ?? "");
  return new ProviderError("PROVIDER_UNAVAILABLE", timedOut ? `${providerId} did not answer in time` : `${providerId} could not be reached`);
}
