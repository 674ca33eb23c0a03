import { describe, expect, it } from "vitest";
import { parseReset, parseRetryAfter, requestedWaitSeconds } from "../../../providers/http/rate-limit.ts";

const now = Date.UTC(2026, 10, 23, 12, 0, 0);

describe("parseRetryAfter", () => {
  it("reads delay seconds", () => {
    expect(parseRetryAfter("7", now)).toBe(7);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
  });
  it("reads every HTTP-date form, and a past date as no wait", () => {
    expect(parseRetryAfter("Mon, 23 Nov 2026 12:00:09 GMT", now)).toBe(9);
    expect(parseRetryAfter("Monday, 23-Nov-26 12:00:09 GMT", now)).toBe(9);
    expect(parseRetryAfter("Mon, 23 Nov 2026 11:00:00 GMT", now)).toBe(0);
  });
  it("ignores what it cannot read, rather than guessing a wait", () => {
    for (const value of [undefined, "", "soon", "-1", "1.5", "Someday"]) expect(parseRetryAfter(value, now)).toBeNull();
  });
});

describe("parseReset", () => {
  it("reads Okta's UTC epoch seconds", () => {
    expect(parseReset(String(now / 1000 + 30), "epoch-seconds", now)).toBe(30);
    expect(parseReset(String(now / 1000 - 30), "epoch-seconds", now)).toBe(0);
    expect(parseReset("tomorrow", "epoch-seconds", now)).toBeNull();
  });
  it("reads Jira's ISO reset time", () => {
    expect(parseReset("2026-11-23T12:05Z", "iso-8601", now)).toBe(300);
    expect(parseReset("12:05", "iso-8601", now)).toBeNull();
  });
});

describe("requestedWaitSeconds", () => {
  const jira = { providerId: "ticketing_jira", retryAfterHeader: "retry-after", rateLimitResetHeader: { name: "X-RateLimit-Reset", format: "iso-8601" as const } };
  it("prefers Retry-After and falls back to the reset header on a 429", () => {
    expect(requestedWaitSeconds(429, { "retry-after": "2", "x-ratelimit-reset": "2026-11-23T12:05Z" }, jira, now)).toBe(2);
    expect(requestedWaitSeconds(429, { "x-ratelimit-reset": "2026-11-23T12:05Z" }, jira, now)).toBe(300);
  });
  it("reads Retry-After on a 503 but not the reset header, and nothing on other statuses", () => {
    expect(requestedWaitSeconds(503, { "retry-after": "4" }, jira, now)).toBe(4);
    expect(requestedWaitSeconds(503, { "x-ratelimit-reset": "2026-11-23T12:05Z" }, jira, now)).toBeNull();
    expect(requestedWaitSeconds(500, { "retry-after": "4" }, jira, now)).toBeNull();
    expect(requestedWaitSeconds(200, { "retry-after": "4" }, jira, now)).toBeNull();
  });
  it("uses the descriptor's header name and the first of repeated values", () => {
    const custom = { providerId: "p", retryAfterHeader: "X-Wait" };
    expect(requestedWaitSeconds(429, { "x-wait": ["3", "9"] }, custom, now)).toBe(3);
    expect(requestedWaitSeconds(429, { "retry-after": "3" }, custom, now)).toBeNull();
  });
});
