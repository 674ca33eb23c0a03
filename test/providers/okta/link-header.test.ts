/** The Link parser: Okta's two header lines, comma-joined lines, commas inside URLs, and the last page. */
import { describe, expect, it } from "vitest";
import { nextLink, parseLinks } from "../../../providers/okta/link-header.ts";

const self = '<https://acme.okta.com/api/v1/users?limit=2>; rel="self"';
const next = '<https://acme.okta.com/api/v1/users?after=00ub0oNGTSWTBKOLGLNR&limit=2>; rel="next"';

describe("nextLink", () => {
  it("takes the next URL from Okta's two separate Link lines, verbatim", () => {
    expect(nextLink([self, next])).toBe("https://acme.okta.com/api/v1/users?after=00ub0oNGTSWTBKOLGLNR&limit=2");
    expect(nextLink([next, self])).toBe("https://acme.okta.com/api/v1/users?after=00ub0oNGTSWTBKOLGLNR&limit=2");
  });

  it("splits a comma-joined line correctly, even when URLs contain commas and semicolons", () => {
    const withCommas = '<https://acme.okta.com/api/v1/users?fields=id,status;x&limit=2>; rel="self", <https://acme.okta.com/api/v1/users?fields=id,status;x&after=00u2&limit=2>; rel="next"';
    expect(nextLink(withCommas)).toBe("https://acme.okta.com/api/v1/users?fields=id,status;x&after=00u2&limit=2");
    expect(nextLink(`${self}, ${next}`)).toBe("https://acme.okta.com/api/v1/users?after=00ub0oNGTSWTBKOLGLNR&limit=2");
  });

  it("answers null on the last page, where only self is sent, and for no header at all", () => {
    expect(nextLink([self])).toBeNull();
    expect(nextLink(self)).toBeNull();
    expect(nextLink(undefined)).toBeNull();
    expect(nextLink([])).toBeNull();
  });

  it("accepts unquoted, upper-case and multi-valued rel, and ignores other parameters", () => {
    expect(nextLink("<https://a.example/x?after=1>; rel=next")).toBe("https://a.example/x?after=1");
    expect(nextLink('<https://a.example/x?after=2>; title="a, b; c"; REL="NEXT"')).toBe("https://a.example/x?after=2");
    expect(nextLink('<https://a.example/x?after=3>; rel="prev next"')).toBe("https://a.example/x?after=3");
    expect(nextLink('<https://a.example/x?after=4>; rel="nextish"')).toBeNull();
  });

  it("does not mistake a URL that merely contains rel=\"next\" for a next link", () => {
    expect(nextLink('<https://a.example/x?q=rel="next">; rel="self"')).toBeNull();
  });

  it("stops at a malformed tail instead of guessing", () => {
    expect(parseLinks(`${self}, garbage <https://a.example/y>; rel="next"`)).toEqual([{ target: "https://acme.okta.com/api/v1/users?limit=2", rels: ["self"] }]);
    expect(nextLink("<https://a.example/unterminated; rel=\"next\"")).toBeNull();
  });

  it("keeps the first rel when a link repeats it, as RFC 8288 says", () => {
    expect(nextLink('<https://a.example/x>; rel="self"; rel="next"')).toBeNull();
  });
});
