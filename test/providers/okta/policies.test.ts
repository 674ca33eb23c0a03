/** The pure policies: lifecycle decisions by status, Okta error mapping, cursors, and config/credential checks. */
import { describe, expect, it } from "vitest";
import { decodeCursor, cursorFor, encodeCursor, pageSize } from "../../../providers/okta/cursor.ts";
import { toOktaError } from "../../../providers/okta/errors.ts";
import { oktaProvider } from "../../../providers/okta/index.ts";
import { activationOf, decideDisable, decideEnable } from "../../../providers/okta/lifecycle.ts";
import { OktaUser } from "../../../providers/okta/payloads.ts";
import { ProviderError, type IdentityUserStatus } from "../../../providers/types.ts";
import { loadOktaFixture } from "../../fixtures/okta/index.ts";
import { testDeps } from "./harness.ts";

const errors = loadOktaFixture("errors") as Record<string, unknown>;
const oktaUsers = loadOktaFixture("users") as { profile: { login: string } }[];

describe("decideEnable and decideDisable", () => {
  const enable: Record<IdentityUserStatus, string> = {
    SUSPENDED: "unsuspend",
    LOCKED_OUT: "unlock",
    STAGED: "activate",
    DEPROVISIONED: "activate",
    ACTIVE: "none",
    PASSWORD_EXPIRED: "none",
    PROVISIONED: "none",
    RECOVERY: "none",
  };
  const suspend: Record<IdentityUserStatus, string> = {
    ACTIVE: "suspend",
    STAGED: "none",
    SUSPENDED: "none",
    DEPROVISIONED: "none",
    LOCKED_OUT: "refuse",
    PASSWORD_EXPIRED: "refuse",
    PROVISIONED: "refuse",
    RECOVERY: "refuse",
  };
  const deactivate: Record<IdentityUserStatus, string> = {
    ACTIVE: "deactivate",
    STAGED: "deactivate",
    SUSPENDED: "deactivate",
    LOCKED_OUT: "deactivate",
    PASSWORD_EXPIRED: "deactivate",
    PROVISIONED: "deactivate",
    RECOVERY: "deactivate",
    DEPROVISIONED: "none",
  };
  const summary = (step: ReturnType<typeof decideEnable>) => (step.kind === "call" ? step.path : step.kind);

  it.each(Object.entries(enable))("enable from %s: %s", (status, expected) => {
    expect(summary(decideEnable(status as IdentityUserStatus, "immediate"))).toBe(expected);
  });

  it.each(Object.entries(suspend))("disable (SUSPEND) from %s: %s", (status, expected) => {
    expect(summary(decideDisable(status as IdentityUserStatus, "SUSPEND"))).toBe(expected);
  });

  it.each(Object.entries(deactivate))("disable (DEACTIVATE) from %s: %s", (status, expected) => {
    expect(summary(decideDisable(status as IdentityUserStatus, "DEACTIVATE"))).toBe(expected);
  });

  it("refuses to suspend a user who could still sign in by naming the DEACTIVATE mode, never deactivating unasked", () => {
    expect(decideDisable("PASSWORD_EXPIRED", "SUSPEND")).toEqual({
      kind: "refuse",
      reason: "Only ACTIVE users can be suspended and this user is PASSWORD_EXPIRED; to disable them anyway, use mode DEACTIVATE, which deprovisions them from every app",
    });
    const statuses = Object.keys(suspend) as IdentityUserStatus[];
    const calls = [...statuses.map((status) => decideEnable(status, "immediate")), ...statuses.map((status) => decideDisable(status, "SUSPEND"))].flatMap((step) => (step.kind === "call" ? [step.path] : []));
    expect([...new Set(calls)].sort()).toEqual(["activate", "suspend", "unlock", "unsuspend"]);
  });

  it("deactivates, and activates a user who can sign in at once, without mailing the user", () => {
    expect(decideEnable("STAGED", "immediate")).toEqual({ kind: "call", path: "activate", query: { sendEmail: false } });
    expect(decideDisable("ACTIVE", "DEACTIVATE")).toEqual({ kind: "call", path: "deactivate", query: { sendEmail: false } });
  });

  it("mails the activation link to a user who has no other way to finish activating", () => {
    expect(decideEnable("STAGED", "by-email")).toEqual({ kind: "call", path: "activate", query: { sendEmail: true } });
  });

  it.each([
    ["a password", { password: {}, provider: { type: "OKTA", name: "OKTA" } }, "immediate"],
    ["neither password nor credentials", undefined, "by-email"],
    ["no password, an Okta provider", { provider: { type: "OKTA", name: "OKTA" } }, "by-email"],
    ["no password, a federated provider", { provider: { type: "FEDERATION", name: "FEDERATION" } }, "immediate"],
  ])("activates a user with %s %s", (_case, credentials, expected) => {
    const user = OktaUser.parse({ ...oktaUsers.find((candidate) => candidate.profile.login.startsWith("dan."))!, credentials });
    expect(activationOf(user)).toBe(expected);
  });
});

