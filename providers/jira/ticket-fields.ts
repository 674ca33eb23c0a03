/**
 * Which Jira issue fields each unified ticket property is read from, so that a search asks Jira for
 * only what the caller selected. A page of ten issues with every field is ~43 KB of JSON to receive,
 * parse and validate; a list showing keys, summaries and statuses needs a small part of it.
 */
import { z } from "zod";
import type { TicketField } from "../types.ts";
import { JiraIssue, JiraIssueFields, JiraSearchResults } from "./payloads.ts";

type StandardField = keyof typeof JiraIssueFields.shape;

/** `customFields` reads the integration's configured custom fields; `raw` is the whole payload. */
const sourceFields = {
  summary: ["summary"],
  description: ["description"],
  status: ["status"],
  priority: ["priority"],
  assignee: ["assignee"],
  creator: ["creator"],
  reporter: ["reporter"],
  project: ["project"],
  issueType: ["issuetype"],
  parentId: ["parent"],
  dueDate: ["duedate"],
  tags: ["labels"],
  createdAt: ["created"],
  updatedAt: ["updated"],
  customFields: [],
  raw: [],
} as const satisfies Record<TicketField, readonly StandardField[]>;

/** Every field the normaliser can read, in a fixed order. */
export const standardIssueFields: readonly StandardField[] = [...new Set(Object.values(sourceFields).flat())];

export const allTicketFields: ReadonlySet<TicketField> = new Set(Object.keys(sourceFields) as TicketField[]);

/** The `fields` list for a search returning the `selected` properties. */
export function issueFieldsFor(selected: ReadonlySet<TicketField>, customFieldIds: readonly string[]): string[] {
  if (selected.has("raw")) return [...standardIssueFields, ...customFieldIds];
  const wanted = new Set<StandardField>();
  for (const property of selected) for (const name of sourceFields[property]) wanted.add(name);
  // `/search/jql` answers the bare `{id}` when no field is named; the summary is on every issue and short.
  if (wanted.size === 0) wanted.add("summary");
  const standard = standardIssueFields.filter((name) => wanted.has(name));
  return selected.has("customFields") ? [...standard, ...customFieldIds] : standard;
}

const projectedSchemas = new Map<string, z.ZodType<JiraSearchResults>>();
const maxProjectedSchemas = 256;

/**
 * `JiraSearchResults` requiring only the standard fields named in `issueFields`, since Jira leaves the
 * others out. The issues it admits hold those fields alone, and the normaliser is asked for no others.
 */
export function searchResultsSchema(issueFields: readonly string[]): z.ZodType<JiraSearchResults> {
  const standard = standardIssueFields.filter((name) => issueFields.includes(name));
  if (standard.length === standardIssueFields.length) return JiraSearchResults;
  const key = standard.join(",");
  let schema = projectedSchemas.get(key);
  if (!schema) {
    // Selections are the client's to choose; the cache stays small whatever they send.
    if (projectedSchemas.size >= maxProjectedSchemas) projectedSchemas.clear();
    const fields = JiraIssueFields.pick(Object.fromEntries(standard.map((name) => [name, true])) as Record<StandardField, true>);
    schema = JiraSearchResults.extend({ issues: z.array(JiraIssue.extend({ fields })) }) as unknown as z.ZodType<JiraSearchResults>;
    projectedSchemas.set(key, schema);
  }
  return schema;
}
