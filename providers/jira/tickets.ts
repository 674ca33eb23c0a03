/** Ticket operations: search through `/search/jql`, read, create, and edit (status moves via transitions). */
import type { CreateTicketInput, Page, Ticket, TicketQuery, UpdateTicketInput } from "../types.ts";
import { segment } from "./client.ts";
import type { JiraContext } from "./context.ts";
import { pageSize } from "./cursor.ts";
import { jiraFacts } from "./descriptor.ts";
import { toCreateFields, toEditFields } from "./issue-input.ts";
import { buildJql, dateFilteredProperties, withinFilterDates } from "./jql.ts";
import { toTicket } from "./normalise.ts";
import { JiraCreatedIssue, JiraIssue } from "./payloads.ts";
import { allTicketFields, issueFieldsFor, searchResultsSchema } from "./ticket-fields.ts";
import { findTransition } from "./transitions.ts";

export async function queryTickets(context: JiraContext, query: TicketQuery): Promise<Page<Ticket>> {
  const selected = query.fields ?? allTicketFields;
  const dated = dateFilteredProperties(query.filter);
  const timeZone = dated.length > 0 ? await context.timeZone() : "UTC";
  const body = {
    jql: buildJql(query.filter, query.orderBy, timeZone),
    maxResults: pageSize(query.limit, jiraFacts.pagination.issues.maxPageSize),
    // `/search/jql` returns bare ids unless fields are named. The dates filtered on come too, to be checked exactly.
    fields: issueFieldsFor(new Set([...selected, ...dated]), context.customFieldIds),
    ...(query.cursor ? { nextPageToken: query.cursor } : {}),
  };
  const page = await context.client.read(
    // A search changes nothing, so it may be retried even though it is a POST.
    { operation: "ticketing_query_tickets", method: "POST", path: "/search/jql", json: body, idempotent: true, action: "search issues", subject: "search page" },
    searchResultsSchema(body.fields),
  );
  const nextCursor = page.isLast === true ? null : (page.nextPageToken ?? null);
  // Dropping what the minute-rounded JQL let through may shorten a page, even to nothing, before the
  // last one; the cursor still leads on to the rest.
  const items = page.issues.filter(withinFilterDates(query.filter)).map((issue) => toTicket(issue, selected));
  return { items, nextCursor };
}

export async function getTicket(context: JiraContext, id: string, extraFields: readonly string[] = []): Promise<Ticket> {
  const fields = [...new Set([...context.issueFields, ...extraFields])].join(",");
  const issue = await context.client.read(
    { operation: "ticketing_get_ticket", method: "GET", path: `/issue/${segment(id, "issue id or key")}`, query: { fields }, action: "read the issue", subject: `issue ${id}` },
    JiraIssue,
  );
  return toTicket(issue, allTicketFields);
}

/** Jira answers a create with `{id, key, self}` only, so the ticket is read back afterwards. */
export async function createTicket(context: JiraContext, input: CreateTicketInput): Promise<Ticket> {
  const created = await context.client.read(
    { operation: "ticketing_create_ticket", method: "POST", path: "/issue", json: { fields: toCreateFields(input) }, action: "create the issue", subject: `project ${input.projectKey}` },
    JiraCreatedIssue,
  );
  return getTicket(context, created.id, Object.keys(input.customFields ?? {}));
}

/**
 * Status is not an editable field in Jira: the transition is resolved first (so a bad status fails
 * before anything changes), the other fields are edited, then the transition is performed.
 */
export async function updateTicket(context: JiraContext, id: string, input: UpdateTicketInput): Promise<Ticket> {
  const ref = segment(id, "issue id or key");
  const transition = input.status === undefined ? null : await findTransition(context, ref, input.status);
  const fields = toEditFields(input);
  if (Object.keys(fields).length > 0) {
    await context.client.send({ operation: "ticketing_update_ticket", method: "PUT", path: `/issue/${ref}`, json: { fields }, action: "update the issue", subject: `issue ${id}` });
  }
  if (transition) {
    await context.client.send({
      operation: "ticketing_update_ticket",
      method: "POST",
      path: `/issue/${ref}/transitions`,
      json: { transition: { id: transition.id } },
      action: "change the issue's status",
      subject: `issue ${id}`,
    });
  }
  return getTicket(context, ref, Object.keys(input.customFields ?? {}));
}
