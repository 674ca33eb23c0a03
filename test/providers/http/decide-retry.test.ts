import { describe, expect, it } from "vitest";
import { backoffMs, decideRetry, type AttemptOutcome, type RetryInput } from "../../../providers/http/decide-retry.ts";

const policy = { maxRetries: 2, baseDelayMs: 100, maxDelayMs: 1_000, maxWaitMs: 10_000 };
const okta = { providerId: "identity_okta", rateLimitResetHeader: { name: "x-rate-limit-reset", format: "epoch-seconds" as const } };
const now = Date.UTC(2026, 10, 23, 12, 0, 0);
const half = () => 0.5;

function decide(outcome: AttemptOutcome, overrides: Partial<RetryInput> = {}) {
  return decideRetry({ attempts: 1, idempotent: true, outcome, now, remainingMs: 60_000, ...overrides }, policy, okta, half);
}

const status = (code: number, headers: Record<string, string> = {}): AttemptOutcome => ({ status: code, headers });

describe("decideRetry: what is retried", () => {
  it.each([408, 429, 502, 503, 504])("retries an idempotent request after HTTP %i", (code) => {
    expect(decide(status(code))).toEqual({ retry: true, delayMs: 75 });
  });
  it.each(["timeout", "network", "provider-fault"] as const)("retries an idempotent request after a %s failure", (failure) => {
    expect(decide({ failure })).toEqual({ retry: true, delayMs: 75 });
  });
  it.each([400, 401, 403, 404, 409, 422, 500, 501, 302])("does not retry HTTP %i, and maps it", (code) => {
    const decision = decide(status(code));
    expect(decision.retry).toBe(false);
    if (!decision.retry) expect(decision.error.details.httpStatus).toBe(code);
  });
  it.each(["blocked", "too-large", "malformed", "unsendable", "circuit-open"] as const)("does not retry a %s failure", (failure) => {
    expect(decide({ failure }).retry).toBe(false);
  });
});

describe("decideRetry: idempotency", () => {
  it("never resends a request that is not idempotent after a failure it may have survived", () => {
    const failures = [{ failure: "timeout" as const }, { failure: "network" as const }, { failure: "provider-fault" as const, httpStatus: 200 }];
    for (const outcome of [status(503), status(502), status(408), ...failures]) {
      expect(decide(outcome, { idempotent: false }).retry).toBe(false);
    }
  });
  it("resends even a POST after a 429, which the provider refused unprocessed", () => {
    expect(decide(status(429, { "retry-after": "2" }), { idempotent: false })).toEqual({ retry: true, delayMs: 2_000 });
  });
  it("fails a POST that must wait too long with the provider's wait, so the caller can try later", () => {
    const decision = decide(status(429, { "retry-after": "30" }), { idempotent: false });
    expect(decision).toMatchObject({ retry: false, error: { code: "PROVIDER_RATE_LIMITED", details: { httpStatus: 429, retryAfterSeconds: 30 } } });
  });
});

describe("decideRetry: how long to wait", () => {
  it("backs off exponentially with jitter, up to the ceiling", () => {
    expect([1, 2, 3].map((attempts) => backoffMs(attempts, policy, half))).toEqual([75, 150, 300]);
    expect(backoffMs(1, policy, () => 0)).toBe(50);
    expect(backoffMs(1, policy, () => 0.999_999)).toBe(100);
    expect(backoffMs(10, policy, () => 0.999_999)).toBe(1_000);
  });
  it("waits as long as Retry-After says, in seconds or as an HTTP date", () => {
    expect(decide(status(429, { "retry-after": "3" }))).toEqual({ retry: true, delayMs: 3_000 });
    expect(decide(status(503, { "retry-after": new Date(now + 4_000).toUTCString() }))).toEqual({ retry: true, delayMs: 4_000 });
  });
  it("waits until Okta's X-Rate-Limit-Reset on a 429, but ignores it on a 503, where it only describes the window", () => {
    const reset = { "x-rate-limit-reset": String(now / 1000 + 5) };
    expect(decide(status(429, reset))).toEqual({ retry: true, delayMs: 5_000 });
    expect(decide(status(503, reset))).toEqual({ retry: true, delayMs: 75 });
  });
  it("fails fast, carrying the wait, when the provider asks for more than the cap", () => {
    const decision = decide(status(429, { "x-rate-limit-reset": String(now / 1000 + 45) }));
    expect(decision).toMatchObject({ retry: false, error: { code: "PROVIDER_RATE_LIMITED", details: { retryAfterSeconds: 45 } } });
    expect(decide(status(503, { "retry-after": "60" }))).toMatchObject({ retry: false, error: { code: "PROVIDER_UNAVAILABLE", details: { retryAfterSeconds: 60 } } });
  });
  it("does not start a wait that would outlast the call's deadline", () => {
    expect(decide(status(429, { "retry-after": "3" }), { remainingMs: 2_000 })).toMatchObject({ retry: false, error: { code: "PROVIDER_RATE_LIMITED" } });
    expect(decide(status(503), { remainingMs: 50 }).retry).toBe(false);
  });
  it("stops when the retry budget is spent", () => {
    expect(decide(status(503), { attempts: 2 }).retry).toBe(true);
    expect(decide(status(503), { attempts: 3 })).toMatchObject({ retry: false, error: { code: "PROVIDER_UNAVAILABLE" } });
  });
});
