/**
 * Creating and editing mock tickets: the input is checked against the mock's projects, issue types,
 * people and tickets (every bad field named at once, as the Jira adapter reports them), and the
 * status moves only along the workflow.
 */
import { ProviderError, type CreateTicketInput, type Ticket, type UpdateTicketInput } from "../types.ts";
import { mockIssueTypes, mockProjects, mockTicketUsers } from "./data.ts";
import { lookupTicket, ticketingLimits, type TicketingState } from "./ticketing-state.ts";
import { decideTicketTransition, initialTicketStatus } from "./ticket-workflow.ts";

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function createTicket(state: TicketingState, input: CreateTicketInput, now: Date): Ticket {
  if (state.tickets.size >= ticketingLimits.tickets) {
    throw new ProviderError("BAD_USER_INPUT", `The mock ticketing provider keeps at most ${ticketingLimits.tickets} tickets per integration`);
  }
  const project = mockProjects.find((candidate) => sameName(candidate.key, input.projectKey));
  const issueType = mockIssueTypes.find((candidate) => sameName(candidate, input.issueType));
  const parent = input.parentId ? lookupTicket(state, input.parentId) : null;
  rejectInvalid({
    projectKey: !project,
    issueType: !issueType,
    parentId: Boolean(input.parentId) && !parent,
    assigneeId: !knownAssignee(input.assigneeId),
    ...customFieldProblems(input.customFields),
  });
  const number = ++state.lastTicketNumber;
  const timestamp = now.toISOString();
  const ticket: Ticket = {
    id: String(10000 + number),
    key: `${project!.key}-${number}`,
    summary: input.summary,
    description: input.description ?? null,
    status: initialTicketStatus,
    priority: input.priority ?? "MEDIUM",
    assignee: assigneeRef(input.assigneeId),
    creator: mockTicketUsers[0] ?? null,
    reporter: mockTicketUsers[0] ?? null,
    project: { id: project!.id, key: project!.key, name: project!.name },
    issueType: issueType ?? null,
    parentId: parent?.id ?? null,
    dueDate: input.dueDate ?? null,
    tags: [...(input.tags ?? [])],
    createdAt: timestamp,
    updatedAt: timestamp,
    customFields: { ...input.customFields },
    raw: { mock: true },
  };
  state.tickets.set(ticket.id, ticket);
  return ticket;
}

/** The status change is decided first, so that a refused one leaves the ticket as it was. */
export function updateTicket(state: TicketingState, ticket: Ticket, input: UpdateTicketInput, now: Date): Ticket {
  const status = input.status === undefined ? null : decideTicketTransition(ticket.status, input.status);
  rejectInvalid({ assigneeId: !knownAssignee(input.assigneeId), ...customFieldProblems(input.customFields) });
  const updated: Ticket = {
    ...ticket,
    ...(input.summary !== undefined && { summary: input.summary }),
    ...(input.description !== undefined && { description: input.description }),
    ...(status !== null && { status }),
    ...(input.priority !== undefined && { priority: input.priority }),
    ...(input.assigneeId !== undefined && { assignee: assigneeRef(input.assigneeId) }),
    ...(input.dueDate !== undefined && { dueDate: input.dueDate }),
    ...(input.tags !== undefined && { tags: [...input.tags] }),
    customFields: { ...ticket.customFields, ...input.customFields },
    updatedAt: now.toISOString(),
  };
  state.tickets.set(ticket.id, updated);
  return updated;
}

const knownAssignee = (id: string | null | undefined) => !id || mockTicketUsers.some((user) => user.id === id);

const assigneeRef = (id: string | null | undefined) => mockTicketUsers.find((user) => user.id === id) ?? null;

/** Custom fields are named as in Jira, `customfield_<number>`; a bad one is shown as `customFields.<name>` when its name is safe to repeat. */
function customFieldProblems(fields: Record<string, unknown> | undefined): Record<string, boolean> {
  return Object.fromEntries(
    Object.keys(fields ?? {}).map((name) => [/^[A-Za-z][\w-]{0,63}$/.test(name) ? `customFields.${name}` : "customFields", !/^customfield_\d{1,9}$/.test(name)]),
  );
}

/** Problems are keyed by the input's field names, so that the refusal names what the caller wrote; the first is the error's field. */
function rejectInvalid(problems: Record<string, boolean>): void {
  const fields = Object.entries(problems).flatMap(([field, invalid]) => (invalid ? [field] : []));
  if (fields.length === 0) return;
  throw new ProviderError("BAD_USER_INPUT", `The mock ticketing provider rejected the ticket: check the fields ${fields.join(", ")}`, {
    field: fields[0]!.split(".")[0],
  });
}
