/** Provider faults through the shared HTTP client: Okta's rate-limit reset honoured, 5xx retried, bad answers refused. */
import { afterEach, describe, expect, it } from "vitest";
import { ids } from "../../fixtures/okta/index.ts";
import { collectPages, type OktaHarness, startOktaHarness } from "./harness.ts";

let h: OktaHarness;
afterEach(() => h.sim.close());

describe("rate limits", () => {
  it("waits until X-Rate-Limit-Reset, with no Retry-After, then retries a read", async () => {
    h = await startOktaHarness();
    h.sim.inject({ kind: "rate-limit", resetInSeconds: 0 }, { method: "GET", path: "/api/v1/users" });
    const started = Date.now();
    const page = await h.adapter.queryUsers({}, { limit: 3, cursor: null });
    expect(page.items).toHaveLength(3);
    expect(h.sim.state.requests).toHaveLength(2);
    // Reset is the next whole epoch second, so the retry may not go out before it.
    expect(Date.now()).toBeGreaterThanOrEqual(Math.ceil(started / 1000) * 1000 - 5);
  });

  it("fails fast with the wait when the window resets too far ahead", async () => {
    h = await startOktaHarness();
    h.sim.inject({ kind: "rate-limit", resetInSeconds: 45 });
    const error = await h.adapter.getUser(ids.users.alice).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "PROVIDER_RATE_LIMITED", details: { httpStatus: 429 } });
    const wait = (error as { details: { retryAfterSeconds: number } }).details.retryAfterSeconds;
    expect(wait).toBeGreaterThanOrEqual(44);
    expect(wait).toBeLessThanOrEqual(46);
    expect(h.sim.state.requests).toHaveLength(1);
  });

  it("sends a lifecycle change again after a 429, which Okta refused unprocessed, and applies it once", async () => {
    h = await startOktaHarness();
    // A window that has already reset: retried at once.
    h.sim.inject({ kind: "rate-limit", resetInSeconds: -1 }, { method: "POST" });
    await h.adapter.disableUser(ids.users.alice, "SUSPEND");
    expect(h.sim.state.requests.filter((request) => request.method === "POST")).toHaveLength(2);
    expect(h.sim.state.users.find((user) => user.id === ids.users.alice)!.status).toBe("SUSPENDED");
    expect(h.sim.state.logs.filter((event) => event.eventType === "user.lifecycle.suspend" && JSON.stringify(event.target).includes(ids.users.alice))).toHaveLength(1);
  });

  it("meets the org's own per-minute limit as PROVIDER_RATE_LIMITED", async () => {
    // The org's clock runs 30 s ahead, so its window resets at least 30 s from now: too long to sit out.
    h = await startOktaHarness({ rateLimits: { groups: 2 }, now: () => new Date(Date.now() + 30_000) });
    await h.adapter.getGroup(ids.groups.finance);
    await h.adapter.getGroup(ids.groups.finance);
    await expect(h.adapter.getGroup(ids.groups.finance)).rejects.toMatchObject({ code: "PROVIDER_RATE_LIMITED", details: { retryAfterSeconds: expect.any(Number) } });
    expect(h.sim.state.requests).toHaveLength(3);
  });
});

describe("unavailable and malformed answers", () => {
  it("retries a read after a 503", async () => {
    h = await startOktaHarness();
    h.sim.inject({ kind: "unavailable", status: 503 });
    await expect(h.adapter.getGroup(ids.groups.finance)).resolves.toMatchObject({ name: "Finance" });
    expect(h.sim.state.requests).toHaveLength(2);
  });

  it("answers PROVIDER_UNAVAILABLE when the 5xx persists", async () => {
    h = await startOktaHarness();
    h.sim.inject({ kind: "unavailable", status: 500 }, { times: 5 });
    await expect(h.adapter.getGroup(ids.groups.finance)).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE" });
  });

  it("answers PROVIDER_ERROR for truncated JSON", async () => {
    h = await startOktaHarness();
    h.sim.inject({ kind: "truncated-json" });
    await expect(h.adapter.queryUsers({}, { limit: 3, cursor: null })).rejects.toMatchObject({ code: "PROVIDER_ERROR" });
  });

  it("does not follow a next link that leaves the org", async () => {
    h = await startOktaHarness();
    h.sim.inject({ kind: "next-link", to: "https://evil.example/api/v1/users?after=x" });
    await expect(h.adapter.queryUsers({}, { limit: 3, cursor: null })).rejects.toMatchObject({ code: "PROVIDER_ERROR" });
  });
});

describe("Link headers rewritten by a proxy", () => {
  it("pages just as well when self and next arrive comma-joined on one line", async () => {
    h = await startOktaHarness({ linkStyle: "joined" });
    const pages = await collectPages((page) => h.adapter.listGroupMembers(ids.groups.everyone, page), 5);
    expect(pages.map((page) => page.length)).toEqual([5, 5, 3]);
  });
});
