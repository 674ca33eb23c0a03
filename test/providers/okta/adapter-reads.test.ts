/** The Okta adapter end to end against the simulator: users, groups, members and the System Log, paged by Link headers. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { encodeCursor } from "../../../providers/okta/cursor.ts";
import { ids } from "../../fixtures/okta/index.ts";
import { collectPages, type OktaHarness, startOktaHarness } from "./harness.ts";

let h: OktaHarness;
beforeEach(async () => {
  h = await startOktaHarness();
});
afterEach(() => h.sim.close());

/** Short names: `alice` for alice.smith@example.com. */
const logins = (users: { login: string }[]) => users.map((user) => user.login.split(/[.@+-]/)[0]).sort();

describe("queryUsers", () => {
  it("searches every user without a filter, DEPROVISIONED ones too, following each next Link verbatim", async () => {
    const pages = await collectPages((page) => h.adapter.queryUsers({}, page), 5);
    expect(pages.map((page) => page.length)).toEqual([5, 5, 3]);
    const all = pages.flat();
    expect(new Set(all.map((user) => user.id)).size).toBe(13);
    expect(all.filter((user) => user.status === "DEPROVISIONED")).toHaveLength(1);
    const [first, second] = h.sim.state.requests;
    expect(first!.query).toEqual({ limit: ["5"], search: [expect.stringMatching(/^\(status eq "ACTIVE" or .* or status eq "SUSPENDED"\)$/)] });
    // The second request is the next URL itself: same limit and search, Okta's after, nothing rebuilt.
    expect(second!.query).toEqual({ ...first!.query, after: [pages[0]!.at(-1)!.id] });
  });

  it("finds a user updated at exactly the updatedAfter instant", async () => {
    const [user] = (await h.adapter.queryUsers({ login: "alice.smith@example.com" }, { limit: 1, cursor: null })).items;
    const found = await h.adapter.queryUsers({ login: user!.login, updatedAfter: user!.updatedAt }, { limit: 1, cursor: null });
    expect(found.items.map((match) => match.id)).toEqual([user!.id]);
  });

  it("uses search, which includes DEPROVISIONED users, whenever a status is asked for", async () => {
    const page = await h.adapter.queryUsers({ status: ["DEPROVISIONED", "SUSPENDED"] }, { limit: 50, cursor: null });
    expect(page.items.map((user) => user.status).sort()).toEqual(["DEPROVISIONED", "SUSPENDED"]);
    expect(page.nextCursor).toBeNull();
    expect(h.sim.state.requests[0]!.query.search).toEqual(['(status eq "DEPROVISIONED" or status eq "SUSPENDED")']);
  });

  it("keeps the filter across pages: it travels inside Okta's next URL", async () => {
    const pages = await collectPages((page) => h.adapter.queryUsers({ status: ["ACTIVE"] }, page), 2);
    expect(pages.flat().every((user) => user.status === "ACTIVE")).toBe(true);
    expect(pages.flat()).toHaveLength(5);
    expect(h.sim.state.requests.every((request) => request.query.search?.[0] === 'status eq "ACTIVE"')).toBe(true);
  });

  it("finds users by prefix, by email regardless of case, by login with a plus sign, and by update time", async () => {
    const first = { limit: 50, cursor: null };
    expect(logins((await h.adapter.queryUsers({ search: "ali" }, first)).items)).toEqual(["alice"]);
    expect(logins((await h.adapter.queryUsers({ search: "Hop" }, first)).items)).toEqual(["grace"]);
    expect(logins((await h.adapter.queryUsers({ email: "ALICE.SMITH@example.com" }, first)).items)).toEqual(["alice"]);
    expect(logins((await h.adapter.queryUsers({ login: "olivia.brown+ops@example.com" }, first)).items)).toEqual(["olivia"]);
    expect(logins((await h.adapter.queryUsers({ updatedAfter: "2026-11-20T00:00:00Z" }, first)).items)).toEqual(["bob", "dan", "heidi", "ivan", "judy"]);
    expect(logins((await h.adapter.queryUsers({ status: ["ACTIVE"], search: "o" }, first)).items)).toEqual(["olivia"]);
  });

  it("cannot be widened by quotes in a value", async () => {
    const page = await h.adapter.queryUsers({ email: 'nobody" or status eq "ACTIVE' }, { limit: 50, cursor: null });
    expect(page.items).toEqual([]);
  });

  it("refuses a cursor issued for another list or another host", async () => {
    const groups = await h.adapter.queryGroups({}, { limit: 2, cursor: null });
    await expect(h.adapter.queryUsers({}, { limit: 2, cursor: groups.nextCursor })).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
    const foreign = encodeCursor("https://evil.example/api/v1/users?after=x");
    await expect(h.adapter.queryUsers({}, { limit: 2, cursor: foreign })).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
    expect(h.sim.state.requests).toHaveLength(1);
  });
});

