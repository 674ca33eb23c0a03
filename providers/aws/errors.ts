/** SDK failures (service exceptions, timeouts, network errors) into ProviderErrors; messages are ours, never the SDK's. */
import { ProviderError, type ProviderErrorCode } from "../types.ts";

type Rule = { code: ProviderErrorCode; message: (action: string) => string };

const expired: Rule = { code: "PROVIDER_UNAUTHORIZED", message: () => "The integration's AWS credentials have expired" };
const limited: Rule = { code: "PROVIDER_RATE_LIMITED", message: () => "Security Hub is throttling the integration; try again later" };
const unavailable: Rule = { code: "PROVIDER_UNAVAILABLE", message: (action) => `Security Hub failed to ${action}; try again later` };

const byName: Record<string, Rule> = {
  InvalidAccessException: { code: "PROVIDER_UNAUTHORIZED", message: () => "Security Hub refused the integration's account; is Security Hub enabled in this region?" },
  UnrecognizedClientException: { code: "PROVIDER_UNAUTHORIZED", message: () => "AWS does not recognise the integration's access key" },
  InvalidClientTokenId: { code: "PROVIDER_UNAUTHORIZED", message: () => "AWS does not recognise the integration's access key" },
  InvalidSignatureException: { code: "PROVIDER_UNAUTHORIZED", message: () => "AWS rejected the request signature; check the secret access key" },
  SignatureDoesNotMatch: { code: "PROVIDER_UNAUTHORIZED", message: () => "AWS rejected the request signature; check the secret access key" },
  MissingAuthenticationTokenException: { code: "PROVIDER_UNAUTHORIZED", message: () => "AWS received the request without credentials" },
  AccessDeniedException: { code: "PROVIDER_UNAUTHORIZED", message: (action) => `The integration's AWS identity may not ${action}` },
  ExpiredTokenException: expired,
  ExpiredToken: expired,
  RequestExpired: expired,
  LimitExceededException: limited,
  ThrottlingException: limited,
  TooManyRequestsException: limited,
  InvalidInputException: { code: "BAD_USER_INPUT", message: (action) => `Security Hub rejected the request to ${action}` },
  ResourceNotFoundException: { code: "NOT_FOUND", message: () => "Security Hub has no such finding, or the integration cannot see it" },
  InternalException: unavailable,
  ServiceUnavailableException: unavailable,
};

/** Node and SDK transport failures: the request may never have reached Security Hub. */
const networkNames = new Set(["TimeoutError", "AbortError", "RequestTimeout", "RequestTimeoutException"]);
const networkCodes = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN", "EPIPE", "EHOSTUNREACH", "ENETUNREACH"]);

interface SdkFailure {
  name?: string;
  code?: string;
  $fault?: "client" | "server";
  $metadata?: { httpStatusCode?: number };
}

export function toAwsError(error: unknown, action: string): ProviderError {
  if (error instanceof ProviderError) return error;
  const failure = (error ?? {}) as SdkFailure;
  const name = typeof failure.name === "string" ? failure.name : "";
  const status = failure.$metadata?.httpStatusCode;
  const details = { ...(status ? { httpStatus: status } : {}), ...(/^[A-Za-z]{1,64}$/.test(name) ? { providerCode: name } : {}) };
  const rule =
    (Object.hasOwn(byName, name) ? byName[name] : undefined) ??
    (networkNames.has(name) || networkCodes.has(failure.code ?? "") || (status ?? 0) >= 500 || failure.$fault === "server" ? unavailable : undefined);
  if (rule) return new ProviderError(rule.code, rule.message(action), details);
  return new ProviderError("PROVIDER_ERROR", `Security Hub could not ${action}`, details);
}
