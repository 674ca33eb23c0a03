import { describe, expect, it } from "vitest";
import { isPrivateAddress } from "../../../providers/http/address-guard.ts";
import { buildUrl } from "../../../providers/http/client.ts";
import { decideRetry } from "../../../providers/http/decide-retry.ts";
import { errorForStatus } from "../../../providers/http/map-error.ts";
import { parseReset, parseRetryAfter, retryAfterSeconds } from "../../../providers/http/rate-limit.ts";

const policy = { maxRetries: 2, baseDelayMs: 100, maxDelayMs: 10_000 };
const half = () => 0.5;

describe("decideRetry", () => {
  it("retries an idempotent call after a 503 with jittered exponential backoff", () => {
    expect(decideRetry(0, true, { status: 503, retryAfterSeconds: null }, policy, half)).toEqual({ retry: true, delayMs: 50 });
    expect(decideRetry(1, true, { status: 503, retryAfterSeconds: null }, policy, half)).toEqual({ retry: true, delayMs: 100 });
  });
  it("never retries a non-idempotent call after a 5xx or a network error, since it may have run", () => {
    expect(decideRetry(0, false, { status: 503, retryAfterSeconds: null }, policy)).toEqual({ retry: false, reason: "not-idempotent" });
    expect(decideRetry(0, false, { status: null, retryAfterSeconds: null }, policy)).toEqual({ retry: false, reason: "not-idempotent" });
  });
  it("retries even a POST after 429, which means it was not processed, waiting as told", () => {
    expect(decideRetry(0, false, { status: 429, retryAfterSeconds: 2 }, policy)).toEqual({ retry: true, delayMs: 2000 });
  });
  it("fails fast when the provider asks for a longer wait than we accept", () => {
    expect(decideRetry(0, true, { status: 429, retryAfterSeconds: 60 }, policy)).toEqual({ retry: false, reason: "wait-too-long" });
  });
  it("does not retry client errors or beyond the budget", () => {
    expect(decideRetry(0, true, { status: 404, retryAfterSeconds: null }, policy)).toEqual({ retry: false, reason: "not-retryable" });
    expect(decideRetry(2, true, { status: 503, retryAfterSeconds: null }, policy)).toEqual({ retry: false, reason: "exhausted" });
  });
});

describe("rate-limit headers", () => {
  const now = Date.UTC(2026, 10, 23, 12, 0, 0);
  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(parseRetryAfter("3", now)).toBe(3);
    expect(parseRetryAfter(new Date(now + 5_000).toUTCString(), now)).toBe(5);
    expect(parseRetryAfter("soon", now)).toBeNull();
  });
  it("reads Okta's X-Rate-Limit-Reset as epoch seconds when there is no Retry-After", () => {
    expect(parseReset(String(now / 1000 + 7), "epoch-seconds", now)).toBe(7);
    const okta = { providerId: "identity_okta", rateLimitResetHeader: { name: "x-rate-limit-reset", format: "epoch-seconds" as const } };
    expect(retryAfterSeconds({ "x-rate-limit-reset": String(now / 1000 + 4) }, okta, now)).toBe(4);
    expect(retryAfterSeconds({ "retry-after": "1", "x-rate-limit-reset": String(now / 1000 + 4) }, okta, now)).toBe(1);
  });
});

describe("isPrivateAddress", () => {
  it.each(["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "nonsense"])(
    "refuses %s",
    (address) => expect(isPrivateAddress(address)).toBe(true),
  );
  it.each(["93.184.216.34", "1.1.1.1", "2606:4700::1111", "172.32.0.1"])("allows %s", (address) => expect(isPrivateAddress(address)).toBe(false));
});

describe("errors and URLs", () => {
  it("maps statuses to codes with our own words", () => {
    expect(errorForStatus("ticketing_jira", 401, null).code).toBe("PROVIDER_UNAUTHORIZED");
    expect(errorForStatus("ticketing_jira", 404, null).code).toBe("NOT_FOUND");
    expect(errorForStatus("ticketing_jira", 422, null).code).toBe("BAD_USER_INPUT");
    const limited = errorForStatus("ticketing_jira", 429, 30);
    expect([limited.code, limited.details.retryAfterSeconds]).toEqual(["PROVIDER_RATE_LIMITED", 30]);
    expect(errorForStatus("ticketing_jira", 502, null).code).toBe("PROVIDER_UNAVAILABLE");
    expect(errorForStatus("ticketing_jira", 302, null).code).toBe("PROVIDER_ERROR");
  });
  it("keeps the base URL's path prefix and refuses absolute URLs on another origin", () => {
    expect(buildUrl("https://api.atlassian.com/ex/jira/abc", { path: "/rest/api/3/myself", query: { a: 1, b: undefined } }, "p").href).toBe(
      "https://api.atlassian.com/ex/jira/abc/rest/api/3/myself?a=1",
    );
    expect(buildUrl("https://acme.okta.com", { path: "https://acme.okta.com/api/v1/users?after=x" }, "p").href).toBe("https://acme.okta.com/api/v1/users?after=x");
    expect(() => buildUrl("https://acme.okta.com", { path: "https://evil.example/api" }, "p")).toThrow(/another host/);
  });
});
