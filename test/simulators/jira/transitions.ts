/** Workflow routes: the transitions available from an issue's status, and performing one (204). */
import { type Handler, issueNotFound, jiraError } from "./http.ts";
import { findIssue, type Json, type JiraSimState, type SimIssue } from "./state.ts";
import { jiraTimestamp } from "./time.ts";

function available(state: JiraSimState, issue: SimIssue) {
  const current = (issue.fields.status as Json).name;
  return state.workflow.transitions
    .filter(({ from, transition }) => transition.isGlobal === true || from.includes(String(current)))
    .map(({ transition }) => transition);
}

export const getTransitions: Handler = ({ state, params, query }) => {
  const issue = findIssue(state, params[0]!);
  if (!issue) return issueNotFound();
  const withFields = (query.get("expand") ?? "").split(",").includes("transitions.fields");
  const transitions = available(state, issue).map((transition) => (withFields ? { ...transition, fields: {} } : transition));
  return { status: 200, body: { expand: "transitions", transitions } };
};

export const doTransition: Handler = ({ state, params, body }) => {
  const issue = findIssue(state, params[0]!);
  if (!issue) return issueNotFound();
  const requested = (body as { transition?: { id?: unknown } } | null)?.transition?.id;
  if (requested === undefined) return jiraError(400, ["Missing 'transition' identifier"]);
  const transition = available(state, issue).find((candidate) => candidate.id === String(requested));
  if (!transition) return jiraError(400, [`Transition id '${String(requested)}' is not valid for this issue.`]);
  issue.fields.status = state.workflow.statuses.find((status) => status.name === transition.to.name) ?? transition.to;
  issue.fields.updated = jiraTimestamp(state.now());
  return { status: 204 };
};
