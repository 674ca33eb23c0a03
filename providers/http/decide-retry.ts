/** The retry policy as a pure function: from what the last attempt produced, either wait and try again or fail with this error. */
import type { ProviderError } from "../types.ts";
import { errorForFailure, errorForStatus, type FailureKind } from "./map-error.ts";
import { requestedWaitSeconds, type ResponseHeaders } from "./rate-limit.ts";
import type { TransportDescriptor } from "./types.ts";

export interface RetryPolicy {
  maxRetries: number;
  /** Backoff ceiling before the first retry; it doubles with each retry. */
  baseDelayMs: number;
  /** Largest backoff ceiling. */
  maxDelayMs: number;
  /** Longest wait a provider may ask for that we sit out; past it the call fails fast, carrying the wait. */
  maxWaitMs: number;
}

/** A complete response that was not accepted, or no usable response at all. */
export type AttemptOutcome = { status: number; headers: ResponseHeaders } | { failure: FailureKind; httpStatus?: number };

export interface RetryInput {
  /** Attempts made so far, counting the one that produced `outcome`. */
  attempts: number;
  idempotent: boolean;
  outcome: AttemptOutcome;
  now: number;
  /** Time left before the call's overall deadline. */
  remainingMs: number;
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; error: ProviderError };

const retryableStatuses = new Set([408, 429, 502, 503, 504]);
const retryableFailures = new Set<FailureKind>(["timeout", "network", "provider-fault"]);

/** Equal jitter: half the exponential ceiling, plus a random share of the other half, so clients spread out but still back off. */
export function backoffMs(attempts: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempts - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * A request that is not idempotent may already have taken effect, so it is sent again only after a 429:
 * the provider refused it unprocessed.
 */
function safeToResend(input: RetryInput): boolean {
  return input.idempotent || ("status" in input.outcome && input.outcome.status === 429);
}

function schedule(input: RetryInput, policy: RetryPolicy, delayMs: number, error: ProviderError): RetryDecision {
  if (!safeToResend(input) || input.attempts > policy.maxRetries || delayMs >= input.remainingMs) return { retry: false, error };
  return { retry: true, delayMs };
}

export function decideRetry(input: RetryInput, policy: RetryPolicy, descriptor: TransportDescriptor, random: () => number = Math.random): RetryDecision {
  const { outcome } = input;
  if ("failure" in outcome) {
    const error = errorForFailure(descriptor.providerId, outcome.failure, outcome.httpStatus);
    return retryableFailures.has(outcome.failure) ? schedule(input, policy, backoffMs(input.attempts, policy, random), error) : { retry: false, error };
  }
  const waitSeconds = requestedWaitSeconds(outcome.status, outcome.headers, descriptor, input.now);
  const error = errorForStatus(descriptor.providerId, outcome.status, waitSeconds);
  if (!retryableStatuses.has(outcome.status)) return { retry: false, error };
  if (waitSeconds === null) return schedule(input, policy, backoffMs(input.attempts, policy, random), error);
  // Sitting out a long wait would hold the caller; failing with `retryAfterSeconds` lets it decide.
  if (waitSeconds * 1000 > policy.maxWaitMs) return { retry: false, error };
  return schedule(input, policy, waitSeconds * 1000, error);
}
