/** Builds the `fields` object Jira expects on create and edit from unified inputs; Markdown becomes ADF. */
import { type CreateTicketInput, ProviderError, type UpdateTicketInput } from "../types.ts";
import { tagProblem } from "../unified/tags.ts";
import { jiraFacts } from "./descriptor.ts";
import { markdownToAdf } from "./markdown-to-adf.ts";
import { jiraPriorityNames } from "./priorities.ts";

type Fields = Record<string, unknown>;

export function toCreateFields(input: CreateTicketInput): Fields {
  const fields: Fields = {
    project: { key: input.projectKey },
    issuetype: idOrName(input.issueType),
    summary: input.summary,
  };
  if (input.description) fields.description = markdownToAdf(input.description);
  if (input.priority) fields.priority = { name: jiraPriorityNames[input.priority] };
  if (input.assigneeId) fields.assignee = { accountId: input.assigneeId };
  if (input.parentId) fields.parent = /^\d+$/.test(input.parentId) ? { id: input.parentId } : { key: input.parentId };
  if (input.dueDate) fields.duedate = input.dueDate;
  if (input.tags?.length) fields.labels = labels(input.tags);
  return { ...fields, ...customFields(input.customFields) };
}

/** Only what the input names is sent; `null` clears a field, `undefined` leaves it alone. */
export function toEditFields(input: UpdateTicketInput): Fields {
  const fields: Fields = {};
  if (input.summary !== undefined) fields.summary = input.summary;
  if (input.description !== undefined) fields.description = input.description ? markdownToAdf(input.description) : null;
  if (input.priority !== undefined) fields.priority = input.priority ? { name: jiraPriorityNames[input.priority] } : null;
  if (input.assigneeId !== undefined) fields.assignee = input.assigneeId ? { accountId: input.assigneeId } : null;
  if (input.dueDate !== undefined) fields.duedate = input.dueDate;
  if (input.tags !== undefined) fields.labels = labels(input.tags);
  return { ...fields, ...customFields(input.customFields) };
}

function idOrName(value: string): { id: string } | { name: string } {
  return /^\d+$/.test(value) ? { id: value } : { name: value };
}

/** A label Jira would refuse is refused here, naming the input's field, rather than after a round trip. */
function labels(tags: string[]): string[] {
  const index = tags.findIndex((tag) => tagProblem(tag, jiraFacts.maxLabelLength) !== null);
  if (index >= 0) {
    throw new ProviderError("BAD_USER_INPUT", `Jira labels are single words of 1 to ${jiraFacts.maxLabelLength} characters; tag ${index + 1} is not`, { field: "tags" });
  }
  return tags;
}

const customFieldId = /^customfield_\d+$/;

/** Custom fields are passed through by id; other keys would let a caller overwrite system fields. */
function customFields(values: Record<string, unknown> | undefined): Fields {
  const entries = Object.entries(values ?? {});
  const invalid = entries.filter(([name]) => !customFieldId.test(name));
  if (invalid.length > 0) {
    throw new ProviderError("BAD_USER_INPUT", "Jira custom fields must be named by id, like customfield_10016", { field: "customFields" });
  }
  return Object.fromEntries(entries);
}

/** The unified input field each Jira field above is built from, so that Jira's refusals name what the caller wrote. */
const inputFields = new Map([
  ["project", "projectKey"],
  ["issuetype", "issueType"],
  ["summary", "summary"],
  ["description", "description"],
  ["priority", "priority"],
  ["assignee", "assigneeId"],
  ["parent", "parentId"],
  ["duedate", "dueDate"],
  ["labels", "tags"],
]);

/** `labels` → `tags`, `customfield_10016` → `customFields.customfield_10016`; undefined for a field no input sets. */
export function inputFieldOf(jiraField: string): string | undefined {
  return inputFields.get(jiraField) ?? (customFieldId.test(jiraField) ? `customFields.${jiraField}` : undefined);
}
