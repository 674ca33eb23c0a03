/** The expression builder: Okta's SCIM syntax, JSON quoting of values, and when a plain list is sent instead. */
import { describe, expect, it } from "vitest";
import { eventTypeFilter, groupSearch, quote, toOktaInstant, userSearch } from "../../../providers/okta/filters.ts";

describe("quote", () => {
  it("escapes quotes, backslashes and control characters as SCIM's JSON strings need", () => {
    expect(quote('a"b')).toBe('"a\\"b"');
    expect(quote("a\\b")).toBe('"a\\\\b"');
    expect(quote("line\nbreak\t")).toBe('"line\\nbreak\\t"');
    expect(quote('x" or status eq "ACTIVE')).toBe('"x\\" or status eq \\"ACTIVE"');
    expect(quote("Zoë+ops@example.com")).toBe('"Zoë+ops@example.com"');
  });
});

describe("userSearch", () => {
  it("matches every status without any condition, since a plain list would leave DEPROVISIONED users out", () => {
    const everyStatus =
      '(status eq "ACTIVE" or status eq "DEPROVISIONED" or status eq "LOCKED_OUT" or status eq "PASSWORD_EXPIRED" or status eq "PROVISIONED" or status eq "RECOVERY" or status eq "STAGED" or status eq "SUSPENDED")';
    expect(userSearch({})).toBe(everyStatus);
    expect(userSearch({ status: [], search: "" })).toBe(everyStatus);
  });

  it("matches one status with eq, several with a parenthesised or", () => {
    expect(userSearch({ status: ["ACTIVE"] })).toBe('status eq "ACTIVE"');
    expect(userSearch({ status: ["SUSPENDED", "DEPROVISIONED", "SUSPENDED"] })).toBe('(status eq "SUSPENDED" or status eq "DEPROVISIONED")');
  });

  it("joins every condition with and, quoting values", () => {
    expect(userSearch({ status: ["ACTIVE", "LOCKED_OUT"], email: 'o"brien@example.com', login: "obrien", updatedAfter: "2026-11-01T00:00:00Z" })).toBe(
      '(status eq "ACTIVE" or status eq "LOCKED_OUT") and profile.email eq "o\\"brien@example.com" and profile.login eq "obrien" and lastUpdated ge "2026-11-01T00:00:00.000Z"',
    );
  });

  it("turns the unified prefix search into sw over login, email, first and last name", () => {
    expect(userSearch({ search: "ali" })).toBe('(profile.login sw "ali" or profile.email sw "ali" or profile.firstName sw "ali" or profile.lastName sw "ali")');
  });

  it("refuses an updatedAfter that is not an ISO date-time, and normalises offsets to UTC", () => {
    expect(() => userSearch({ updatedAfter: "yesterday" })).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT" }));
    expect(() => userSearch({ updatedAfter: "1700000000" })).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT" }));
    expect(toOktaInstant("2026-11-23T13:00:00+01:00", "since")).toBe("2026-11-23T12:00:00.000Z");
  });
});

describe("groupSearch and eventTypeFilter", () => {
  it("narrows groups by name prefix and exact type", () => {
    expect(groupSearch({})).toBeNull();
    expect(groupSearch({ name: "Eng" })).toBe('profile.name sw "Eng"');
    expect(groupSearch({ name: 'R&D "core"', type: "OKTA_GROUP" })).toBe('profile.name sw "R&D \\"core\\"" and type eq "OKTA_GROUP"');
  });

  it("keeps System Log event types with eq, or-ed", () => {
    expect(eventTypeFilter(undefined)).toBeNull();
    expect(eventTypeFilter([])).toBeNull();
    expect(eventTypeFilter(["user.session.start"])).toBe('eventType eq "user.session.start"');
    expect(eventTypeFilter(["user.session.start", "user.session.end"])).toBe('(eventType eq "user.session.start" or eventType eq "user.session.end")');
  });
});
