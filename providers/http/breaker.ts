/**
 * The circuit breaker (cockatiel) of each integration, kept in a bounded least-recently-used registry.
 *
 * A breaker counts logical calls. Every provider client runs a whole call, retries included, inside
 * the breaker and hands it the call's final outcome, so a call fails the breaker once however many
 * attempts it made: counting attempts would let two calls retried twice open a breaker meant to
 * open after five failed calls.
 */
import { BrokenCircuitError, ConsecutiveBreaker, circuitBreaker, handleWhenResult, noop, type CircuitBreakerPolicy, type IPolicy } from "cockatiel";
import { LRUCache } from "lru-cache";
import type { ProviderError } from "../types.ts";

export interface BreakerOptions {
  /** Consecutive failed calls (the provider's fault) that open the circuit. */
  threshold: number;
  /** How long the circuit stays open before one probe call is let through. */
  halfOpenAfterMs: number;
}

export const defaultBreakerOptions: BreakerOptions = { threshold: 5, halfOpenAfterMs: 30_000 };

/**
 * How a logical call ended once its retries were done. Failures travel as values, so the breaker can
 * count those that were the provider's fault (5xx, timeouts, lost connections) and treat the rest,
 * such as a 4xx for the caller's mistake, as the provider working.
 */
export type CallOutcome<T> = { value: T } | { error: ProviderError; providerDown: boolean };

function wasProviderDown(outcome: CallOutcome<unknown>): boolean {
  return "error" in outcome && outcome.providerDown;
}

export interface BreakerRegistry {
  /** The breaker for `key`, created on first use. */
  get(key: string, options?: Partial<BreakerOptions>): CircuitBreakerPolicy;
  readonly size: number;
}

export function createBreakerRegistry(capacity: number): BreakerRegistry {
  const breakers = new LRUCache<string, CircuitBreakerPolicy>({ max: capacity });
  return {
    get(key, options = {}) {
      const found = breakers.get(key);
      if (found) return found;
      const { threshold, halfOpenAfterMs } = { ...defaultBreakerOptions, ...options };
      const breaker = circuitBreaker(handleWhenResult((outcome) => wasProviderDown(outcome as CallOutcome<unknown>)), {
        halfOpenAfter: halfOpenAfterMs,
        breaker: new ConsecutiveBreaker(threshold),
      });
      breakers.set(key, breaker);
      return breaker;
    },
    get size() {
      return breakers.size;
    },
  };
}

/** The process-wide registry; an evicted integration simply starts again with a closed circuit. */
export const breakers = createBreakerRegistry(10_000);

/**
 * The breaker for an integration's calls, or none (cockatiel's `noop`) when `key` is null: verifying an
 * unsaved configuration must always reach the provider, and must not take a registry slot from a real integration.
 */
export function breakerFor(key: string | null, options?: Partial<BreakerOptions>): IPolicy {
  return key === null ? noop : breakers.get(key, options);
}

/**
 * Runs one logical call through `breaker` and unwraps its outcome: the value, or the call's error.
 * While the circuit is open the call is not made at all and `whenOpen()` is thrown instead.
 */
export async function callThrough<T>(breaker: IPolicy, call: () => Promise<CallOutcome<T>>, whenOpen: () => ProviderError): Promise<T> {
  let outcome: CallOutcome<T>;
  try {
    outcome = await breaker.execute(call);
  } catch (error) {
    if (error instanceof BrokenCircuitError) throw whenOpen();
    throw error;
  }
  if ("error" in outcome) throw outcome.error;
  return outcome.value;
}
