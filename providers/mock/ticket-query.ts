/**
 * Filters and sorts mock tickets as the Jira adapter's JQL does: names and keys match without regard to
 * case, a list matches any of its values, and dates are `>=` after and `<` before. Without an order the
 * oldest tickets come first (Jira's default is the reverse), which keeps the mock's lists in seed order. Pure.
 */
import type { Ticket, TicketFilter, TicketOrderField, TicketPriority, TicketQuery } from "../types.ts";
import { optionalMillis } from "../unified/instants.ts";

export const ticketFilters = ["status", "priority", "assigneeId", "projectKey", "tags", "createdAfter", "createdBefore", "updatedAfter", "updatedBefore"];

export const ticketOrders: TicketOrderField[] = ["CREATED_AT", "UPDATED_AT", "PRIORITY", "DUE_DATE"];

const priorityRank: Record<TicketPriority, number> = { URGENT: 5, HIGH: 4, MEDIUM: 3, LOW: 2, PLANNING: 1 };

const sortValues: Record<TicketOrderField, (ticket: Ticket) => number | null> = {
  CREATED_AT: (ticket) => Date.parse(ticket.createdAt),
  UPDATED_AT: (ticket) => Date.parse(ticket.updatedAt),
  PRIORITY: (ticket) => (ticket.priority === null ? null : priorityRank[ticket.priority]),
  DUE_DATE: (ticket) => (ticket.dueDate === null ? null : Date.parse(`${ticket.dueDate}T00:00:00Z`)),
};

export function selectTickets(tickets: Iterable<Ticket>, query: Pick<TicketQuery, "filter" | "orderBy">): Ticket[] {
  const matches = compileFilter(query.filter);
  const { field, direction } = query.orderBy ?? { field: "CREATED_AT", direction: "ASC" };
  const value = sortValues[field];
  const sign = direction === "ASC" ? 1 : -1;
  return [...tickets].filter(matches).sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    // Tickets without the value sort last in either direction, as in Jira.
    if (x !== y) return x === null ? 1 : y === null ? -1 : sign * (x - y);
    return sign * (keyNumber(a) - keyNumber(b));
  });
}

function compileFilter(filter: TicketFilter): (ticket: Ticket) => boolean {
  const tests = [
    anyOf(filter.status, (ticket) => [ticket.status]),
    anyOf(filter.priority, (ticket) => (ticket.priority === null ? [] : [ticket.priority])),
    anyOf(filter.assigneeId, (ticket) => (ticket.assignee ? [ticket.assignee.id] : [])),
    anyOf(filter.projectKey, (ticket) => (ticket.project ? [ticket.project.key] : [])),
    anyOf(filter.tags, (ticket) => ticket.tags),
    within(filter.createdAfter, filter.createdBefore, "created", (ticket) => ticket.createdAt),
    within(filter.updatedAfter, filter.updatedBefore, "updated", (ticket) => ticket.updatedAt),
  ].filter((test): test is (ticket: Ticket) => boolean => test !== null);
  return (ticket) => tests.every((test) => test(ticket));
}

function anyOf(wanted: readonly string[] | undefined, read: (ticket: Ticket) => string[]): ((ticket: Ticket) => boolean) | null {
  if (!wanted?.length) return null;
  const lowered = new Set(wanted.map((value) => value.toLowerCase()));
  return (ticket) => read(ticket).some((value) => lowered.has(value.toLowerCase()));
}

function within(after: string | undefined, before: string | undefined, name: string, read: (ticket: Ticket) => string): ((ticket: Ticket) => boolean) | null {
  const from = optionalMillis(after, `The ${name}After filter`);
  const to = optionalMillis(before, `The ${name}Before filter`);
  if (from === null && to === null) return null;
  return (ticket) => {
    const time = Date.parse(read(ticket));
    return (from === null || time >= from) && (to === null || time < to);
  };
}

function keyNumber(ticket: Ticket): number {
  return Number(ticket.key.slice(ticket.key.lastIndexOf("-") + 1)) || 0;
}
