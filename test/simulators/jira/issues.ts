/** Issue routes: read (`GET /issue/{id}`), create (201 `{id,key,self}`) and edit (204). */
import { type Handler, issueNotFound, jiraError, listParam } from "./http.ts";
import { applyFields, foldUpdate } from "./issue-fields.ts";
import { viewIssue } from "./issue-view.ts";
import { findIssue, type Json, type SimIssue, userRef } from "./state.ts";
import { jiraTimestamp } from "./time.ts";

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

export const getIssue: Handler = ({ state, params, query, selfBase }) => {
  const issue = findIssue(state, params[0]!);
  if (!issue) return issueNotFound();
  const fields = listParam(query, "fields");
  return { status: 200, body: viewIssue(issue, fields.length > 0 ? fields : ["*all"], selfBase, state) };
};

export const createIssue: Handler = ({ state, body, selfBase }) => {
  if (!isObject(body) || !isObject(body.fields)) return jiraError(400, ["Issue fields are required."]);
  const input = body.fields;
  const projectRef = isObject(input.project) ? input.project : {};
  const typeRef = isObject(input.issuetype) ? input.issuetype : {};
  const matches = (candidate: Json, ref: Json, by: string) => ref[by] !== undefined && candidate[by] === ref[by];
  const project = state.projects.find((candidate) => matches(candidate, projectRef, "key") || matches(candidate, projectRef, "id"));
  const type = state.workflow.issueTypes.find((candidate) => matches(candidate, typeRef, "name") || matches(candidate, typeRef, "id"));
  const errors: Record<string, string> = {};
  if (!project) errors.project = "Specify a valid project ID or key";
  if (!type) errors.issuetype = "Specify a valid issue type";
  if (typeof input.summary !== "string" || input.summary.trim() === "") errors.summary = "You must specify a summary of the issue.";
  if (type?.subtask && !isObject(input.parent)) errors.parent = "Sub-tasks must have a parent issue.";
  if (!project || !type || Object.keys(errors).length > 0) return jiraError(400, [], errors);

  const now = jiraTimestamp(state.now());
  const me = userRef(state.currentUser, selfBase);
  const status = state.workflow.statuses.find((candidate) => candidate.name === state.workflow.initialStatus);
  const fields: Json = {
    summary: null, description: null, priority: state.workflow.priorities[2] ?? null, assignee: null, labels: [], duedate: null,
    ...Object.fromEntries(state.workflow.customFields.map((name) => [name, null])),
    status, creator: me, reporter: me, created: now, updated: now, subtasks: [], issuelinks: [], components: [],
    project: { self: `${selfBase}/rest/api/3/project/${project.id}`, id: project.id, key: project.key, name: project.name, projectTypeKey: project.projectTypeKey },
    issuetype: type,
  };
  const fieldErrors = applyFields(fields, input, state, selfBase, ["project", "issuetype"]);
  if (fieldErrors) return jiraError(400, fieldErrors.errorMessages, fieldErrors.errors);

  const id = String(state.nextIssueId++);
  const key = `${project.key}-${nextNumber(state.issues, project.key)}`;
  state.issues.push({ id, key, fields });
  return { status: 201, body: { id, key, self: `${selfBase}/rest/api/3/issue/${id}` } };
};

function nextNumber(issues: SimIssue[], projectKey: string): number {
  const numbers = issues.filter((issue) => issue.key.startsWith(`${projectKey}-`)).map((issue) => Number(issue.key.split("-")[1]));
  return Math.max(0, ...numbers) + 1;
}

export const editIssue: Handler = ({ state, params, query, body, selfBase }) => {
  const issue = findIssue(state, params[0]!);
  if (!issue) return issueNotFound();
  if (!isObject(body) || (!isObject(body.fields) && !isObject(body.update))) {
    return jiraError(400, ["Can not deserialize the request: no fields or update were given."]);
  }
  const folded = isObject(body.update) ? foldUpdate(issue.fields, body.update) : {};
  if (typeof folded === "string") return jiraError(400, [folded]);
  const errors = applyFields(issue.fields, { ...(isObject(body.fields) ? body.fields : {}), ...folded }, state, selfBase);
  if (errors) return jiraError(400, errors.errorMessages, errors.errors);
  issue.fields.updated = jiraTimestamp(state.now());
  if (query.get("returnIssue") === "true") return { status: 200, body: viewIssue(issue, ["*all"], selfBase, state) };
  return { status: 204 };
};
