/** Identity in the unified model: users, groups, OCSF audit events and the adapter interface. */
import type { Page, PageRequest, VerifiableAdapter } from "./common.ts";

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
  metadata: { uid: string; version: string; product: { name: string; vendor_name: string }; original_time?: string; event_code?: string };
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

/**
 * How `disableUser` stops a user signing in. SUSPEND keeps the user's app and group assignments and
 * enabling undoes it fully, but a provider may suspend only users in some statuses (Okta: ACTIVE only).
 * DEACTIVATE works from any status but DEPROVISIONED and deprovisions the user from every app, which can
 * delete their accounts and data there; enabling activates the user again but cannot restore that.
 */
export type IdentityDisableMode = "SUSPEND" | "DEACTIVATE";

export interface IdentityAdapter extends VerifiableAdapter {
  queryUsers(filter: IdentityUserFilter, page: PageRequest): Promise<Page<IdentityUser>>;
  getUser(id: string): Promise<IdentityUser>;
  queryGroups(filter: IdentityGroupFilter, page: PageRequest): Promise<Page<IdentityGroup>>;
  getGroup(id: string): Promise<IdentityGroup>;
  listGroupMembers(groupId: string, page: PageRequest): Promise<Page<IdentityUser>>;
  queryAuditLog(query: AuditLogQuery): Promise<Page<AuditLogEvent>>;
  enableUser(id: string): Promise<void>;
  disableUser(id: string, mode: IdentityDisableMode): Promise<void>;
  forcePasswordReset(id: string): Promise<void>;
  expireAllSessions(id: string): Promise<void>;
}
