/** The unified connector model: the types every provider normalises into, and one adapter interface per connector. */

export type ConnectorId = "ticketing" | "identity" | "notifications" | "cloudsecurity";

/** A page of results; `nextCursor` is opaque to callers and null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  /** Items wanted on this page (the gateway caps it; adapters map it to the provider's limit). */
  limit: number;
  /** A cursor previously returned as `nextCursor`, or null for the first page. */
  cursor: string | null;
}

export type SortDirection = "ASC" | "DESC";

// ---------------------------------------------------------------------------------------------
// Ticketing

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

export interface TicketQuery extends PageRequest {
  filter: TicketFilter;
  orderBy: { field: TicketOrderField; direction: SortDirection } | null;
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

/** Every adapter can prove connectivity and credentials with one cheap authenticated call. */
export interface VerifiableAdapter {
  verify(): Promise<void>;
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

// ---------------------------------------------------------------------------------------------
// Identity

export type IdentityUserStatus =
  | "ACTIVE"
  | "STAGED"
  | "PROVISIONED"
  | "RECOVERY"
  | "PASSWORD_EXPIRED"
  | "LOCKED_OUT"
  | "SUSPENDED"
  | "DEPROVISIONED";

export interface IdentityUser {
  id: string;
  login: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  displayName: string | null;
  status: IdentityUserStatus;
  createdAt: string;
  updatedAt: string;
  lastLoginAt: string | null;
  passwordChangedAt: string | null;
  raw: unknown;
}

export interface IdentityUserFilter {
  status?: IdentityUserStatus[];
  email?: string;
  login?: string;
  /** Prefix match on login, email, first or last name. */
  search?: string;
  updatedAfter?: string;
}

export interface IdentityGroup {
  id: string;
  name: string;
  description: string | null;
  type: string | null;
  createdAt: string;
  updatedAt: string;
  raw: unknown;
}

export interface IdentityGroupFilter {
  name?: string;
  type?: string;
}

/** An OCSF 1.3 event (Authentication 3002, Account Change 3001, Group Management 3006). */
export interface OcsfEvent {
  class_uid: number;
  class_name: string;
  category_uid: number;
  activity_id: number;
  activity_name: string;
  type_uid: number;
  time: number;
  severity_id: number;
  status_id: number;
  message: string | null;
  actor: { user: { uid: string | null; name: string | null; email_addr?: string | null } } | null;
  user: { uid: string | null; name: string | null; email_addr?: string | null } | null;
  metadata: { uid: string; version: string; product: { name: string; vendor_name: string }; original_time?: string };
  [extra: string]: unknown;
}

export interface AuditLogEvent {
  ocsf: OcsfEvent;
  raw: unknown;
}

export interface AuditLogQuery extends PageRequest {
  since?: string;
  until?: string;
  /** Provider event types to keep, e.g. Okta's `user.session.start`. */
  eventTypes?: string[];
}

export interface IdentityAdapter extends VerifiableAdapter {
  queryUsers(filter: IdentityUserFilter, page: PageRequest): Promise<Page<IdentityUser>>;
  getUser(id: string): Promise<IdentityUser>;
  queryGroups(filter: IdentityGroupFilter, page: PageRequest): Promise<Page<IdentityGroup>>;
  getGroup(id: string): Promise<IdentityGroup>;
  listGroupMembers(groupId: string, page: PageRequest): Promise<Page<IdentityUser>>;
  queryAuditLog(query: AuditLogQuery): Promise<Page<AuditLogEvent>>;
  enableUser(id: string): Promise<void>;
  disableUser(id: string): Promise<void>;
  forcePasswordReset(id: string): Promise<void>;
  expireAllSessions(id: string): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Notifications

export interface NotificationMessage {
  /** Opaque id that encodes channel and message (Slack: `<channel>:<ts>`). */
  id: string;
  channel: string;
  text: string;
  createdAt: string | null;
  updatedAt: string | null;
  raw: unknown;
}

export interface NotificationInput {
  text: string;
  /** Overrides the integration's configured channel. */
  channel?: string | null;
  threadId?: string | null;
}

export interface NotificationsAdapter extends VerifiableAdapter {
  createMessage(input: NotificationInput): Promise<NotificationMessage>;
  getMessage(id: string): Promise<NotificationMessage>;
  updateMessage(id: string, text: string): Promise<NotificationMessage>;
  clearMessage(id: string): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Cloud security

/** An OCSF 1.3 Compliance Finding (2003) or Detection Finding (2004), flattened for GraphQL plus the full JSON. */
export interface SecurityFinding {
  id: string;
  kind: "COMPLIANCE" | "DETECTION";
  title: string;
  description: string | null;
  /** OCSF severity_id: 0 Unknown, 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical. */
  severityId: number;
  severity: "UNKNOWN" | "INFORMATIONAL" | "LOW" | "MEDIUM" | "HIGH" | "CRITICAL";
  /** Workflow status: NEW | IN_PROGRESS (NOTIFIED) | SUPPRESSED | RESOLVED. */
  status: "NEW" | "IN_PROGRESS" | "SUPPRESSED" | "RESOLVED";
  complianceStatus: string | null;
  controlId: string | null;
  resources: { type: string; uid: string; region: string | null; name: string | null }[];
  remediation: { description: string | null; url: string | null } | null;
  createdAt: string;
  updatedAt: string;
  ocsf: Record<string, unknown>;
  raw: unknown;
}

export interface FindingFilter {
  severity?: SecurityFinding["severity"][];
  status?: SecurityFinding["status"][];
  resourceType?: string[];
  updatedAfter?: string;
  updatedBefore?: string;
}

export interface CloudSecurityAdapter extends VerifiableAdapter {
  queryComplianceFindings(filter: FindingFilter, page: PageRequest): Promise<Page<SecurityFinding>>;
  queryDetectionFindings(filter: FindingFilter, page: PageRequest): Promise<Page<SecurityFinding>>;
  updateFindingStatus(id: string, status: SecurityFinding["status"], note?: string | null): Promise<SecurityFinding>;
}

export interface ConnectorAdapters {
  ticketing: TicketingAdapter;
  identity: IdentityAdapter;
  notifications: NotificationsAdapter;
  cloudsecurity: CloudSecurityAdapter;
}

// ---------------------------------------------------------------------------------------------
// Credentials (decrypted, handed to adapters only)

export type ProviderCredential =
  | { type: "TOKEN"; token: string }
  | { type: "BASIC"; username: string; password: string }
  | { type: "SECRET"; secret: string }
  | { type: "AWS"; accessKeyId: string; secretAccessKey: string; sessionToken?: string | null }
  | { type: "OAUTH_CLIENT"; clientId: string; clientSecret: string; tokenUrl?: string | null };

export type CredentialType = ProviderCredential["type"];

// ---------------------------------------------------------------------------------------------
// Errors

export type ProviderErrorCode =
  | "PROVIDER_UNAUTHORIZED"
  | "PROVIDER_RATE_LIMITED"
  | "PROVIDER_UNAVAILABLE"
  | "PROVIDER_ERROR"
  | "NOT_FOUND"
  | "BAD_USER_INPUT"
  | "UNSUPPORTED_OPERATION";

/**
 * A failure talking to a provider. Its message is written by us, never copied from the
 * provider's body, so it can be shown to clients without leaking secrets or raw payloads.
 */
export class ProviderError extends Error {
  override readonly name = "ProviderError";
  constructor(
    readonly code: ProviderErrorCode,
    message: string,
    readonly details: { httpStatus?: number; retryAfterSeconds?: number; providerCode?: string } = {},
  ) {
    super(message);
  }
}
