/** One circuit breaker per integration (cockatiel), so a failing provider account is left alone for a while. */
import { CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhen, type CircuitBreakerPolicy } from "cockatiel";

export class ProviderDownSignal extends Error {
  override readonly name = "ProviderDownSignal";
}

const maxBreakers = 10_000;
const breakers = new Map<string, CircuitBreakerPolicy>();

/** Opens after 5 consecutive provider-side failures; half-opens after 30 s to probe. */
export function breakerFor(key: string, options: { threshold?: number; halfOpenAfterMs?: number } = {}): CircuitBreakerPolicy {
  let breaker = breakers.get(key);
  if (!breaker) {
    if (breakers.size >= maxBreakers) breakers.delete(breakers.keys().next().value as string);
    breaker = circuitBreaker(handleWhen((error) => error instanceof ProviderDownSignal), {
      halfOpenAfter: options.halfOpenAfterMs ?? 30_000,
      breaker: new ConsecutiveBreaker(options.threshold ?? 5),
    });
    breakers.set(key, breaker);
  }
  return breaker;
}

export function isOpen(breaker: CircuitBreakerPolicy): boolean {
  return breaker.state === CircuitState.Open;
}
