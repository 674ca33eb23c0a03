/** Shapes stored issues as Jira answers them: the IssueBean, narrowed by the `fields` parameter. */
import type { Json, JiraSimState, SimIssue } from "./state.ts";

const issueExpand = "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations";

/**
 * `fields` as Jira reads it: names, `*all`/`*navigable`, and `-name` exclusions. Search defaults to
 * `id` (the bare `{id}` per issue); reading one issue defaults to `*all`.
 */
export function viewIssue(issue: SimIssue, requested: string[], selfBase: string, state: JiraSimState): Json {
  if (requested.length === 1 && requested[0] === "id") return { id: issue.id };
  const all = requested.some((name) => name === "*all" || name === "*navigable");
  const excluded = new Set(requested.filter((name) => name.startsWith("-")).map((name) => name.slice(1)));
  const known = new Set([...Object.keys(issue.fields), ...state.workflow.customFields]);
  const names = all ? [...known] : requested.filter((name) => known.has(name));
  const fields = Object.fromEntries(names.filter((name) => !excluded.has(name)).map((name) => [name, issue.fields[name] ?? null]));
  return { expand: issueExpand, id: issue.id, self: `${selfBase}/rest/api/3/issue/${issue.id}`, key: issue.key, fields };
}

/** The summary Jira nests under `parent` and `subtasks`. */
export function issueLink(issue: SimIssue, selfBase: string): Json {
  const { summary, status, priority, issuetype } = issue.fields;
  return { id: issue.id, key: issue.key, self: `${selfBase}/rest/api/3/issue/${issue.id}`, fields: { summary, status, priority, issuetype } };
}
