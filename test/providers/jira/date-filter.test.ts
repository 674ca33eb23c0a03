/**
 * Ticket date filters hold to the exact instant although JQL dates have minute precision: after-bounds
 * inclusive, before-bounds exclusive, whatever the selection. The simulator's user is in Australia/Sydney.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TicketFilter, TicketQuery } from "../../../providers/types.ts";
import { type JiraHarness, startJiraHarness, ticketKeys, ticketQuery } from "./harness.ts";

let h: JiraHarness;
beforeEach(async () => {
  h = await startJiraHarness({ now: () => new Date("2021-03-01T00:00:00.000Z") });
});
afterEach(() => h.sim.close());

const search = async (filter: TicketFilter, overrides: Partial<TicketQuery> = {}) => ticketKeys((await h.adapter.queryTickets(ticketQuery({ filter, ...overrides }))).items);
const lastSearchBody = () => h.sim.state.requests.filter((request) => request.path === "/rest/api/3/search/jql").at(-1)!.body as { jql: string; fields: string[] };

// Fixture: EX-1 is created at 2021-01-17T12:34:00Z, updated at 2021-01-18T09:15:30+1100 (22:15:30Z on the 17th);
// no other issue is created or updated between 2021-01-17T12:00Z and 2021-01-18T00:00Z.
const endOfWindow = "2021-01-18T00:00:00.000Z";

describe("created bounds", () => {
  it.each([
    ["2021-01-17T12:34:00.000Z", ["EX-1"]],
    ["2021-01-17T12:34:00.001Z", []],
    ["2021-01-17T12:34:30.000Z", []],
  ])("createdAfter %s is inclusive to the millisecond", async (createdAfter, expected) => {
    expect(await search({ createdAfter, createdBefore: endOfWindow })).toEqual(expected);
    // Jira is still asked from the whole minute, so it never leaves out a matching issue.
    expect(lastSearchBody().jql).toContain('created >= "2021-01-17 23:34"');
  });

  it("createdBefore excludes the exact instant", async () => {
    const issue = h.sim.state.issues.find((candidate) => candidate.key === "EX-1")!;
    issue.fields.created = "2021-01-17T23:34:30.000+1100";
    const window = { createdAfter: "2021-01-17T12:00:00.000Z" };
    expect(await search({ ...window, createdBefore: "2021-01-17T12:34:30.000Z" })).toEqual([]);
    expect(lastSearchBody().jql).toContain('created < "2021-01-17 23:35"');
    expect(await search({ ...window, createdBefore: "2021-01-17T12:34:30.001Z" })).toEqual(["EX-1"]);
  });

  it("reads offsets other than the user's zone", async () => {
    // EX-3 is created at 2021-01-22T15:45:00-0500, which is 20:45:00Z.
    const window = { projectKey: ["EX"], createdBefore: "2021-01-23T00:00:00.000Z" };
    expect(await search({ ...window, createdAfter: "2021-01-22T20:45:00.000Z" })).toEqual(["EX-3"]);
    expect(await search({ ...window, createdAfter: "2021-01-22T20:45:01.000Z" })).toEqual([]);
  });
});

describe("updated bounds", () => {
  it.each([
    [{ updatedAfter: "2021-01-17T22:15:30.000Z", updatedBefore: endOfWindow }, ["EX-1"]],
    [{ updatedAfter: "2021-01-17T22:15:30.001Z", updatedBefore: endOfWindow }, []],
    [{ updatedAfter: "2021-01-17T12:00:00.000Z", updatedBefore: "2021-01-17T22:15:30.000Z" }, []],
    [{ updatedAfter: "2021-01-17T12:00:00.000Z", updatedBefore: "2021-01-17T22:15:30.001Z" }, ["EX-1"]],
  ])("%j", async (filter, expected) => {
    expect(await search(filter)).toEqual(expected);
  });
});

describe("selections without the filtered dates", () => {
  it("asks Jira for the dates it filters on and still returns only the selected properties", async () => {
    const fields = new Set(["summary"] as const);
    expect(await search({ createdAfter: "2021-01-17T12:34:30.000Z", createdBefore: endOfWindow }, { fields })).toEqual([]);
    expect(lastSearchBody().fields).toEqual(["summary", "created"]);

    const page = await h.adapter.queryTickets(ticketQuery({ filter: { createdAfter: "2021-01-17T12:34:00.000Z", updatedBefore: endOfWindow }, fields }));
    expect(page.items).toEqual([{ id: "10001", key: "EX-1", summary: "Checkout fails when paying with a saved card" }]);
    expect(lastSearchBody().fields).toEqual(["summary", "created", "updated"]);
  });

  it("leaves the fields alone when no date is filtered", async () => {
    await search({ projectKey: ["EX"] }, { fields: new Set(["summary"] as const) });
    expect(lastSearchBody().fields).toEqual(["summary"]);
  });
});

describe("paging", () => {
  it("keeps the cursor when every issue on a page falls outside the exact bounds", async () => {
    const ascending = ticketQuery({ filter: { createdAfter: "2021-01-17T12:34:30.000Z" }, orderBy: { field: "CREATED_AT", direction: "ASC" }, limit: 1 });
    const first = await h.adapter.queryTickets(ascending);
    expect(first.items).toEqual([]);
    expect(first.nextCursor).not.toBeNull();
    const second = await h.adapter.queryTickets({ ...ascending, cursor: first.nextCursor });
    expect(ticketKeys(second.items)).toEqual(["EX-4"]);
  });
});
