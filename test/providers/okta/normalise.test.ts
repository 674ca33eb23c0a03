/** Users and groups from the recorded Okta payloads: every status, nullable timestamps, custom attributes. */
import { describe, expect, it } from "vitest";
import { toIdentityGroup, toIdentityUser } from "../../../providers/okta/normalise.ts";
import { OktaGroup, OktaUser } from "../../../providers/okta/payloads.ts";
import type { IdentityUserStatus } from "../../../providers/types.ts";
import { ids, loadOktaFixture } from "../../fixtures/okta/index.ts";

const users = (loadOktaFixture("users") as unknown[]).map((raw) => OktaUser.parse(raw));
const groups = (loadOktaFixture("groups") as unknown[]).map((raw) => OktaGroup.parse(raw));
const user = (id: string) => toIdentityUser(users.find((candidate) => candidate.id === id)!);

describe("toIdentityUser", () => {
  it("covers every Okta status, unchanged", () => {
    const statuses = new Set(users.map(toIdentityUser).map((normalised) => normalised.status));
    const all: IdentityUserStatus[] = ["ACTIVE", "STAGED", "PROVISIONED", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT", "SUSPENDED", "DEPROVISIONED"];
    expect([...statuses].sort()).toEqual([...all].sort());
  });

  it("maps an active user's profile and timestamps", () => {
    expect(user(ids.users.alice)).toEqual({
      id: ids.users.alice,
      login: "alice.smith@example.com",
      email: "alice.smith@example.com",
      firstName: "Alice",
      lastName: "Smith",
      displayName: "Alice Smith",
      status: "ACTIVE",
      createdAt: "2024-04-04T15:56:05.000Z",
      updatedAt: "2026-05-05T18:15:44.000Z",
      lastLoginAt: "2026-11-20T08:00:01.000Z",
      passwordChangedAt: "2026-04-04T16:00:22.000Z",
      raw: expect.objectContaining({ id: ids.users.alice }),
    });
  });

  it("keeps custom profile attributes in raw, untouched", () => {
    expect(user(ids.users.alice).raw).toMatchObject({ profile: { githubUsername: "asmith-acme", costCenter: "CC-310", badgeIds: ["B-7781", "B-7782"] } });
  });

  it("gives null for the timestamps Okta leaves null on a staged user, never an empty string", () => {
    expect(user(ids.users.dan)).toMatchObject({ status: "STAGED", lastLoginAt: null, passwordChangedAt: null });
    expect(user(ids.users.erin)).toMatchObject({ status: "PROVISIONED", lastLoginAt: null, passwordChangedAt: null });
  });

  it("prefers the profile's displayName, and gives null names when the profile has none", () => {
    expect(user(ids.users.svc)).toMatchObject({ firstName: null, lastName: null, displayName: "Backup service account", email: "svc-backup@example.com" });
    const nameless = OktaUser.parse({ ...users[0], profile: { login: "x@example.com", firstName: null, lastName: "" } });
    expect(toIdentityUser(nameless)).toMatchObject({ firstName: null, lastName: "", displayName: null, email: null });
  });

  it("parses leniently: unknown fields pass, a missing login or an unknown status does not", () => {
    expect(OktaUser.safeParse({ ...users[0], realmId: "guo1bfiNtSnZYILxO0g4", _embedded: { blocks: [] } }).success).toBe(true);
    expect(OktaUser.safeParse({ ...users[0], profile: { email: "a@example.com" } }).success).toBe(false);
    expect(OktaUser.safeParse({ ...users[0], status: "ENABLED" }).success).toBe(false);
    expect(OktaUser.safeParse({ ...users[0], lastUpdated: "yesterday" }).success).toBe(false);
  });
});

describe("toIdentityGroup", () => {
  it("maps Okta, built-in and Active Directory groups, with a null description when absent", () => {
    const byId = (id: string) => toIdentityGroup(groups.find((group) => group.id === id)!);
    expect(byId(ids.groups.engineering)).toMatchObject({ name: "Engineering", description: "Product engineering", type: "OKTA_GROUP", createdAt: "2024-01-15T10:11:28.000Z", updatedAt: "2025-10-05T19:16:43.000Z" });
    expect(byId(ids.groups.everyone)).toMatchObject({ name: "Everyone", type: "BUILT_IN" });
    expect(byId(ids.groups.finance)).toMatchObject({ description: null });
    expect(byId(ids.groups.domainAdmins)).toMatchObject({ type: "APP_GROUP", raw: { profile: { samAccountName: "Domain Admins" } } });
  });
});
