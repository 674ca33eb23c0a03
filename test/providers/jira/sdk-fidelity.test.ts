/**
 * The official jira.js SDK, pointed at the simulator, must get answers it can use: this keeps the
 * simulator honest about the wire format, independently of our own adapter.
 */
import { HttpException, Version3Client } from "jira.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { standardIssueFields } from "../../../providers/jira/ticket-fields.ts";
import { JiraComment, JiraCommentPage, JiraCreatedIssue, JiraIssue, JiraProjectPage, JiraSearchResults, JiraTransitions, JiraUser } from "../../../providers/jira/payloads.ts";
import { type JiraSimulator, startJiraSimulator } from "../../simulators/jira/index.ts";

let sim: JiraSimulator;
let client: Version3Client;

beforeAll(async () => {
  sim = await startJiraSimulator();
  client = new Version3Client({ host: sim.url, authentication: { basic: { email: sim.credentials.email, apiToken: sim.credentials.apiToken } } });
});
afterAll(() => sim.close());

describe("jira.js Version3Client against the simulator", () => {
  it("searches with the enhanced search (GET and POST), paging by nextPageToken and returning only ids by default", async () => {
    const first = await client.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: "project = EX ORDER BY key ASC", maxResults: 4, fields: [...standardIssueFields] });
    expect(JiraSearchResults.safeParse(first).success).toBe(true);
    expect(first.issues?.map((issue) => issue.key)).toEqual(["EX-1", "EX-2", "EX-3", "EX-4"]);
    expect(first.issues?.[0]?.fields.status?.name).toBe("In Progress");
    expect(first.nextPageToken).toEqual(expect.any(String));

    const second = await client.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({ jql: "project = EX ORDER BY key ASC", maxResults: 4, nextPageToken: first.nextPageToken, fields: ["summary"] });
    expect(second.issues?.map((issue) => issue.key)).toEqual(["EX-5", "EX-6"]);
    expect(second).toMatchObject({ isLast: true });
    expect(second.nextPageToken).toBeUndefined();
    expect(second).not.toHaveProperty("total");

    const idsOnly = await client.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: "key = EX-1" });
    expect(idsOnly.issues).toEqual([{ id: "10001" }]);
  });

  it("gets 410 from the removed /search, as Jira Cloud answers since CHANGE-2046", async () => {
    const error = await client.issueSearch.searchForIssuesUsingJql({ jql: "project = EX" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HttpException);
    expect((error as HttpException).status).toBe(410);
  });

  it("reads an issue with all fields by default, and 404s a missing one", async () => {
    const issue = await client.issues.getIssue({ issueIdOrKey: "EX-4" });
    expect(JiraIssue.safeParse(issue).success).toBe(true);
    expect(issue.fields.parent?.key).toBe("EX-1");
    expect(issue.fields.description).toMatchObject({ type: "doc", version: 1 });
    const missing = await client.issues.getIssue({ issueIdOrKey: "EX-404" }).catch((caught: unknown) => caught);
    expect((missing as HttpException).status).toBe(404);
  });

  it("creates an issue (201 {id,key,self}), edits it (204), and moves it through a transition (204)", async () => {
    const created = await client.issues.createIssue({ fields: { project: { key: "OPS" }, issuetype: { name: "Task" }, summary: "Created by jira.js", description: "Plain text, converted to ADF by the SDK" } });
    expect(JiraCreatedIssue.safeParse(created).success).toBe(true);
    expect(created.key).toBe("OPS-4");

    await client.issues.editIssue({ issueIdOrKey: created.key, fields: { summary: "Edited by jira.js", labels: ["sdk"] } });
    const { transitions } = await client.issues.getTransitions({ issueIdOrKey: created.key });
    expect(JiraTransitions.safeParse({ transitions }).success).toBe(true);
    const start = transitions?.find((transition) => transition.to?.name === "In Progress");
    await client.issues.doTransition({ issueIdOrKey: created.key, transition: { id: start!.id! } });

    const issue = await client.issues.getIssue({ issueIdOrKey: created.id, fields: ["summary", "status", "labels", "description"] });
    expect(issue.fields).toMatchObject({ summary: "Edited by jira.js", labels: ["sdk"], status: { name: "In Progress" } });
    expect(issue.fields.description).toMatchObject({ type: "doc", content: [{ type: "paragraph" }] });
  });

  it("lists, adds and deletes comments", async () => {
    const page = await client.issueComments.getComments({ issueIdOrKey: "EX-1", maxResults: 2 });
    expect(JiraCommentPage.safeParse(page).success).toBe(true);
    expect(page).toMatchObject({ startAt: 0, maxResults: 2, total: 3 });

    const added = await client.issueComments.addComment({ issueIdOrKey: "EX-1", comment: "From the SDK" });
    expect(JiraComment.safeParse(added).success).toBe(true);
    await client.issueComments.deleteComment({ issueIdOrKey: "EX-1", id: added.id! });
    const gone = await client.issueComments.getComment({ issueIdOrKey: "EX-1", id: added.id! }).catch((caught: unknown) => caught);
    expect((gone as HttpException).status).toBe(404);
  });

  it("pages projects with startAt and reads the current user", async () => {
    const page = await client.projects.searchProjects({ maxResults: 2, expand: "description,lead" });
    expect(JiraProjectPage.safeParse(page).success).toBe(true);
    expect(page).toMatchObject({ startAt: 0, total: 5, isLast: false });
    expect(page.values[0]).toMatchObject({ key: "EX", lead: { displayName: "Mia Krystof" } });

    const me = await client.myself.getCurrentUser();
    expect(JiraUser.safeParse(me).success).toBe(true);
    expect(me.accountId).toBe("5b10a2844c20165700ede21g");
  });

  it("is refused with 401 when the API token is wrong", async () => {
    const stranger = new Version3Client({ host: sim.url, authentication: { basic: { email: sim.credentials.email, apiToken: "wrong" } } });
    const error = await stranger.myself.getCurrentUser().catch((caught: unknown) => caught);
    expect((error as HttpException).status).toBe(401);
  });
});
