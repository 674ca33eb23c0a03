import { describe, expect, it } from "vitest";
import { authorizationHeader, buildUrl, toWireRequest } from "../../../providers/http/prepare.ts";

describe("authorizationHeader", () => {
  it("builds each kind of auth", () => {
    expect(authorizationHeader({ kind: "basic", username: "ana@example.com", password: "tok:en" })).toBe(`Basic ${Buffer.from("ana@example.com:tok:en").toString("base64")}`);
    expect(authorizationHeader({ kind: "bearer", token: "xoxb-1" })).toBe("Bearer xoxb-1");
    expect(authorizationHeader({ kind: "authorization", value: "SSWS 00abc" })).toBe("SSWS 00abc");
    expect(authorizationHeader({ kind: "none" })).toBeNull();
  });
});

describe("buildUrl", () => {
  it("keeps the base URL's path prefix and drops empty query values", () => {
    expect(buildUrl("https://api.atlassian.com/ex/jira/abc/", { path: "/rest/api/3/myself", query: { a: 1, b: undefined, c: null, d: false } }, "p").href).toBe(
      "https://api.atlassian.com/ex/jira/abc/rest/api/3/myself?a=1&d=false",
    );
    expect(buildUrl("https://slack.com/api", { path: "chat.postMessage" }, "p").href).toBe("https://slack.com/api/chat.postMessage");
  });
  it("follows an absolute URL on the same origin, such as Okta's next link, and refuses any other origin", () => {
    expect(buildUrl("https://acme.okta.com", { path: "https://acme.okta.com/api/v1/users?after=x" }, "p").href).toBe("https://acme.okta.com/api/v1/users?after=x");
    for (const path of ["https://evil.example/api", "http://acme.okta.com/api", "https://acme.okta.com:8443/api"]) {
      expect(() => buildUrl("https://acme.okta.com", { path }, "p")).toThrow(/another host/);
    }
  });
  it("cannot be steered to another host by a crafted relative path", () => {
    for (const path of ["@evil.example/x", "//evil.example/x", "/\\evil.example/x"]) expect(buildUrl("https://acme.okta.com", { path }, "p").host).toBe("acme.okta.com");
  });
});

describe("toWireRequest", () => {
  const request = { operation: "op", method: "POST" as const, path: "/x", json: { a: 1 } };
  it("sends JSON with our defaults and the integration's Authorization, which an adapter header cannot replace", () => {
    const wire = toWireRequest("https://h.example", "Bearer t", { ...request, headers: { Authorization: "Bearer other", "X-Trace": "1" } }, "p");
    expect(wire.headers).toEqual({ accept: "application/json", "user-agent": "switchyard", "x-trace": "1", "content-type": "application/json; charset=utf-8", authorization: "Bearer t" });
    expect(wire.body).toBe('{"a":1}');
  });
  it("keeps an adapter's own content type and, with no auth configured, its own Authorization (SigV4)", () => {
    const headers = { "Content-Type": "application/x-amz-json-1.1", Authorization: "AWS4-HMAC-SHA256 Credential=…" };
    const wire = toWireRequest("https://cloudtrail.us-east-1.amazonaws.com", null, { ...request, headers }, "p");
    expect(wire.headers["content-type"]).toBe("application/x-amz-json-1.1");
    expect(wire.headers.authorization).toBe(headers.Authorization);
  });
  it("sends no body and no content type without `json`", () => {
    const wire = toWireRequest("https://h.example", null, { operation: "op", method: "GET", path: "/x" }, "p");
    expect([wire.body, wire.headers["content-type"]]).toEqual([undefined, undefined]);
  });
});
