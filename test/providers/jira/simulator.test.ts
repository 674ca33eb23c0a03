/** The simulator's own wire fidelity, beyond what the SDK and adapter tests exercise. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type JiraSimulator, startJiraSimulator } from "../../simulators/jira/index.ts";

let sim: JiraSimulator;
let basic: string;
beforeAll(async () => {
  sim = await startJiraSimulator({ now: () => new Date("2021-02-08T00:00:00.000Z") });
  basic = sim.basicAuthorization;
});
afterAll(() => sim.close());

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: { authorization: basic, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}
const search = async (jql: string, extra: Record<string, unknown> = {}) => call("POST", "/rest/api/3/search/jql", { jql, fields: ["summary"], ...extra });
const keysOf = (body: Record<string, unknown> | null) => (body?.issues as { key: string }[]).map((issue) => issue.key);

describe("search/jql", () => {
  it("supports OR, NOT, parentheses, IS EMPTY and relative dates", async () => {
    expect(keysOf((await search("(project = OPS OR key = EX-1) AND NOT status = Done ORDER BY key ASC")).body)).toEqual(["EX-1", "OPS-1", "OPS-2"]);
    expect(keysOf((await search("assignee IS EMPTY ORDER BY key ASC")).body)).toEqual(["EX-3", "EX-5", "PLAT-1"]);
    expect(keysOf((await search("created >= -3d ORDER BY key ASC")).body)).toEqual(["OPS-1", "OPS-2", "PLAT-1"]);
  });

  it("refuses unbounded queries, bad JQL, unknown fields, foreign tokens and out-of-range page sizes with 400", async () => {
    for (const [jql, extra] of [
      ["ORDER BY created DESC", {}],
      ['status = "unterminated', {}],
      ["colour = red", {}],
      ["project = EX", { nextPageToken: "bm90LWEtdG9rZW4" }],
      ["project = EX", { maxResults: 0 }],
    ] as const) {
      const answer = await search(jql, extra);
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ errorMessages: [expect.any(String)], errors: {} });
    }
  });

  it("honours field exclusions", async () => {
    const { body } = await call("POST", "/rest/api/3/search/jql", { jql: "key = EX-1", fields: ["*all", "-description", "-comment"] });
    const fields = (body!.issues as { fields: Record<string, unknown> }[])[0]!.fields;
    expect(fields).toHaveProperty("summary");
    expect(fields).not.toHaveProperty("description");
  });
});

describe("faults", () => {
  it("answers 429 with Retry-After and Jira's rate-limit headers, or without Retry-After when asked", async () => {
    sim.inject({ kind: "rate-limit", retryAfterSeconds: 7 });
    const limited = await call("GET", "/rest/api/3/myself");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
    expect(limited.headers.get("x-ratelimit-reset")).toBe("2021-02-08T00:00Z");
    expect(limited.headers.get("ratelimit-reason")).toBe("jira-burst-based");

    sim.inject({ kind: "rate-limit", retryAfterSeconds: null });
    expect((await call("GET", "/rest/api/3/myself")).headers.get("retry-after")).toBeNull();
    expect((await call("GET", "/rest/api/3/myself")).status).toBe(200);
  });

  it("targets faults by method and path", async () => {
    sim.inject({ kind: "unavailable", retryAfterSeconds: 2 }, { method: "GET", path: /\/comment$/ });
    expect((await call("GET", "/rest/api/3/myself")).status).toBe(200);
    const unavailable = await call("GET", "/rest/api/3/issue/EX-1/comment");
    expect([unavailable.status, unavailable.headers.get("retry-after")]).toEqual([503, "2"]);
  });
});

describe("writes", () => {
  it("refuses plain-string descriptions and status edits the way Jira v3 does", async () => {
    const plain = await call("PUT", "/rest/api/3/issue/EX-2", { fields: { description: "plain" } });
    expect(plain).toMatchObject({ status: 400, body: { errors: { description: expect.stringContaining("Atlassian Document") } } });
    const status = await call("PUT", "/rest/api/3/issue/EX-2", { fields: { status: { name: "Done" } } });
    expect(status).toMatchObject({ status: 400, body: { errors: { status: expect.stringContaining("cannot be set") } } });
  });

  it("refuses a label with a space or longer than 255 characters, naming labels, and takes one of 255", async () => {
    for (const label of ["has space", "x".repeat(256)]) {
      const refused = await call("PUT", "/rest/api/3/issue/EX-4", { fields: { labels: ["fine", label] } });
      expect(refused).toMatchObject({ status: 400, body: { errors: { labels: expect.stringContaining("label") } } });
    }
    const longest = "x".repeat(255);
    expect((await call("PUT", "/rest/api/3/issue/EX-4?returnIssue=true", { fields: { labels: [longest] } })).body).toMatchObject({ fields: { labels: [longest] } });
  });

  it("applies update operations and can return the issue", async () => {
    const edited = await call("PUT", "/rest/api/3/issue/EX-2?returnIssue=true", { update: { labels: [{ add: "backend" }, { remove: "search" }] } });
    expect(edited.status).toBe(200);
    expect((edited.body!.fields as { labels: string[] }).labels).toEqual(["backend"]);
  });
});