describe("toOktaError", () => {
  it.each([
    [404, "E0000007", "NOT_FOUND"],
    [400, "E0000001", "BAD_USER_INPUT"],
    [400, "E0000028", "BAD_USER_INPUT"],
    [403, "E0000038", "BAD_USER_INPUT"],
    [403, "E0000006", "PROVIDER_UNAUTHORIZED"],
    [401, "E0000011", "PROVIDER_UNAUTHORIZED"],
    [429, "E0000047", "PROVIDER_RATE_LIMITED"],
  ])("HTTP %i %s is %s", (status, code, expected) => {
    const error = toOktaError(status, errors[code], "suspend the user", "user 00u1");
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: expected, details: { httpStatus: status, providerCode: code } });
  });

  it("never repeats Okta's summary, which may echo input", () => {
    const error = toOktaError(404, errors.E0000007, "read the user", "user 00uNoSuchUser0000g4");
    expect(error.message).toBe("Okta has no user 00uNoSuchUser0000g4, or the integration's token cannot see it");
    expect(error.message).not.toContain("Resource not found");
    expect(toOktaError(400, errors.E0000001, "suspend the user", "user x").message).toBe("Okta rejected the request to suspend the user");
  });

  it("falls back to the status for bodies that are not Okta errors, and drops codes it does not recognise", () => {
    expect(toOktaError(404, "<html>", "read the group", "group 00g1")).toMatchObject({ code: "NOT_FOUND", details: { httpStatus: 404 } });
    expect(toOktaError(403, { errorCode: "<script>" }, "list users", "user list")).toMatchObject({ code: "PROVIDER_UNAUTHORIZED", details: { httpStatus: 403 } });
    expect(toOktaError(403, { errorCode: "<script>" }, "list users", "user list").details).not.toHaveProperty("providerCode");
    expect(toOktaError(410, null, "list users", "user list")).toMatchObject({ code: "PROVIDER_ERROR" });
  });
});

describe("cursors", () => {
  const base = "https://acme.okta.com";
  const next = "https://acme.okta.com/api/v1/users?after=00u2&limit=2&search=status+eq+%22ACTIVE%22";

  it("round-trips Okta's next URL byte for byte, opaque to callers", () => {
    const cursor = cursorFor(next, base, "/api/v1/users")!;
    expect(cursor).not.toContain("after");
    expect(decodeCursor(cursor, base, "/api/v1/users")).toBe(next);
    expect(cursorFor(null, base, "/api/v1/users")).toBeNull();
  });

  it("refuses cursors for another origin, another list, with credentials, or that are not ours at all", () => {
    const refuse = (cursor: string, path = "/api/v1/users") => () => decodeCursor(cursor, base, path);
    expect(refuse(encodeCursor("https://evil.example/api/v1/users?after=1"))).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT" }));
    expect(refuse(encodeCursor("http://acme.okta.com/api/v1/users?after=1"))).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT" }));
    expect(refuse(encodeCursor("https://user:pw@acme.okta.com/api/v1/users?after=1"))).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT" }));
    expect(refuse(encodeCursor(next), "/api/v1/groups")).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT" }));
    expect(refuse("not a cursor!")).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT" }));
    expect(refuse(encodeCursor("/api/v1/users?after=1"))).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT" }));
  });

  it("treats a next link off the org as a provider fault, and resolves a relative one", () => {
    expect(() => cursorFor("https://evil.example/api/v1/users?after=1", base, "/api/v1/users")).toThrow(expect.objectContaining({ code: "PROVIDER_ERROR" }));
    expect(decodeCursor(cursorFor("/api/v1/users?after=9", base, "/api/v1/users")!, base, "/api/v1/users")).toBe("https://acme.okta.com/api/v1/users?after=9");
  });

  it("clamps page sizes to 1…max", () => {
    expect([pageSize(0, 200), pageSize(50, 200), pageSize(5000, 200), pageSize(Number.NaN, 200), pageSize(2.7, 200)]).toEqual([1, 50, 200, 1, 2]);
  });
});

describe("configuration and credentials", () => {
  const parse = (config: unknown) => oktaProvider.configSchema.safeParse(config);

  it("needs an https orgUrl, or an apiBaseUrl, and knows only SSWS and Bearer", () => {
    expect(parse({ orgUrl: "https://acme.okta.com" }).success).toBe(true);
    expect(parse({ orgUrl: "http://acme.okta.com" }).success).toBe(false);
    expect(parse({}).success).toBe(false);
    expect(parse({ orgUrl: "https://acme.okta.com", authScheme: "Basic" }).success).toBe(false);
    expect(parse({ orgUrl: "https://acme.okta.com", token: "x" }).success).toBe(false);
  });

  it("refuses a credential that is not a TOKEN with BAD_USER_INPUT", () => {
    const config = oktaProvider.configSchema.parse({ orgUrl: "https://acme.okta.com" });
    for (const credential of [null, { type: "BASIC", username: "a", password: "b" } as const, { type: "TOKEN", token: "has space" } as const]) {
      expect(() => oktaProvider.createAdapter(config, credential, testDeps)).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT" }));
    }
  });

  it("refuses plain http unless the operator allows private networks", () => {
    const config = oktaProvider.configSchema.parse({ apiBaseUrl: "http://okta.internal.example" });
    const strict = { ...testDeps, transport: { ...testDeps.transport, allowPrivateNetworks: false } };
    expect(() => oktaProvider.createAdapter(config, { type: "TOKEN", token: "t" }, strict)).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT" }));
    expect(() => oktaProvider.createAdapter(config, { type: "TOKEN", token: "t" }, testDeps)).not.toThrow();
  });

  it("lists every identity operation and its filters", () => {
    expect(oktaProvider.operations).toHaveLength(10);
    expect(oktaProvider.queryCapabilities.identity_query_users.filters).toEqual(["status", "email", "login", "search", "updatedAfter"]);
  });
});
