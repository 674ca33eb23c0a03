/** Validates and applies the `fields` of a create or edit request, answering with Jira's per-field errors. */
import { adfViolations, invalidAdf, isAdfDoc } from "./adf-schema.ts";
import { issueLink } from "./issue-view.ts";
import { findIssue, type Json, type JiraSimState, userRef } from "./state.ts";

/** A field's new value, its per-field error, or a fault Jira reports for the whole request. */
type Outcome = { value: unknown } | { error: string } | { requestError: string };
type Setter = (value: unknown, state: JiraSimState, selfBase: string) => Outcome;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** Jira's limit on one label, in UTF-16 code units as Java counts them. */
const maxLabelLength = 255;

const adfError = "Operation value must be an Atlassian Document (see the Atlassian Document Format)";

/** ADF is required for rich-text fields in v3: plain strings get a field error, schema breaches Jira's bare INVALID_INPUT. */
function richText(value: unknown): Outcome {
  if (value === null) return { value };
  if (!isAdfDoc(value)) return { error: adfError };
  return adfViolations(value).length === 0 ? { value } : { requestError: invalidAdf };
}

const lookup = (value: unknown, items: Json[]): Json | undefined =>
  isObject(value) ? items.find((item) => (value.id !== undefined && item.id === value.id) || (value.name !== undefined && item.name === value.name)) : undefined;

const setters: Record<string, Setter> = {
  summary: (value) =>
    typeof value === "string" && value.trim() !== ""
      ? value.length <= 255 ? { value } : { error: "Summary must be less than 255 characters." }
      : { error: "You must specify a summary of the issue." },
  description: richText,
  priority: (value, state) => {
    const priority = lookup(value, state.workflow.priorities);
    return priority ? { value: priority } : { error: "The priority selected is invalid." };
  },
  assignee: (value, state, selfBase) => {
    if (value === null) return { value: null };
    const user = isObject(value) ? state.users.find((candidate) => candidate.accountId === value.accountId) : undefined;
    return user ? { value: userRef(user, selfBase) } : { error: `User '${isObject(value) ? String(value.accountId) : ""}' cannot be assigned issues.` };
  },
  labels: (value) => {
    if (!Array.isArray(value) || !value.every((label) => typeof label === "string")) return { error: "The labels must be a list of strings." };
    const spaced = value.find((label: string) => /\s/.test(label) || label === "");
    if (spaced !== undefined) return { error: `The label '${spaced}' contains spaces which is invalid.` };
    const long = value.find((label: string) => label.length > maxLabelLength);
    return long === undefined ? { value } : { error: `The label '${long}' exceeds the maximum length for a single label of ${maxLabelLength} characters.` };
  },
  duedate: (value) =>
    value === null || (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)))
      ? { value }
      : { error: `Error parsing date string: ${String(value)}` },
  parent: (value, state, selfBase) => {
    const ref = isObject(value) ? String(value.key ?? value.id ?? "") : "";
    const parent = ref ? findIssue(state, ref) : undefined;
    return parent ? { value: issueLink(parent, selfBase) } : { error: "Could not find issue by id or key." };
  },
};

export interface FieldErrors {
  errorMessages: string[];
  errors: Record<string, string>;
}

/** Jira's errors for the request, or null after applying every field to `target` (nothing is applied when any is wrong). */
export function applyFields(target: Json, fields: Json, state: JiraSimState, selfBase: string, skip: string[] = []): FieldErrors | null {
  const errorMessages: string[] = [];
  const errors: Record<string, string> = {};
  const values: Json = {};
  for (const [name, value] of Object.entries(fields)) {
    if (skip.includes(name)) continue;
    const setter = setters[name] ?? (state.workflow.customFields.includes(name) ? (custom: unknown) => ({ value: custom }) : undefined);
    const outcome: Outcome = setter
      ? setter(value, state, selfBase)
      : { error: `Field '${name}' cannot be set. It is not on the appropriate screen, or unknown.` };
    if ("error" in outcome) errors[name] = outcome.error;
    else if ("requestError" in outcome) errorMessages.push(outcome.requestError);
    else values[name] = outcome.value;
  }
  if (errorMessages.length > 0 || Object.keys(errors).length > 0) return { errorMessages, errors };
  Object.assign(target, values);
  return null;
}

/** `update: {labels: [{add: "x"}, {remove: "y"}], summary: [{set: "…"}]}` folded into plain field values. */
export function foldUpdate(current: Json, update: Json): Json | string {
  const folded: Json = {};
  for (const [name, operations] of Object.entries(update)) {
    if (!Array.isArray(operations)) return `Field '${name}' has an invalid update.`;
    let value: unknown = current[name];
    for (const operation of operations as Json[]) {
      if ("set" in operation) value = operation.set;
      else if (name === "labels" && "add" in operation) value = [...new Set([...((value as string[] | null) ?? []), String(operation.add)])];
      else if (name === "labels" && "remove" in operation) value = ((value as string[] | null) ?? []).filter((label) => label !== operation.remove);
      else return `Field '${name}' does not support that update operation.`;
    }
    folded[name] = value;
  }
  return folded;
}
