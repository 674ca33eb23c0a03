/** The shared provider HTTP layer: the client adapters get, and the pure policies it applies. */
export { createHttpClient, type CreateHttpClientOptions } from "./client.ts";
export { decideRetry, backoffMs, type AttemptOutcome, type RetryDecision, type RetryInput, type RetryPolicy } from "./decide-retry.ts";
export { classifyFailure, errorForFailure, errorForStatus, type FailureKind } from "./map-error.ts";
export { parseReset, parseRetryAfter, requestedWaitSeconds } from "./rate-limit.ts";
export { isPrivateAddress } from "./address-guard.ts";
export { authorizationHeader, buildUrl } from "./prepare.ts";
export type * from "./types.ts";
