/** What the adapter sends and how it reads failures: create/edit fields, connection, config, errors, cursors. */
import { describe, expect, it } from "vitest";
import { JiraConfigSchema, toJiraConnection } from "../../../providers/jira/config.ts";
import { decodeOffsetCursor, encodeOffsetCursor, nextOffsetCursor } from "../../../providers/jira/cursor.ts";
import { toJiraError } from "../../../providers/jira/errors.ts";
import { toCreateFields, toEditFields } from "../../../providers/jira/issue-input.ts";
import { ProviderError } from "../../../providers/types.ts";

describe("toCreateFields", () => {
  it("sends only what was given, with the description as ADF and the priority by Jira name", () => {
    expect(
      toCreateFields({ projectKey: "EX", issueType: "Bug", summary: "Broken", description: "It **fails**", priority: "URGENT", parentId: "10001", tags: ["a"], customFields: { customfield_10016: 3 } }),
    ).toEqual({
      project: { key: "EX" },
      issuetype: { name: "Bug" },
      summary: "Broken",
      description: { type: "doc", version: 1, content: [{ type: "paragraph", content: [{ type: "text", text: "It " }, { type: "text", text: "fails", marks: [{ type: "strong" }] }] }] },
      priority: { name: "Highest" },
      parent: { id: "10001" },
      labels: ["a"],
      customfield_10016: 3,
    });
  });

  it("names an issue type by id and a parent by key when that is what was given", () => {
    expect(toCreateFields({ projectKey: "EX", issueType: "10003", summary: "s", parentId: "EX-1" })).toMatchObject({ issuetype: { id: "10003" }, parent: { key: "EX-1" } });
  });

  it("refuses custom fields that are not customfield ids, so system fields cannot be smuggled in", () => {
    expect(() => toCreateFields({ projectKey: "EX", issueType: "Bug", summary: "s", customFields: { reporter: { accountId: "x" } } })).toThrow(ProviderError);
    expect(() => toEditFields({ customFields: { reporter: { accountId: "x" } } })).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT", details: { field: "customFields" } }));
  });
});

describe("labels", () => {
  it("refuses a tag Jira would refuse as a label, naming tags, on create and on edit, and sends one of 255 characters", () => {
    const refused = expect.objectContaining({ code: "BAD_USER_INPUT", details: { field: "tags" }, message: expect.stringMatching(/tag 2 is not$/) });
    for (const tag of ["has space", "new\nline", "", "x".repeat(256)]) {
      expect(() => toCreateFields({ projectKey: "EX", issueType: "Bug", summary: "s", tags: ["fine", tag] })).toThrow(refused);
      expect(() => toEditFields({ tags: ["fine", tag] })).toThrow(refused);
    }
    expect(toEditFields({ tags: ["x".repeat(255)] })).toEqual({ labels: ["x".repeat(255)] });
  });
});

describe("toEditFields", () => {
  it("clears with null, leaves undefined alone, and never sends status", () => {
    expect(toEditFields({ status: "Done", assigneeId: null, description: null, dueDate: null })).toEqual({ assignee: null, description: null, duedate: null });
    expect(toEditFields({ summary: "New", tags: [] })).toEqual({ summary: "New", labels: [] });
  });
});

const publicOnly = { allowPrivateNetworks: false };

