/** The retry policy, as a pure function: whether to try again, and after how long. */

export interface AttemptOutcome {
  /** HTTP status, or null when no response arrived (network error, timeout). */
  status: number | null;
  /** Seconds the provider asked us to wait, if it said. */
  retryAfterSeconds: number | null;
}

export interface RetryPolicy {
  maxRetries: number;
  /** Base of the exponential backoff. */
  baseDelayMs: number;
  /** Longest wait we accept; a provider asking for more fails fast as rate-limited. */
  maxDelayMs: number;
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: "success" | "not-retryable" | "not-idempotent" | "exhausted" | "wait-too-long" };

const retryableStatuses = new Set([408, 429, 502, 503, 504]);

export function decideRetry(attempt: number, idempotent: boolean, outcome: AttemptOutcome, policy: RetryPolicy, random: () => number = Math.random): RetryDecision {
  if (outcome.status !== null && outcome.status < 400) return { retry: false, reason: "success" };
  const retryable = outcome.status === null || retryableStatuses.has(outcome.status);
  if (!retryable) return { retry: false, reason: "not-retryable" };
  // A 429 means the request was not processed, so even a POST may be sent again.
  if (!idempotent && outcome.status !== 429) return { retry: false, reason: "not-idempotent" };
  if (attempt >= policy.maxRetries) return { retry: false, reason: "exhausted" };
  if (outcome.retryAfterSeconds !== null) {
    const delayMs = outcome.retryAfterSeconds * 1000;
    if (delayMs > policy.maxDelayMs) return { retry: false, reason: "wait-too-long" };
    return { retry: true, delayMs };
  }
  // Full jitter: a random wait up to the exponential ceiling keeps many clients from retrying in step.
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return { retry: true, delayMs: Math.round(random() * ceiling) };
}
