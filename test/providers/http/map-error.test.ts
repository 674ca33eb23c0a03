import { describe, expect, it } from "vitest";
import { classifyFailure, errorForFailure, errorForStatus } from "../../../providers/http/map-error.ts";
import { ProviderError } from "../../../providers/types.ts";

describe("errorForStatus", () => {
  it.each([
    [401, "PROVIDER_UNAUTHORIZED"],
    [403, "PROVIDER_UNAUTHORIZED"],
    [404, "NOT_FOUND"],
    [400, "BAD_USER_INPUT"],
    [409, "BAD_USER_INPUT"],
    [422, "BAD_USER_INPUT"],
    [429, "PROVIDER_RATE_LIMITED"],
    [500, "PROVIDER_UNAVAILABLE"],
    [502, "PROVIDER_UNAVAILABLE"],
    [504, "PROVIDER_UNAVAILABLE"],
    [302, "PROVIDER_ERROR"],
    [410, "PROVIDER_ERROR"],
    [418, "PROVIDER_ERROR"],
  ])("maps HTTP %i to %s, in our own words", (status, code) => {
    const error = errorForStatus("ticketing_jira", status, null);
    expect(error).toBeInstanceOf(ProviderError);
    expect([error.code, error.details]).toEqual([code, { httpStatus: status }]);
    expect(error.message).toMatch(/^ticketing_jira /);
  });
  it("carries the provider's requested wait", () => {
    expect(errorForStatus("identity_okta", 429, 12).details).toEqual({ httpStatus: 429, retryAfterSeconds: 12 });
  });
});

describe("errorForFailure", () => {
  it.each([
    ["timeout", "PROVIDER_UNAVAILABLE", /did not answer in time/],
    ["network", "PROVIDER_UNAVAILABLE", /could not be reached/],
    ["provider-fault", "PROVIDER_UNAVAILABLE", /reported a failure on its own side/],
    ["blocked", "PROVIDER_UNAVAILABLE", /private or local network/],
    ["circuit-open", "PROVIDER_UNAVAILABLE", /paused/],
    ["too-large", "PROVIDER_ERROR", /response too large/],
    ["malformed", "PROVIDER_ERROR", /malformed JSON/],
    ["unsendable", "PROVIDER_ERROR", /could not be sent/],
  ] as const)("maps a %s failure to %s", (kind, code, message) => {
    const error = errorForFailure("p", kind);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });
});

describe("classifyFailure", () => {
  it("tells timeouts, refusals by the address guard, unsendable requests and other network failures apart", () => {
    expect(classifyFailure(new DOMException("The operation was aborted due to timeout", "TimeoutError"))).toBe("timeout");
    expect(classifyFailure(Object.assign(new Error("x"), { code: "UND_ERR_CONNECT_TIMEOUT" }))).toBe("timeout");
    expect(classifyFailure(Object.assign(new Error("x"), { code: "UND_ERR_HEADERS_TIMEOUT" }))).toBe("timeout");
    expect(classifyFailure(new Error("fetch failed", { cause: Object.assign(new Error("x"), { code: "EBLOCKEDADDRESS" }) }))).toBe("blocked");
    expect(classifyFailure(Object.assign(new Error("x"), { code: "UND_ERR_INVALID_ARG" }))).toBe("unsendable");
    expect(classifyFailure(Object.assign(new Error("x"), { code: "ECONNREFUSED" }))).toBe("network");
    expect(classifyFailure(null)).toBe("network");
  });
});
