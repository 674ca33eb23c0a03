/** Comment routes: a page ordered by creation, add (201, ADF body required), read one, delete (204). */
import { type Handler, intParam, issueNotFound, jiraError, type SimContext } from "./http.ts";
import { adfViolations, invalidAdf, isAdfDoc } from "./adf-schema.ts";
import { findIssue, type SimComment, userRef } from "./state.ts";
import { jiraTimestamp, parseJiraTimestamp } from "./time.ts";

const withSelf = (comment: SimComment, issueId: string, selfBase: string) => ({
  ...comment,
  self: `${selfBase}/rest/api/3/issue/${issueId}/comment/${comment.id}`,
});

const commentNotFound = (id: string) => jiraError(404, [`Can not find a comment for the id: ${id}.`]);

export const listComments: Handler = ({ state, params, query, selfBase }) => {
  const issue = findIssue(state, params[0]!);
  if (!issue) return issueNotFound();
  const startAt = intParam(query, "startAt", 0);
  const maxResults = intParam(query, "maxResults", 100);
  const orderBy = query.get("orderBy") ?? "created";
  if (startAt === null || maxResults === null) return jiraError(400, ["startAt and maxResults must be numbers."]);
  if (!["created", "+created", "-created"].includes(orderBy)) return jiraError(400, ["orderBy must be 'created', '+created' or '-created'."]);
  const sorted = [...(state.comments.get(issue.id) ?? [])].sort((a, b) => parseJiraTimestamp(a.created) - parseJiraTimestamp(b.created));
  if (orderBy === "-created") sorted.reverse();
  const page = sorted.slice(startAt, startAt + Math.min(maxResults, 5000));
  return {
    status: 200,
    body: { comments: page.map((comment) => withSelf(comment, issue.id, selfBase)), maxResults: Math.min(maxResults, 5000), startAt, total: sorted.length },
  };
};

export const addComment: Handler = ({ state, params, body, selfBase }) => {
  const issue = findIssue(state, params[0]!);
  if (!issue) return issueNotFound();
  const content = (body as { body?: unknown } | null)?.body;
  if (!isAdfDoc(content)) return jiraError(400, [], { comment: "Comment body can not be empty!" });
  if (adfViolations(content).length > 0) return jiraError(400, [invalidAdf]);
  const now = jiraTimestamp(state.now());
  const author = userRef(state.currentUser, selfBase);
  const comment: SimComment = { id: String(state.nextCommentId++), author, body: content, updateAuthor: author, created: now, updated: now, jsdPublic: true };
  state.comments.set(issue.id, [...(state.comments.get(issue.id) ?? []), comment]);
  return { status: 201, body: withSelf(comment, issue.id, selfBase) };
};

function locate({ state, params }: SimContext) {
  const issue = findIssue(state, params[0]!);
  const comments = issue ? (state.comments.get(issue.id) ?? []) : [];
  return { issue, comments, index: comments.findIndex((comment) => comment.id === params[1]) };
}

export const getComment: Handler = (context) => {
  const { issue, comments, index } = locate(context);
  if (!issue) return issueNotFound();
  return index < 0 ? commentNotFound(context.params[1]!) : { status: 200, body: withSelf(comments[index]!, issue.id, context.selfBase) };
};

export const deleteComment: Handler = (context) => {
  const { issue, comments, index } = locate(context);
  if (!issue) return issueNotFound();
  if (index < 0) return commentNotFound(context.params[1]!);
  comments.splice(index, 1);
  return { status: 204 };
};
