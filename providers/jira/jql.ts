/** Builds bounded JQL from the unified ticket filter and order; every value is quoted and escaped. */
import type { TicketField, TicketFilter, TicketOrderField, TicketQuery } from "../types.ts";
import { toIsoTimestamp } from "./normalise.ts";
import type { JiraIssue } from "./payloads.ts";
import { toMillis } from "../unified/instants.ts";
import { jiraPriorityNames } from "./priorities.ts";

/**
 * `/search/jql` rejects unbounded queries. This restriction matches every issue, so a query with
 * no filter stays bounded without silently dropping old issues (as a `created >= -Nd` bound would).
 */
export const defaultBound = "project IS NOT EMPTY";

const orderFields: Record<TicketOrderField, string> = {
  CREATED_AT: "created",
  UPDATED_AT: "updated",
  PRIORITY: "priority",
  DUE_DATE: "duedate",
};

/**
 * The ticket properties the filter's dates bound, which a search must fetch to apply them exactly
 * (see `withinFilterDates`). When there are any, JQL reads them in the searching user's own time zone.
 */
export function dateFilteredProperties(filter: TicketFilter): TicketField[] {
  const properties: TicketField[] = [];
  if (filter.createdAfter !== undefined || filter.createdBefore !== undefined) properties.push("createdAt");
  if (filter.updatedAfter !== undefined || filter.updatedBefore !== undefined) properties.push("updatedAt");
  return properties;
}

/**
 * Whether an issue lies within the filter's exact date bounds (after inclusive, before exclusive).
 * The JQL rounds them outward to whole minutes, so Jira also answers issues up to a minute outside;
 * this drops them. The issue must hold `created` / `updated` when the filter bounds them.
 */
export function withinFilterDates(filter: TicketFilter): (issue: JiraIssue) => boolean {
  const created = instantRange("created", filter.createdAfter, filter.createdBefore);
  const updated = instantRange("updated", filter.updatedAfter, filter.updatedBefore);
  return ({ fields }) => created(fields.created) && updated(fields.updated);
}

/** `timeZone` is the Jira user's IANA zone (from `/myself`), needed only when the filter holds dates. */
export function buildJql(filter: TicketFilter, orderBy: TicketQuery["orderBy"], timeZone = "UTC"): string {
  const clauses = [
    inClause("project", filter.projectKey),
    inClause("status", filter.status),
    inClause("priority", filter.priority?.map((priority) => jiraPriorityNames[priority])),
    inClause("assignee", filter.assigneeId),
    inClause("labels", filter.tags),
    dateClause("created", ">=", filter.createdAfter, timeZone),
    dateClause("created", "<", filter.createdBefore, timeZone),
    dateClause("updated", ">=", filter.updatedAfter, timeZone),
    dateClause("updated", "<", filter.updatedBefore, timeZone),
  ].filter((clause): clause is string => clause !== null);
  const where = clauses.length > 0 ? clauses.join(" AND ") : defaultBound;
  const direction = orderBy?.direction ?? "DESC";
  const field = orderFields[orderBy?.field ?? "CREATED_AT"];
  // `key` breaks ties so pages never reorder items with equal sort values.
  return `${where} ORDER BY ${field} ${direction}, key ${direction}`;
}

/** A JQL string literal: double-quoted, with backslash, quote and control characters escaped. */
export function quoteJql(value: string): string {
  const escaped = value.replace(/[\\"\n\r\t]/g, (char) => ({ "\n": "\\n", "\r": "\\r", "\t": "\\t" })[char] ?? `\\${char}`);
  return `"${escaped}"`;
}

function inClause(field: string, values: readonly string[] | undefined): string | null {
  if (!values || values.length === 0) return null;
  return `${field} IN (${values.map(quoteJql).join(", ")})`;
}

function dateClause(field: string, operator: ">=" | "<", iso: string | undefined, timeZone: string): string | null {
  if (iso === undefined) return null;
  const millis = toMillis(iso, `The ${field}${operator === ">=" ? "After" : "Before"} filter`);
  // JQL dates have minute precision; round outward so the bound never excludes a matching issue.
  const minute = 60_000;
  const rounded = operator === ">=" ? Math.floor(millis / minute) * minute : Math.ceil(millis / minute) * minute;
  return `${field} ${operator} ${quoteJql(formatInZone(rounded, timeZone))}`;
}

function instantRange(field: string, after: string | undefined, before: string | undefined): (jiraTimestamp: string) => boolean {
  if (after === undefined && before === undefined) return () => true;
  const from = after === undefined ? -Infinity : toMillis(after, `The ${field}After filter`);
  const until = before === undefined ? Infinity : toMillis(before, `The ${field}Before filter`);
  return (jiraTimestamp) => {
    const millis = Date.parse(toIsoTimestamp(jiraTimestamp));
    return millis >= from && millis < until;
  };
}

/** `yyyy-MM-dd HH:mm` wall-clock time in the zone, the date-literal form JQL accepts. */
export function formatInZone(millis: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(new Date(millis));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value ?? "00";
  return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")}`;
}
