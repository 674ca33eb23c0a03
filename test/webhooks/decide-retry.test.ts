import { describe, expect, it } from "vitest";
import { decideWebhookRetry, parseRetryAfter, type RetryPolicy } from "../../src/webhooks/decide-retry.ts";

const policy: RetryPolicy = { maxAttempts: 5, backoffBaseMs: 1_000, maxBackoffMs: 60_000, maxAgeMs: 3_600_000 };
const now = Date.parse("2026-11-23T07:00:00Z");
const top = () => 1;
const bottom = () => 0;

describe("decideWebhookRetry", () => {
  it("retries network errors, 408, 429 and 5xx; not successes, other answers or refused addresses", () => {
    for (const statusCode of [408, 429, 500, 502, 503]) expect(decideWebhookRetry({ kind: "response", statusCode, retryAfter: null }, 1, policy, now, now).retry).toBe(true);
    expect(decideWebhookRetry({ kind: "network", message: "x" }, 1, policy, now, now).retry).toBe(true);
    for (const statusCode of [301, 400, 401, 404, 410, 422]) expect(decideWebhookRetry({ kind: "response", statusCode, retryAfter: null }, 1, policy, now, now).retry).toBe(false);
    expect(decideWebhookRetry({ kind: "delivered", statusCode: 200 }, 1, policy, now, now).retry).toBe(false);
    expect(decideWebhookRetry({ kind: "refused", message: "x" }, 1, policy, now, now).retry).toBe(false);
  });

  it("backs off exponentially with jitter between half and all of the step, capped", () => {
    const network = { kind: "network", message: "x" } as const;
    expect(decideWebhookRetry(network, 1, policy, now, now, top)).toEqual({ retry: true, delayMs: 1_000 });
    expect(decideWebhookRetry(network, 1, policy, now, now, bottom)).toEqual({ retry: true, delayMs: 500 });
    expect(decideWebhookRetry(network, 3, policy, now, now, top)).toEqual({ retry: true, delayMs: 4_000 });
    expect(decideWebhookRetry(network, 4, { ...policy, maxBackoffMs: 5_000 }, now, now, top)).toEqual({ retry: true, delayMs: 5_000 });
  });

  it("stops when the attempts are used up, or when the next attempt would come too long after the event", () => {
    expect(decideWebhookRetry({ kind: "network", message: "x" }, 5, policy, now, now)).toEqual({ retry: false });
    expect(decideWebhookRetry({ kind: "network", message: "x" }, 2, policy, now, now - 3_599_000, top)).toEqual({ retry: false });
    expect(decideWebhookRetry({ kind: "network", message: "x" }, 2, policy, now, now - 3_500_000, top)).toEqual({ retry: true, delayMs: 2_000 });
  });

  it("honours Retry-After on 429 in seconds or as a date, within the cap", () => {
    const throttled = (retryAfter: string) => decideWebhookRetry({ kind: "response", statusCode: 429, retryAfter }, 1, policy, now, now, bottom);
    expect(throttled("30")).toEqual({ retry: true, delayMs: 30_000 });
    expect(throttled(new Date(now + 20_000).toUTCString())).toEqual({ retry: true, delayMs: 20_000 });
    expect(throttled("86400")).toEqual({ retry: true, delayMs: 60_000 });
    expect(throttled("soon")).toEqual({ retry: true, delayMs: 500 });
  });

  it("reads Retry-After values", () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter("5", now)).toBe(5_000);
    expect(parseRetryAfter(new Date(now - 1_000).toUTCString(), now)).toBe(0);
  });
});
