/** Issue search: the enhanced `/search/jql` (token paging, `fields` default `id`) and the removed `/search` (410). */
import { createHash } from "node:crypto";
import { type Handler, jiraError, listParam, type SimContext, type SimResponse } from "./http.ts";
import { viewIssue } from "./issue-view.ts";
import { compileWhere, sortIssues } from "./jql-eval.ts";
import { JqlError, parseJql } from "./jql-parse.ts";
import type { Json } from "./state.ts";

export const legacySearch: Handler = () =>
  jiraError(410, [
    "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046",
  ]);

interface SearchRequest {
  jql: string;
  maxResults: unknown;
  fields: string[];
  nextPageToken: unknown;
}

export const searchJql: Handler = (context) => {
  const request = context.method === "GET" ? fromQuery(context.query) : fromBody(context.body);
  if (typeof request === "string") return jiraError(400, [request]);
  return search(request, context);
};

function fromQuery(query: URLSearchParams): SearchRequest {
  return { jql: query.get("jql") ?? "", maxResults: query.get("maxResults") ?? undefined, fields: listParam(query, "fields"), nextPageToken: query.get("nextPageToken") ?? undefined };
}

function fromBody(body: unknown): SearchRequest | string {
  if (typeof body !== "object" || body === null) return "The request body is not a search request.";
  const { jql, maxResults, fields, nextPageToken } = body as Json;
  if (fields !== undefined && (!Array.isArray(fields) || !fields.every((name) => typeof name === "string"))) return "'fields' must be a list of strings.";
  return { jql: typeof jql === "string" ? jql : "", maxResults, fields: ((fields as string[] | undefined) ?? []).flatMap((name) => name.split(",")), nextPageToken };
}

function search(request: SearchRequest, { state, selfBase }: SimContext): SimResponse {
  const maxResults = request.maxResults === undefined || request.maxResults === null ? 50 : Number(request.maxResults);
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 5000) return jiraError(400, ["maxResults must be between 1 and 5000."]);
  const fingerprint = createHash("sha256").update(request.jql).digest("base64url").slice(0, 12);
  const offset = request.nextPageToken === undefined || request.nextPageToken === null ? 0 : readToken(request.nextPageToken, fingerprint);
  if (offset === null) return jiraError(400, ["The provided next page token is invalid or expired."]);
  try {
    const query = parseJql(request.jql);
    if (!query.where) return jiraError(400, ["Unbounded JQL queries are not allowed here. Please add a search restriction to your query."]);
    const matches = sortIssues(state.issues.filter(compileWhere(query.where, state)), query.orderBy, state);
    const fields = request.fields.length > 0 ? request.fields : ["id"];
    // Like Jira, pages shrink when many fields are asked for.
    const idsOnly = fields.every((name) => name === "id" || name === "key");
    const page = matches.slice(offset, offset + (idsOnly ? maxResults : Math.min(maxResults, 100)));
    const end = offset + page.length;
    const body: Json = { issues: page.map((issue) => viewIssue(issue, fields, selfBase, state)), isLast: end >= matches.length };
    if (end < matches.length) body.nextPageToken = Buffer.from(JSON.stringify({ o: end, q: fingerprint })).toString("base64url");
    return { status: 200, body };
  } catch (error) {
    if (error instanceof JqlError) return jiraError(400, [error.message]);
    throw error;
  }
}

/** Tokens are opaque to clients; here they carry the offset and a fingerprint of the query they belong to. */
function readToken(token: unknown, fingerprint: string): number | null {
  if (typeof token !== "string") return null;
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { o?: unknown; q?: unknown };
    return typeof parsed.o === "number" && parsed.q === fingerprint ? parsed.o : null;
  } catch {
    return null;
  }
}
