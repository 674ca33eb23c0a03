/** Pure mappings from parsed Jira payloads to the unified ticketing types. */
import type { Project, Ticket, TicketComment, TicketField, UserRef } from "../types.ts";
import { adfToMarkdown } from "./adf-to-markdown.ts";
import type { JiraComment, JiraIssue, JiraProject, JiraUser } from "./payloads.ts";
import { toTicketPriority } from "./priorities.ts";
import { allTicketFields } from "./ticket-fields.ts";

/** Each unified ticket property, read from an issue whose payload holds the Jira fields it needs. */
const ticketReaders: { [P in TicketField]: (issue: JiraIssue) => Ticket[P] } = {
  summary: ({ fields }) => fields.summary,
  description: ({ fields }) => (fields.description ? adfToMarkdown(fields.description) : null),
  status: ({ fields }) => fields.status.name,
  priority: ({ fields }) => toTicketPriority(fields.priority?.name),
  assignee: ({ fields }) => toUserRef(fields.assignee),
  creator: ({ fields }) => toUserRef(fields.creator),
  reporter: ({ fields }) => toUserRef(fields.reporter),
  project: ({ fields }) => (fields.project ? { id: fields.project.id, key: fields.project.key, name: fields.project.name ?? null } : null),
  issueType: ({ fields }) => fields.issuetype?.name ?? null,
  parentId: ({ fields }) => fields.parent?.id ?? null,
  dueDate: ({ fields }) => fields.duedate ?? null,
  tags: ({ fields }) => fields.labels ?? [],
  createdAt: ({ fields }) => toIsoTimestamp(fields.created),
  updatedAt: ({ fields }) => toIsoTimestamp(fields.updated),
  customFields: ({ fields }) => Object.fromEntries(Object.entries(fields).filter(([name]) => name.startsWith("customfield_"))),
  raw: (issue) => issue,
};

/** The ticket with the `selected` properties; the issue must hold the fields they are read from (see ticket-fields.ts). */
export function toTicket(issue: JiraIssue, selected: ReadonlySet<TicketField> = allTicketFields): Ticket {
  const ticket: Record<string, unknown> = { id: issue.id, key: issue.key };
  for (const property of selected) ticket[property] = ticketReaders[property](issue);
  return ticket as unknown as Ticket;
}

export function toProject(project: JiraProject): Project {
  return {
    id: project.id,
    key: project.key,
    name: project.name,
    description: project.description ?? null,
    lead: toUserRef(project.lead),
    raw: project,
  };
}

/** `requestedId` may be a key; the comment's `self` names the issue by id, which is preferred. */
export function toComment(comment: JiraComment, requestedId: string): TicketComment {
  const selfIssueId = typeof comment.self === "string" ? /\/issue\/(\d+)\/comment\//.exec(comment.self)?.[1] : undefined;
  return {
    id: comment.id,
    ticketId: selfIssueId ?? requestedId,
    body: adfToMarkdown(comment.body),
    author: toUserRef(comment.author),
    createdAt: toIsoTimestamp(comment.created),
    updatedAt: toIsoTimestamp(comment.updated),
    raw: comment,
  };
}

export function toUserRef(user: JiraUser | null | undefined): UserRef | null {
  if (!user) return null;
  return { id: user.accountId, name: user.displayName ?? null, email: user.emailAddress ?? null };
}

/** `2021-01-17T22:34:00.000+1000` → `2021-01-17T12:34:00.000Z`; the schema has already checked the shape. */
export function toIsoTimestamp(jiraTimestamp: string): string {
  const withColon = jiraTimestamp.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  return new Date(withColon).toISOString();
}