describe("toJiraConnection", () => {
  it("uses the site with Basic auth for an email and API token", () => {
    expect(toJiraConnection({ siteUrl: "https://acme.atlassian.net/jira/your-work" }, { type: "BASIC", username: "a@b.c", password: "tok" }, publicOnly)).toEqual({
      baseUrl: "https://acme.atlassian.net",
      auth: { kind: "basic", username: "a@b.c", password: "tok" },
    });
  });

  it("routes an OAuth token through Atlassian's gateway by cloud id, never the site", () => {
    const config = { siteUrl: "https://acme.atlassian.net", cloudId: "11223344-a1b2-4b33-8c44-def123456789" };
    expect(toJiraConnection(config, { type: "TOKEN", token: "t" }, publicOnly)).toEqual({
      baseUrl: "https://api.atlassian.com/ex/jira/11223344-a1b2-4b33-8c44-def123456789",
      auth: { kind: "bearer", token: "t" },
    });
    expect(() => toJiraConnection({ siteUrl: "https://acme.atlassian.net" }, { type: "TOKEN", token: "t" }, publicOnly)).toThrow(/cloudId/);
  });

  it("lets apiBaseUrl override either base (a proxy or a simulator)", () => {
    expect(toJiraConnection({ apiBaseUrl: "https://jira-proxy.example.com/" }, { type: "BASIC", username: "u", password: "p" }, publicOnly).baseUrl).toBe("https://jira-proxy.example.com");
    expect(toJiraConnection({ apiBaseUrl: "http://127.0.0.1:9999/" }, { type: "BASIC", username: "u", password: "p" }, { allowPrivateNetworks: true }).baseUrl).toBe("http://127.0.0.1:9999");
  });

  it("refuses an http apiBaseUrl unless the operator allows private networks: the credential would travel in clear", () => {
    for (const credential of [{ type: "BASIC", username: "u", password: "p" } as const, { type: "TOKEN", token: "t" } as const]) {
      expect(() => toJiraConnection({ apiBaseUrl: "http://jira.example.com" }, credential, publicOnly)).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT", message: expect.stringContaining("https") }));
    }
  });

  it("refuses a missing credential or one of another type with BAD_USER_INPUT", () => {
    for (const credential of [null, { type: "SECRET", secret: "s" } as const]) {
      expect(() => toJiraConnection({ siteUrl: "https://acme.atlassian.net" }, credential, publicOnly)).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT" }));
    }
  });
});

describe("JiraConfigSchema", () => {
  it("accepts a site or a cloud id and refuses http sites, unknown keys and empty configs", () => {
    expect(JiraConfigSchema.safeParse({ siteUrl: "https://acme.atlassian.net" }).success).toBe(true);
    expect(JiraConfigSchema.safeParse({ cloudId: "11223344-a1b2-4b33-8c44-def123456789" }).success).toBe(true);
    expect(JiraConfigSchema.safeParse({ siteUrl: "http://acme.atlassian.net" }).success).toBe(false);
    expect(JiraConfigSchema.safeParse({ siteUrl: "https://acme.atlassian.net", token: "x" }).success).toBe(false);
    expect(JiraConfigSchema.safeParse({}).success).toBe(false);
  });
});

describe("toJiraError", () => {
  it("writes its own message and names only the invalid fields, never Jira's text", () => {
    const error = toJiraError(400, { errorMessages: ["secret=abc"], errors: { summary: "token abc is wrong", "bad key!": "x" } }, "create the issue", "project EX");
    expect(error).toMatchObject({ code: "BAD_USER_INPUT", details: { httpStatus: 400, providerCode: "invalid:summary" } });
    expect(error.message).toBe("Jira rejected the request to create the issue: check the fields summary");
    expect(error.message).not.toContain("abc");
  });

  it("names the invalid fields as the unified input does, the first one it sets as the error's field", () => {
    const errors = { resolution: "x", duedate: "x", issuetype: "x", customfield_10016: "x" };
    const error = toJiraError(400, { errors }, "create the issue", "project EX");
    expect(error.message).toBe("Jira rejected the request to create the issue: check the fields resolution, dueDate, issueType, customFields.customfield_10016");
    expect(error.details).toMatchObject({ providerCode: "invalid:resolution,duedate,issuetype,customfield_10016", field: "dueDate" });
    expect(toJiraError(400, { errors: { resolution: "x" } }, "change the issue's status", "issue EX-1").details.field).toBeUndefined();
    expect(toJiraError(500, { errors: { labels: "x" } }, "create the issue", "project EX").details.field).toBeUndefined();
  });

  it.each([
    [401, "PROVIDER_UNAUTHORIZED"],
    [403, "PROVIDER_UNAUTHORIZED"],
    [404, "NOT_FOUND"],
    [409, "BAD_USER_INPUT"],
    [410, "PROVIDER_ERROR"],
    [422, "BAD_USER_INPUT"],
  ])("maps %i to %s", (status, code) => {
    expect(toJiraError(status, "<html>", "read the issue", "issue EX-1").code).toBe(code);
  });
});

describe("offset cursors", () => {
  it("round-trip startAt, stop on the last or an empty page, and refuse foreign cursors", () => {
    expect(decodeOffsetCursor(encodeOffsetCursor(40))).toBe(40);
    expect(decodeOffsetCursor(null)).toBe(0);
    expect(nextOffsetCursor(0, 50, false)).toBeNull();
    expect(nextOffsetCursor(0, 0, true)).toBeNull();
    expect(() => decodeOffsetCursor("not-ours")).toThrow(ProviderError);
  });
});
