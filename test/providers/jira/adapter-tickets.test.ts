/** The Jira adapter end to end against the simulator: searching, reading, creating and updating tickets. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type JiraHarness, startJiraHarness, ticketKeys, ticketQuery } from "./harness.ts";

let h: JiraHarness;
beforeEach(async () => {
  h = await startJiraHarness({ now: () => new Date("2021-03-01T00:00:00.000Z") });
});
afterEach(() => h.sim.close());

const paths = () => h.sim.state.requests.map((request) => `${request.method} ${request.path}`);

describe("queryTickets", () => {
  it("pages through every issue with nextPageToken, newest first, sending an explicit fields list to /search/jql", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await h.adapter.queryTickets(ticketQuery({ limit: 3, cursor }));
      seen.push(...ticketKeys(page.items));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(4);
    expect(seen).toEqual(["PLAT-1", "OPS-2", "OPS-1", "EX-6", "EX-5", "EX-3", "EX-2", "EX-4", "EX-1", "OPS-3"]);
    expect(new Set(paths())).toEqual(new Set(["POST /rest/api/3/search/jql"]));
    const body = h.sim.state.requests[0]!.body as { jql: string; fields: string[]; maxResults: number };
    expect(body).toMatchObject({ jql: "project IS NOT EMPTY ORDER BY created DESC, key DESC", maxResults: 3 });
    expect(body.fields).toEqual(expect.arrayContaining(["summary", "status", "description", "labels", "customfield_10016"]));
  });

  it("returns full tickets from a search, not bare ids", async () => {
    const page = await h.adapter.queryTickets(ticketQuery({ filter: { projectKey: ["EX"], tags: ["payments"] } }));
    expect(ticketKeys(page.items)).toEqual(["EX-6", "EX-4", "EX-1"]);
    expect(page.items[2]).toMatchObject({ summary: "Checkout fails when paying with a saved card", priority: "URGENT", customFields: { customfield_10016: 5 } });
    expect(page.nextCursor).toBeNull();
  });

  it.each([
    [{ priority: ["URGENT" as const] }, ["OPS-1", "EX-1"]],
    [{ assigneeId: ["5b10a2844c20165700ede21g"] }, ["EX-4", "EX-1", "OPS-3"]],
    [{ status: ["In Progress"], projectKey: ["OPS"] }, ["OPS-1"]],
    [{ status: ['Won"t do'] }, []],
  ])("filters %j", async (filter, expected) => {
    expect(ticketKeys((await h.adapter.queryTickets(ticketQuery({ filter }))).items)).toEqual(expected);
  });

  it("reads date filters in the Jira user's time zone, fetching it once for the integration, not once per adapter", async () => {
    const after = await h.adapter.queryTickets(ticketQuery({ filter: { createdAfter: "2021-02-05T07:12:00Z" } }));
    expect(ticketKeys(after.items)).toEqual(["PLAT-1", "OPS-2", "OPS-1"]);
    // The gateway builds an adapter for every call.
    const nextCall = h.adapterWith({ apiBaseUrl: h.sim.url, customFieldIds: ["customfield_10016"] }, h.basic);
    const before = await nextCall.queryTickets(ticketQuery({ filter: { createdBefore: "2021-01-18T10:00:00Z" } }));
    expect(ticketKeys(before.items)).toEqual(["EX-1", "OPS-3"]);
    expect(paths().filter((path) => path === "GET /rest/api/3/myself")).toHaveLength(1);
    expect((h.sim.state.requests.at(-1)!.body as { jql: string }).jql).toContain('created < "2021-01-18 21:00"');
  });

  it("orders by priority with unprioritised issues last", async () => {
    const page = await h.adapter.queryTickets(ticketQuery({ filter: { projectKey: ["EX"] }, orderBy: { field: "PRIORITY", direction: "DESC" } }));
    expect(ticketKeys(page.items)).toEqual(["EX-1", "EX-4", "EX-2", "EX-3", "EX-6", "EX-5"]);
  });

  it("refuses a cursor the search did not issue", async () => {
    await expect(h.adapter.queryTickets(ticketQuery({ cursor: "forged" }))).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
  });
});

describe("getTicket", () => {
  it("reads an issue by key or by id", async () => {
    const byKey = await h.adapter.getTicket("EX-4");
    expect(byKey).toMatchObject({ id: "10004", parentId: "10001", issueType: "Sub-task", description: "Handle [3-D Secure](https://example.com/3ds) challenges in the payment sheet." });
    expect((await h.adapter.getTicket("10004")).key).toBe("EX-4");
  });

  it("answers NOT_FOUND in its own words for a missing issue", async () => {
    const error = await h.adapter.getTicket("EX-404").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "NOT_FOUND", details: { httpStatus: 404 } });
    expect((error as Error).message).not.toContain("Issue does not exist");
  });

  it("refuses an id that could change the route, without calling Jira", async () => {
    await expect(h.adapter.getTicket("../myself")).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
    expect(h.sim.state.requests).toHaveLength(0);
  });
});

describe("createTicket", () => {
  const description = "Retry **once**, then:\n\n- show an error\n- log `card_declined`";

  it("creates a sub-task with ADF description, people, labels and custom fields, then reads it back", async () => {
    const ticket = await h.adapter.createTicket({
      projectKey: "EX",
      issueType: "Sub-task",
      summary: "Retry declined cards",
      description,
      priority: "HIGH",
      assigneeId: "5b10ac8d82e05b22cc7d4ef5",
      parentId: "10001",
      dueDate: "2021-03-15",
      tags: ["payments", "retry"],
      customFields: { customfield_10016: 2 },
    });
    expect(ticket).toMatchObject({
      id: "10011",
      key: "EX-7",
      status: "To Do",
      priority: "HIGH",
      description,
      parentId: "10001",
      dueDate: "2021-03-15",
      tags: ["payments", "retry"],
      assignee: { id: "5b10ac8d82e05b22cc7d4ef5", name: "Emma Richards", email: null },
      reporter: { id: "5b10a2844c20165700ede21g" },
      customFields: { customfield_10016: 2 },
      createdAt: "2021-03-01T00:00:00.000Z",
    });
    expect(paths()).toEqual(["POST /rest/api/3/issue", "GET /rest/api/3/issue/10011"]);
    const stored = h.sim.state.issues.find((issue) => issue.key === "EX-7")!;
    expect(stored.fields.description).toMatchObject({ type: "doc", version: 1, content: [{ type: "paragraph" }, { type: "bulletList" }] });
  });

  it("reports the fields Jira rejected, by name only, as the input names them", async () => {
    const error = await h.adapter.createTicket({ projectKey: "EX", issueType: "Task", summary: "Due", dueDate: "someday" }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "BAD_USER_INPUT", details: { httpStatus: 400, providerCode: "invalid:duedate", field: "dueDate" } });
    expect((error as Error).message).toBe("Jira rejected the request to create the issue: check the fields dueDate");
  });

  it("refuses a label Jira would refuse before sending anything, naming tags", async () => {
    for (const tag of ["two words", "x".repeat(256)]) {
      const error = await h.adapter.createTicket({ projectKey: "EX", issueType: "Task", summary: "Labels", tags: [tag] }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: "BAD_USER_INPUT", details: { field: "tags" } });
    }
    expect(paths()).toEqual([]);
  });
});

describe("updateTicket", () => {
  it("edits fields with PUT and reaches the new status through the workflow transition", async () => {
    const ticket = await h.adapter.updateTicket("EX-1", { summary: "Checkout fails with saved cards", status: "Done", assigneeId: null, tags: ["checkout"] });
    expect(ticket).toMatchObject({ summary: "Checkout fails with saved cards", status: "Done", assignee: null, tags: ["checkout"], updatedAt: "2021-03-01T00:00:00.000Z" });
    expect(paths()).toEqual([
      "GET /rest/api/3/issue/EX-1/transitions",
      "PUT /rest/api/3/issue/EX-1",
      "POST /rest/api/3/issue/EX-1/transitions",
      "GET /rest/api/3/issue/EX-1",
    ]);
    expect(h.sim.state.requests[2]!.body).toEqual({ transition: { id: "31" } });
  });

  it("refuses a status the workflow cannot reach, before changing anything", async () => {
    const error = await h.adapter.updateTicket("EX-3", { summary: "Changed?", status: "In Progress" }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "BAD_USER_INPUT" });
    expect((error as Error).message).toContain("reachable: To Do");
    expect(paths()).not.toContain("PUT /rest/api/3/issue/EX-3");
    expect((await h.adapter.getTicket("EX-3")).summary).toBe('Update the "Terms & Conditions" link');
  });

  it("treats the current status as already reached", async () => {
    const ticket = await h.adapter.updateTicket("EX-2", { status: "to do" });
    expect(ticket.status).toBe("To Do");
    expect(paths()).not.toContain("POST /rest/api/3/issue/EX-2/transitions");
  });

  it("answers NOT_FOUND for a missing issue", async () => {
    await expect(h.adapter.updateTicket("EX-404", { summary: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
