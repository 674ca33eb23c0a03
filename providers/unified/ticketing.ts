/** Ticketing in the unified model: tickets, projects, comments and the adapter interface. */
import type { Page, PageRequest, SortDirection, VerifiableAdapter } from "./common.ts";

export type TicketPriority = "URGENT" | "HIGH" | "MEDIUM" | "LOW" | "PLANNING";

export interface UserRef {
  id: string;
  name: string | null;
  email: string | null;
}

export interface ProjectRef {
  id: string;
  key: string;
  name: string | null;
}

export interface Ticket {
  id: string;
  /** Human key, e.g. Jira's `PROJ-12`. */
  key: string;
  summary: string;
  /** Markdown. */
  description: string | null;
  status: string;
  priority: TicketPriority | null;
  assignee: UserRef | null;
  creator: UserRef | null;
  reporter: UserRef | null;
  project: ProjectRef | null;
  issueType: string | null;
  parentId: string | null;
  /** ISO date `YYYY-MM-DD`. */
  dueDate: string | null;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  customFields: Record<string, unknown>;
  raw: unknown;
}

export interface TicketFilter {
  status?: string[];
  priority?: TicketPriority[];
  assigneeId?: string[];
  projectKey?: string[];
  tags?: string[];
  createdAfter?: string;
  createdBefore?: string;
  updatedAfter?: string;
  updatedBefore?: string;
}

export type TicketOrderField = "CREATED_AT" | "UPDATED_AT" | "PRIORITY" | "DUE_DATE";

/** A ticket property a caller can ask for; `id` and `key` always come. */
export type TicketField = Exclude<keyof Ticket, "id" | "key">;

export interface TicketQuery extends PageRequest {
  filter: TicketFilter;
  orderBy: { field: TicketOrderField; direction: SortDirection } | null;
  /**
   * The ticket properties the caller will read, so that an adapter can ask its provider for less.
   * Properties not named may be missing from the tickets returned. Absent: all of them.
   */
  fields?: ReadonlySet<TicketField>;
}

export interface CreateTicketInput {
  projectKey: string;
  issueType: string;
  summary: string;
  description?: string | null;
  priority?: TicketPriority | null;
  assigneeId?: string | null;
  parentId?: string | null;
  dueDate?: string | null;
  tags?: string[];
  customFields?: Record<string, unknown>;
}

export interface UpdateTicketInput {
  summary?: string;
  description?: string | null;
  /** Target status name; adapters reach it through the provider's workflow transitions. */
  status?: string;
  priority?: TicketPriority | null;
  assigneeId?: string | null;
  dueDate?: string | null;
  tags?: string[];
  customFields?: Record<string, unknown>;
}

export interface Project {
  id: string;
  key: string;
  name: string;
  description: string | null;
  lead: UserRef | null;
  raw: unknown;
}

export interface TicketComment {
  id: string;
  ticketId: string;
  /** Markdown. */
  body: string;
  author: UserRef | null;
  createdAt: string;
  updatedAt: string;
  raw: unknown;
}

export interface TicketingAdapter extends VerifiableAdapter {
  queryTickets(query: TicketQuery): Promise<Page<Ticket>>;
  getTicket(id: string): Promise<Ticket>;
  createTicket(input: CreateTicketInput): Promise<Ticket>;
  updateTicket(id: string, input: UpdateTicketInput): Promise<Ticket>;
  listProjects(page: PageRequest): Promise<Page<Project>>;
  listComments(ticketId: string, page: PageRequest): Promise<Page<TicketComment>>;
  createComment(ticketId: string, body: string): Promise<TicketComment>;
  deleteComment(ticketId: string, commentId: string): Promise<void>;
}
