/** The mock ticketing adapter's state: creating, updating along the workflow, comments, limits and separate integrations. */
import { describe, expect, it } from "vitest";
import { decideTicketTransition } from "../../../providers/mock/ticket-workflow.ts";
import { ticketingMock } from "../../../providers/mock/ticketing.ts";
import { mockAdapter } from "./harness.ts";

const page = { limit: 50, cursor: null };

describe("decideTicketTransition", () => {
  it("moves one step along To Do ⇄ In Progress ⇄ Done, ignoring case, and does nothing for the same status", () => {
    expect(decideTicketTransition("To Do", "in progress")).toBe("In Progress");
    expect(decideTicketTransition("In Progress", "Done")).toBe("Done");
    expect(decideTicketTransition("Done", "In Progress")).toBe("In Progress");
    expect(decideTicketTransition("In Progress", "To Do")).toBe("To Do");
    expect(decideTicketTransition("Done", " done ")).toBeNull();
  });

  it("refuses an unreachable status with the Jira adapter's error", () => {
    expect(() => decideTicketTransition("To Do", "Done")).toThrowError(
      expect.objectContaining({ code: "BAD_USER_INPUT", message: 'The issue\'s workflow has no transition to "Done" from its current status; reachable: In Progress' }),
    );
    expect(() => decideTicketTransition("Done", "Closed")).toThrowError(expect.objectContaining({ code: "BAD_USER_INPUT" }));
  });
});

describe("ticketing_mock tickets", () => {
  it("creates a ticket that later reads and queries see, in that integration only", async () => {
    const key = `ticketing-${Date.now()}`;
    const adapter = mockAdapter(ticketingMock, key);
    const created = await adapter.createTicket({ projectKey: "ops", issueType: "bug", summary: "Disk full", description: "**Now**", priority: "HIGH", assigneeId: "user-2", tags: ["infra"], dueDate: "2026-12-01", customFields: { customfield_10016: 3 } });
    expect(created).toMatchObject({ id: "10013", key: "OPS-13", status: "To Do", issueType: "Bug", project: { key: "OPS" }, assignee: { id: "user-2" }, customFields: { customfield_10016: 3 } });
    const child = await adapter.createTicket({ projectKey: "OPS", issueType: "Task", summary: "Clean up", parentId: "OPS-13" });
    expect(child).toMatchObject({ key: "OPS-14", parentId: "10013", priority: "MEDIUM", assignee: null });

    expect(await mockAdapter(ticketingMock, key).getTicket("ops-13")).toEqual(created);
    const ops = await adapter.queryTickets({ ...page, filter: { projectKey: ["OPS"] }, orderBy: null });
    expect(ops.items.map((ticket) => ticket.key)).toEqual(["OPS-13", "OPS-14"]);
    await expect(mockAdapter(ticketingMock).getTicket("OPS-13")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("names every invalid field of a new ticket at once, as the input names them, the first as the error's field", async () => {
    const adapter = mockAdapter(ticketingMock);
    await expect(adapter.createTicket({ projectKey: "NOPE", issueType: "Epic", summary: "x", assigneeId: "user-9", parentId: "MOCK-99", customFields: { priority: 1, "bad key!": 2 } })).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      message: "The mock ticketing provider rejected the ticket: check the fields projectKey, issueType, parentId, assigneeId, customFields.priority, customFields",
      details: { field: "projectKey" },
    });
    await expect(adapter.updateTicket("MOCK-1", { customFields: { project: 1 } })).rejects.toMatchObject({
      message: "The mock ticketing provider rejected the ticket: check the fields customFields.project",
      details: { field: "customFields" },
    });
  });

  it("updates fields and moves the status along the workflow; a refused move changes nothing", async () => {
    const adapter = mockAdapter(ticketingMock);
    const before = await adapter.getTicket("MOCK-3");
    expect(before.status).toBe("To Do");
    await expect(adapter.updateTicket("MOCK-3", { summary: "Changed", status: "Done" })).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
    expect(await adapter.getTicket("MOCK-3")).toEqual(before);

    const started = await adapter.updateTicket("10003", { summary: "Changed", status: "In Progress", assigneeId: null, tags: ["triaged"], customFields: { customfield_1: "a" } });
    expect(started).toMatchObject({ summary: "Changed", status: "In Progress", assignee: null, tags: ["triaged"], customFields: { customfield_1: "a" } });
    expect(Date.parse(started.updatedAt)).toBeGreaterThan(Date.parse(before.updatedAt));
    expect((await adapter.updateTicket("MOCK-3", { status: "Done" })).status).toBe("Done");
    expect((await adapter.updateTicket("MOCK-3", { status: "In Progress" })).status).toBe("In Progress");
    await expect(adapter.updateTicket("MOCK-99", { summary: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses tickets beyond the per-integration limit", async () => {
    const adapter = mockAdapter(ticketingMock);
    for (let n = 12; n < 500; n++) await adapter.createTicket({ projectKey: "MOCK", issueType: "Task", summary: `Filler ${n}` });
    await expect(adapter.createTicket({ projectKey: "MOCK", issueType: "Task", summary: "One too many" })).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
  });
});

describe("ticketing_mock comments", () => {
  it("lists, creates and deletes comments, oldest first", async () => {
    const adapter = mockAdapter(ticketingMock);
    expect((await adapter.listComments("MOCK-1", page)).items).toEqual([]);
    const first = await adapter.createComment("MOCK-1", "First **look**");
    const second = await adapter.createComment("10001", "Second");
    expect(first).toMatchObject({ ticketId: "10001", body: "First **look**", author: { id: "user-0" } });
    expect((await adapter.listComments("mock-1", page)).items.map((comment) => comment.id)).toEqual([first.id, second.id]);

    await adapter.deleteComment("MOCK-1", first.id);
    expect((await adapter.listComments("MOCK-1", page)).items).toEqual([second]);
    await expect(adapter.deleteComment("MOCK-1", first.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(adapter.deleteComment("MOCK-2", second.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(adapter.createComment("MOCK-99", "x")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses comments beyond the per-ticket limit", async () => {
    const adapter = mockAdapter(ticketingMock);
    for (let n = 0; n < 100; n++) await adapter.createComment("MOCK-2", `Comment ${n}`);
    await expect(adapter.createComment("MOCK-2", "One too many")).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
  });

  it("refuses a cursor it did not issue", async () => {
    await expect(mockAdapter(ticketingMock).listProjects({ limit: 1, cursor: "abc" })).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
  });
});