describe("getUser", () => {
  it("reads one user, NOT_FOUND for an unknown id, and refuses ids that could change the route", async () => {
    expect(await h.adapter.getUser(ids.users.heidi)).toMatchObject({ login: "heidi.klum@example.com", status: "LOCKED_OUT" });
    await expect(h.adapter.getUser("00uNoSuchUser0000g4")).rejects.toMatchObject({ code: "NOT_FOUND", message: "Okta has no user 00uNoSuchUser0000g4, or the integration's token cannot see it" });
    await expect(h.adapter.getUser("../groups")).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
    await expect(h.adapter.getUser("me")).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
  });
});

describe("groups", () => {
  it("lists groups across pages and narrows them by name prefix and type", async () => {
    const pages = await collectPages((page) => h.adapter.queryGroups({}, page), 4);
    expect(pages.map((page) => page.length)).toEqual([4, 2]);
    const byName = await h.adapter.queryGroups({ name: "eng" }, { limit: 50, cursor: null });
    expect(byName.items.map((group) => group.name).sort()).toEqual(["Engineering", "Engineering Managers"]);
    const byType = await h.adapter.queryGroups({ type: "APP_GROUP" }, { limit: 50, cursor: null });
    expect(byType.items).toEqual([expect.objectContaining({ id: ids.groups.domainAdmins, name: "Domain Admins", type: "APP_GROUP" })]);
  });

  it("reads one group, and NOT_FOUND for an unknown one", async () => {
    expect(await h.adapter.getGroup(ids.groups.finance)).toMatchObject({ name: "Finance", description: null, type: "OKTA_GROUP" });
    await expect(h.adapter.getGroup("00gNoSuchGroup000g4")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("pages a group's members with a bounded limit instead of Okta's default of 1000", async () => {
    const pages = await collectPages((page) => h.adapter.listGroupMembers(ids.groups.engineering, page), 2);
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(logins(pages.flat())).toEqual(["alice", "bob", "grace", "heidi", "ivan"]);
    expect(h.sim.state.requests[0]).toMatchObject({ path: `/api/v1/groups/${ids.groups.engineering}/users`, query: { limit: ["2"] } });
    expect((await h.adapter.listGroupMembers(ids.groups.contractors, { limit: 10, cursor: null })).items).toEqual([]);
    await expect(h.adapter.listGroupMembers("00gNoSuchGroup000g4", { limit: 10, cursor: null })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a members cursor of another group", async () => {
    const page = await h.adapter.listGroupMembers(ids.groups.engineering, { limit: 2, cursor: null });
    await expect(h.adapter.listGroupMembers(ids.groups.everyone, { limit: 2, cursor: page.nextCursor })).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
  });
});

describe("queryAuditLog", () => {
  const window = { since: "2026-11-01T00:00:00Z", until: "2026-11-23T00:00:00Z" };

  it("reads the System Log newest first across pages, as OCSF events", async () => {
    const pages = await collectPages((page) => h.adapter.queryAuditLog({ ...window, ...page }), 5);
    expect(pages.map((page) => page.length)).toEqual([5, 5, 4]);
    const times = pages.flat().map((event) => event.ocsf.time);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(pages[0]![0]!.ocsf).toMatchObject({ class_uid: 3002, activity_name: "Logoff", user: { uid: ids.users.ivan } });
    expect(h.sim.state.requests[0]!.query).toEqual({ since: ["2026-11-01T00:00:00.000Z"], until: ["2026-11-23T00:00:00.000Z"], sortOrder: ["DESCENDING"], limit: ["5"] });
  });

  it("keeps only the asked event types", async () => {
    const page = await h.adapter.queryAuditLog({ ...window, eventTypes: ["user.session.start", "group.user_membership.add"], limit: 50, cursor: null });
    expect(page.items.map((event) => event.ocsf.type_uid).sort()).toEqual([300201, 300201, 300603]);
    expect(h.sim.state.requests[0]!.query.filter).toEqual(['(eventType eq "user.session.start" or eventType eq "group.user_membership.add")']);
  });

  it("always bounds the query with until, so paging ends instead of polling forever", async () => {
    const adapter = h.adapterAt(new Date("2026-11-21T00:00:00.000Z"));
    const pages = await collectPages((page) => adapter.queryAuditLog(page), 4);
    // Okta's default since is seven days before until: here the six events of 20 November.
    expect(pages.flat()).toHaveLength(6);
    expect(pages.length).toBe(2);
    expect(h.sim.state.requests[0]!.query.until).toEqual(["2026-11-21T00:00:00.000Z"]);
  });

  it("refuses since or until that are not ISO date-times", async () => {
    await expect(h.adapter.queryAuditLog({ since: "last week", limit: 5, cursor: null })).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
    expect(h.sim.state.requests).toHaveLength(0);
  });
});
