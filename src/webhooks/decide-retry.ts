/** When a failed delivery is tried again, if at all: a pure policy with exponential, jittered backoff. */

export interface RetryPolicy {
  maxAttempts: number;
  backoffBaseMs: number;
  maxBackoffMs: number;
  /** No attempt is scheduled later than this long after the event was queued. */
  maxAgeMs: number;
}

export type AttemptOutcome =
  | { kind: "delivered"; statusCode: number }
  | { kind: "response"; statusCode: number; retryAfter: string | null }
  | { kind: "network"; message: string }
  | { kind: "refused"; message: string };

export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

/** Seconds or an HTTP date, as RFC 9110 allows; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Network errors, 408, 429 and 5xx are worth another try; other answers and refused addresses are final. */
export function decideWebhookRetry(
  outcome: AttemptOutcome,
  attempts: number,
  policy: RetryPolicy,
  now: number,
  queuedAt: number,
  random = Math.random,
): RetryDecision {
  if (outcome.kind === "delivered" || outcome.kind === "refused") return { retry: false };
  if (outcome.kind === "response" && !(outcome.statusCode === 408 || outcome.statusCode === 429 || outcome.statusCode >= 500)) return { retry: false };
  if (attempts >= policy.maxAttempts) return { retry: false };
  const exponential = Math.min(policy.maxBackoffMs, policy.backoffBaseMs * 2 ** (attempts - 1));
  const jittered = exponential / 2 + random() * (exponential / 2);
  const asked = outcome.kind === "response" && outcome.statusCode === 429 ? parseRetryAfter(outcome.retryAfter, now) : null;
  const delayMs = Math.round(asked === null ? jittered : Math.min(policy.maxBackoffMs, Math.max(asked, jittered)));
  if (now + delayMs > queuedAt + policy.maxAgeMs) return { retry: false };
  return { retry: true, delayMs };
}
