/** Projected searches: the Jira fields behind each ticket property, the schema a projected page must meet, and the tickets built from it. */
import { describe, expect, it } from "vitest";
import { toTicket } from "../../../providers/jira/normalise.ts";
import { allTicketFields, issueFieldsFor, searchResultsSchema, standardIssueFields } from "../../../providers/jira/ticket-fields.ts";
import type { TicketField } from "../../../providers/types.ts";
import { loadJiraFixture } from "../../fixtures/jira/index.ts";

const custom = ["customfield_10016"];
const fixtureIssue = (key: string) => (loadJiraFixture("issues") as { key: string; fields: Record<string, unknown> }[]).find((issue) => issue.key === key)!;

/** The issue as Jira answers a search naming `fields`: the others left out. */
function projected(key: string, fields: string[]) {
  const issue = fixtureIssue(key);
  return { ...issue, fields: Object.fromEntries(Object.entries(issue.fields).filter(([name]) => fields.includes(name))) };
}

describe("issueFieldsFor", () => {
  it("names the Jira fields behind the selected properties, in a fixed order", () => {
    expect(issueFieldsFor(new Set<TicketField>(["tags", "status", "parentId"]), custom)).toEqual(["status", "parent", "labels"]);
    expect(issueFieldsFor(new Set<TicketField>(["customFields"]), custom)).toEqual(["summary", "customfield_10016"]);
  });

  it("asks for everything when the raw payload is selected or nothing is said", () => {
    expect(issueFieldsFor(new Set<TicketField>(["raw"]), custom)).toEqual([...standardIssueFields, ...custom]);
    expect(issueFieldsFor(allTicketFields, custom)).toEqual([...standardIssueFields, ...custom]);
  });
});

describe("searchResultsSchema", () => {
  it("accepts a page holding only the fields asked for and refuses one missing any of them", () => {
    const fields = ["status", "created"];
    const schema = searchResultsSchema(fields);
    expect(schema.safeParse({ issues: [projected("EX-1", fields)], isLast: true }).success).toBe(true);
    expect(schema.safeParse({ issues: [projected("EX-1", ["status"])], isLast: true }).success).toBe(false);
    expect(searchResultsSchema(standardIssueFields).safeParse({ issues: [projected("EX-1", fields)], isLast: true }).success).toBe(false);
    expect(searchResultsSchema(["created", "status"])).toBe(schema);
  });

  it("keeps validating what it was given: a malformed requested field is refused", () => {
    const issue = projected("EX-1", ["status"]);
    expect(searchResultsSchema(["status"]).safeParse({ issues: [{ ...issue, fields: { status: { id: "1" } } }] }).success).toBe(false);
  });
});

describe("toTicket with a selection", () => {
  it("builds only the selected properties, each as a full read builds it", () => {
    const selected = new Set<TicketField>(["status", "createdAt", "parentId"]);
    const page = searchResultsSchema(issueFieldsFor(selected, [])).parse({ issues: [projected("EX-4", ["status", "created", "parent"])] });
    const full = toTicket(searchResultsSchema(standardIssueFields).parse({ issues: [fixtureIssue("EX-4")] }).issues[0]!);
    expect(toTicket(page.issues[0]!, selected)).toEqual({ id: full.id, key: full.key, status: full.status, createdAt: full.createdAt, parentId: full.parentId });
  });
});
