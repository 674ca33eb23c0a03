/** The REST v3 routes the simulator serves, by method and path pattern. */
import { addComment, deleteComment, getComment, listComments } from "./comments.ts";
import type { Handler } from "./http.ts";
import { createIssue, editIssue, getIssue } from "./issues.ts";
import { myself, searchProjects } from "./projects.ts";
import { legacySearch, searchJql } from "./search.ts";
import { doTransition, getTransitions } from "./transitions.ts";

const api = (pattern: string) => new RegExp(`^/rest/api/3${pattern}$`);
const issuePath = "/issue/([^/]+)";

export const routes: ReadonlyArray<readonly [string, RegExp, Handler]> = [
  ["GET", api("/myself"), myself],
  ["GET", api("/search"), legacySearch],
  ["POST", api("/search"), legacySearch],
  ["GET", api("/search/jql"), searchJql],
  ["POST", api("/search/jql"), searchJql],
  ["POST", api("/issue"), createIssue],
  ["GET", api(issuePath), getIssue],
  ["PUT", api(issuePath), editIssue],
  ["GET", api(`${issuePath}/transitions`), getTransitions],
  ["POST", api(`${issuePath}/transitions`), doTransition],
  ["GET", api(`${issuePath}/comment`), listComments],
  ["POST", api(`${issuePath}/comment`), addComment],
  ["GET", api(`${issuePath}/comment/([^/]+)`), getComment],
  ["DELETE", api(`${issuePath}/comment/([^/]+)`), deleteComment],
  ["GET", api("/project/search"), searchProjects],
];
