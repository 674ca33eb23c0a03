/** One circuit breaker (cockatiel) per integration, kept in a bounded least-recently-used registry. */
import { ConsecutiveBreaker, circuitBreaker, handleWhenResult, type CircuitBreakerPolicy } from "cockatiel";

export interface BreakerOptions {
  /** Consecutive provider-side failures that open the circuit. */
  threshold: number;
  /** How long the circuit stays open before one probe call is let through. */
  halfOpenAfterMs: number;
}

export const defaultBreakerOptions: BreakerOptions = { threshold: 5, halfOpenAfterMs: 30_000 };

export interface BreakerRegistry {
  /**
   * The breaker for `key`, created on first use. It counts a call as failed when `isFailure` holds
   * for the value the call returned, so expected failures travel as values, not exceptions.
   */
  get(key: string, isFailure: (result: unknown) => boolean, options?: Partial<BreakerOptions>): CircuitBreakerPolicy;
  readonly size: number;
}

export function createBreakerRegistry(capacity: number): BreakerRegistry {
  const breakers = new Map<string, CircuitBreakerPolicy>();
  return {
    get(key, isFailure, options = {}) {
      const found = breakers.get(key);
      if (found) {
        // Re-inserting keeps the Map in recency order, so the first key is always the least recently used.
        breakers.delete(key);
        breakers.set(key, found);
        return found;
      }
      const { threshold, halfOpenAfterMs } = { ...defaultBreakerOptions, ...options };
      const breaker = circuitBreaker(handleWhenResult(isFailure), { halfOpenAfter: halfOpenAfterMs, breaker: new ConsecutiveBreaker(threshold) });
      if (breakers.size >= capacity) breakers.delete(breakers.keys().next().value as string);
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
