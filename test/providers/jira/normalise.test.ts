/** Normalisers on recorded Jira payloads: tickets, projects, comments, users, priorities, timestamps. */
import { describe, expect, it } from "vitest";
import { toComment, toIsoTimestamp, toProject, toTicket, toUserRef } from "../../../providers/jira/normalise.ts";
import { JiraComment, JiraIssue, JiraProject } from "../../../providers/jira/payloads.ts";
import { toTicketPriority } from "../../../providers/jira/priorities.ts";
import { loadJiraFixture } from "../../fixtures/jira/index.ts";

const issues = (loadJiraFixture("issues") as unknown[]).map((raw) => JiraIssue.parse(raw));
const issue = (key: string) => issues.find((candidate) => candidate.key === key)!;

describe("toTicket", () => {
  it("maps a bug with every field set, converting the description to Markdown and the timestamps to UTC", () => {
    const ticket = toTicket(issue("EX-1"));
    expect(ticket).toMatchObject({
      id: "10001",
      key: "EX-1",
      summary: "Checkout fails when paying with a saved card",
      status: "In Progress",
      priority: "URGENT",
      assignee: { id: "5b10a2844c20165700ede21g", name: "Mia Krystof", email: "mia@example.com" },
      reporter: { id: "5b10ac8d82e05b22cc7d4ef5", name: "Emma Richards", email: null },
      project: { id: "10000", key: "EX", name: "Example" },
      issueType: "Bug",
      parentId: null,
      dueDate: "2021-02-01",
      tags: ["checkout", "payments"],
      createdAt: "2021-01-17T12:34:00.000Z",
      updatedAt: "2021-01-17T22:15:30.000Z",
    });
    expect(ticket.description).toMatch(/^## Steps to reproduce\n\n1\. Open the \*\*checkout\*\* page/);
    expect(ticket.raw).toBe(issue("EX-1"));
  });

  it("keeps custom fields by id, including empty ones, and nothing else", () => {
    expect(toTicket(issue("EX-1")).customFields).toEqual({
      customfield_10016: 5,
      customfield_10042: expect.objectContaining({ value: "Web", id: "10020" }),
      customfield_10050: null,
    });
  });

  it("gives a sub-task its parent's id", () => {
    expect(toTicket(issue("EX-4"))).toMatchObject({ parentId: "10001", issueType: "Sub-task" });
  });

  it("maps missing assignee, description, priority and labels to null or empty, not to invented values", () => {
    expect(toTicket(issue("EX-5"))).toMatchObject({ assignee: null, priority: null, tags: [], dueDate: null });
    expect(toTicket(issue("EX-3")).description).toBeNull();
  });

  it("leaves an empty string summary and zero custom values as they are (no `||` coercion)", () => {
    const raw = structuredClone(issue("EX-5"));
    raw.fields.summary = "";
    raw.fields.customfield_10016 = 0;
    const ticket = toTicket(JiraIssue.parse(raw));
    expect(ticket.summary).toBe("");
    expect(ticket.customFields.customfield_10016).toBe(0);
  });

  it("refuses a payload without what the ticket relies on (status, timestamps)", () => {
    const raw = structuredClone(loadJiraFixture("issues") as { fields: Record<string, unknown> }[])[0]!;
    delete raw.fields.status;
    expect(JiraIssue.safeParse(raw).success).toBe(false);
    expect(JiraIssue.safeParse({ ...issue("EX-1"), fields: { ...issue("EX-1").fields, created: "17/01/2021" } }).success).toBe(false);
  });
});

describe("toTicketPriority", () => {
  it.each([
    ["Highest", "URGENT"],
    ["High", "HIGH"],
    ["Medium", "MEDIUM"],
    ["Low", "LOW"],
    ["Lowest", "PLANNING"],
    ["highest", "URGENT"],
  ])("maps %s to %s", (jira, unified) => expect(toTicketPriority(jira)).toBe(unified));

  it("maps custom priorities and absent ones to null", () => {
    expect(toTicketPriority("Blocker")).toBeNull();
    expect(toTicketPriority(null)).toBeNull();
    expect(toTicket(issue("OPS-3")).priority).toBeNull();
  });
});

describe("toIsoTimestamp", () => {
  it.each([
    ["2021-01-17T12:34:00.000+0000", "2021-01-17T12:34:00.000Z"],
    ["2021-01-18T09:15:30.000+1100", "2021-01-17T22:15:30.000Z"],
    ["2021-01-22T15:45:00.000-0500", "2021-01-22T20:45:00.000Z"],
    ["2021-01-22T15:45:00.000+05:30", "2021-01-22T10:15:00.000Z"],
  ])("reads %s as %s", (jira, iso) => expect(toIsoTimestamp(jira)).toBe(iso));
});

describe("toProject, toComment, toUserRef", () => {
  const projects = (loadJiraFixture("projects") as unknown[]).map((raw) => JiraProject.parse(raw));
  const comments = (loadJiraFixture("comments") as Record<string, unknown[]>)["10001"]!.map((raw) => JiraComment.parse(raw));

  it("maps a project with its lead, and one without a lead or description", () => {
    expect(toProject(projects[0]!)).toMatchObject({ id: "10000", key: "EX", name: "Example", description: "Main product backlog for the web shop.", lead: { name: "Mia Krystof" } });
    expect(toProject(projects[4]!)).toMatchObject({ key: "SEC", lead: null });
    expect(toProject({ id: "1", key: "K", name: "N" })).toMatchObject({ description: null, lead: null });
    expect(toProject(projects[1]!).description).toBe("");
  });

  it("maps a comment's ADF body to Markdown and names the issue by the id in its self link", () => {
    expect(toComment(comments[1]!, "EX-1")).toEqual({
      id: "10101",
      ticketId: "10001",
      body: "Root cause: the token is refreshed *after* the charge.\n\n```diff\n- await charge(card)\n+ await refresh(card)\n```",
      author: { id: "5b10a2844c20165700ede21g", name: "Mia Krystof", email: "mia@example.com" },
      createdAt: "2021-01-17T14:30:00.000Z",
      updatedAt: "2021-01-17T14:45:12.000Z",
      raw: comments[1],
    });
    expect(toComment(comments[2]!, "EX-1").body).toBe("[@Mia Krystof](mention:5b10a2844c20165700ede21g) thanks, verified on Safari.");
  });

  it("maps a user hiding their email to a null email, and no user to null", () => {
    expect(toUserRef({ accountId: "abc", displayName: "Ann" })).toEqual({ id: "abc", name: "Ann", email: null });
    expect(toUserRef(null)).toBeNull();
  });
});
