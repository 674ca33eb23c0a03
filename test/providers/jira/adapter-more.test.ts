/** The Jira adapter end to end against the simulator: projects, comments, credentials and provider faults. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jiraProvider } from "../../../providers/jira/index.ts";
import type { Page, PageRequest } from "../../../providers/types.ts";
import { type JiraHarness, startJiraHarness, testDeps } from "./harness.ts";

let h: JiraHarness;
beforeEach(async () => {
  h = await startJiraHarness({ now: () => new Date("2021-03-01T00:00:00.000Z") });
});
afterEach(() => h.sim.close());

async function collect<T>(list: (page: PageRequest) => Promise<Page<T>>, limit: number): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | null = null;
  do {
    const page = await list({ limit, cursor });
    pages.push(page.items);
    cursor = page.nextCursor;
  } while (cursor !== null && pages.length < 10);
  return pages;
}

describe("listProjects", () => {
  it("pages by startAt in key order, with the expanded description and lead", async () => {
    const pages = await collect((page) => h.adapter.listProjects(page), 2);
    expect(pages.map((page) => page.map((project) => project.key))).toEqual([["EX", "MKT"], ["OPS", "PLAT"], ["SEC"]]);
    expect(pages[0]![0]).toMatchObject({ name: "Example", description: "Main product backlog for the web shop.", lead: { name: "Mia Krystof" } });
    expect(pages[2]![0]).toMatchObject({ lead: null });
    expect(h.sim.state.requests[0]!.query).toMatchObject({ startAt: ["0"], maxResults: ["2"], expand: ["description,lead"] });
  });
});

describe("comments", () => {
  it("lists an issue's comments oldest first across pages, as Markdown", async () => {
    const pages = await collect((page) => h.adapter.listComments("EX-1", page), 2);
    expect(pages.map((page) => page.map((comment) => comment.id))).toEqual([["10100", "10101"], ["10102"]]);
    expect(pages[0]![0]).toMatchObject({ ticketId: "10001", body: "I can reproduce this on **staging** too.", author: { name: "Emma Richards" } });
  });

  it("adds a comment as ADF and deletes it again", async () => {
    const comment = await h.adapter.createComment("EX-1", "Fixed in **v2.15**:\n\n1. deploy\n2. verify");
    expect(comment).toMatchObject({ id: "10201", ticketId: "10001", body: "Fixed in **v2.15**:\n\n1. deploy\n2. verify", createdAt: "2021-03-01T00:00:00.000Z" });
    expect(h.sim.state.requests[0]!.body).toMatchObject({ body: { type: "doc", version: 1, content: [{ type: "paragraph" }, { type: "orderedList" }] } });

    await h.adapter.deleteComment("EX-1", comment.id);
    const remaining = await h.adapter.listComments("EX-1", { limit: 50, cursor: null });
    expect(remaining.items.map((item) => item.id)).not.toContain(comment.id);
    await expect(h.adapter.deleteComment("EX-1", comment.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("answers NOT_FOUND for comments of a missing issue", async () => {
    await expect(h.adapter.listComments("EX-404", { limit: 5, cursor: null })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("verify and credentials", () => {
  it("verifies with the right API token and is refused with a wrong one", async () => {
    await expect(h.adapter.verify()).resolves.toBeUndefined();
    const wrong = h.adapterWith({ apiBaseUrl: h.sim.url }, { type: "BASIC", username: h.sim.credentials.email, password: "wrong" });
    await expect(wrong.verify()).rejects.toMatchObject({ code: "PROVIDER_UNAUTHORIZED", message: "Jira rejected the integration's credentials" });
  });

  it("uses an OAuth token through the gateway, where the site itself refuses it", async () => {
    const token = { type: "TOKEN" as const, token: h.sim.credentials.bearerToken };
    const viaGateway = h.adapterWith({ cloudId: h.sim.credentials.cloudId, apiBaseUrl: h.sim.gatewayUrl }, token);
    await expect(viaGateway.verify()).resolves.toBeUndefined();
    expect((await viaGateway.getTicket("EX-1")).key).toBe("EX-1");
    expect(h.sim.state.requests.every((request) => request.auth === "bearer")).toBe(true);
    await expect(h.adapterWith({ apiBaseUrl: h.sim.url }, token).verify()).rejects.toMatchObject({ code: "PROVIDER_UNAUTHORIZED" });
  });

  it("refuses a credential of another type before any call", () => {
    expect(() => jiraProvider.createAdapter({ apiBaseUrl: h.sim.url }, { type: "SECRET", secret: "s" }, testDeps)).toThrow(
      expect.objectContaining({ code: "BAD_USER_INPUT" }),
    );
    expect(h.sim.state.requests).toHaveLength(0);
  });
});

describe("provider faults", () => {
  it("turns a truncated JSON answer into PROVIDER_ERROR", async () => {
    h.sim.inject({ kind: "truncated-json" }, { path: "/rest/api/3/search/jql" });
    await expect(h.adapter.queryTickets({ filter: {}, orderBy: null, limit: 5, cursor: null })).rejects.toMatchObject({ code: "PROVIDER_ERROR" });
  });

  it("turns an HTML page in place of JSON into PROVIDER_ERROR without echoing it", async () => {
    h.sim.inject({ kind: "html" });
    const error = await h.adapter.getTicket("EX-1").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "PROVIDER_ERROR" });
    expect((error as Error).message).not.toContain("<");
  });

  it("reports rate limiting and outages once they outlast the transport's retries", async () => {
    h.sim.inject({ kind: "rate-limit", retryAfterSeconds: 0 }, { times: 5 });
    await expect(h.adapter.verify()).rejects.toMatchObject({ code: "PROVIDER_RATE_LIMITED" });
    h.sim.clearFaults();
    h.sim.inject({ kind: "unavailable" }, { times: 5 });
    await expect(h.adapter.verify()).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE" });
  });

  it("gives up on a hanging Jira with PROVIDER_UNAVAILABLE", async () => {
    h.sim.inject({ kind: "hang" }, { times: 5 });
    await expect(h.adapter.verify()).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE" });
  });
});
