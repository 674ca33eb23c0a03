/** Which refresh-token objects a caller may be handed a fresh pair of. */
import { describe, expect, it } from "vitest";
import { decideReissue, type ReissuedAuthority } from "../../src/auth/narrowing.ts";
import type { Permission } from "../../src/auth/permissions.ts";

const caller = (permissions: Permission[], accountIds: string[] | null = null, memberId: string | null = "member-a") => ({ memberId, permissions: new Set(permissions), accountIds });
const organizationToken = (permissions: Permission[], extra: Partial<ReissuedAuthority> = {}): ReissuedAuthority => ({
  layer: "MANAGEMENT",
  memberId: "member-a",
  session: false,
  permissions,
  accountRestricted: false,
  accountIds: [],
  ...extra,
});

describe("decideReissue", () => {
  it("allows an organization token no wider than the caller's, and refuses a wider one", () => {
    expect(decideReissue(caller(["tokens:write", "accounts:read"]), organizationToken(["accounts:read"]))).toEqual({ allowed: true });
    expect(decideReissue(caller(["tokens:write"]), organizationToken(["accounts:write"])).allowed).toBe(false);
  });

  it("keeps an account-restricted caller to tokens within its accounts", () => {
    const restricted = caller(["tokens:write", "accounts:read"], ["x"]);
    expect(decideReissue(restricted, organizationToken(["accounts:read"], { accountRestricted: true, accountIds: ["x"] }))).toEqual({ allowed: true });
    expect(decideReissue(restricted, organizationToken(["accounts:read"], { accountRestricted: true, accountIds: ["y"] })).allowed).toBe(false);
    expect(decideReissue(restricted, organizationToken(["accounts:read"])).allowed).toBe(false);
  });

  it("re-issues a member's logon session only to that member", () => {
    const session = organizationToken(["accounts:read"], { session: true, memberId: "member-b" });
    expect(decideReissue(caller(["tokens:write", "accounts:read"], null, "member-a"), session)).toMatchObject({ allowed: false, reason: expect.stringContaining("only by that member") });
    expect(decideReissue(caller(["tokens:write", "accounts:read"], null, "member-b"), session)).toEqual({ allowed: true });
    expect(decideReissue(caller(["tokens:write", "accounts:read"], null, null), session).allowed).toBe(false);
  });

  it("re-issues integration tokens only with tokens:issue-integration", () => {
    const integrationToken = organizationToken([], { layer: "CONNECTOR", memberId: null });
    expect(decideReissue(caller(["tokens:write"]), integrationToken).allowed).toBe(false);
    expect(decideReissue(caller(["tokens:write", "tokens:issue-integration"]), integrationToken)).toEqual({ allowed: true });
  });
});
