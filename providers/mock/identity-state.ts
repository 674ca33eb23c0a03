/** One integration's mock identity state: users whose status the lifecycle actions change, and the audit log they write to. */
import { ProviderError, type IdentityUser } from "../types.ts";
import type { MockAuditRecord } from "./audit-log.ts";
import { mockAdmin, mockAuditRecords, mockUsers } from "./data.ts";
import type { LifecycleChange } from "./user-lifecycle.ts";

/** The audit log keeps this many records per integration, dropping the oldest. */
export const auditLogLimit = 500;

export interface IdentityState {
  /** By user id, in the order the directory lists them. */
  users: Map<string, IdentityUser>;
  /** Oldest first. */
  auditLog: MockAuditRecord[];
  lastRecordNumber: number;
}

export function seedIdentityState(): IdentityState {
  return {
    users: new Map(mockUsers.map((user) => [user.id, structuredClone(user)])),
    auditLog: mockAuditRecords.map((record) => structuredClone(record)),
    lastRecordNumber: mockAuditRecords.length,
  };
}

export function findUser(state: IdentityState, id: string): IdentityUser {
  const user = state.users.get(id);
  if (!user) throw new ProviderError("NOT_FOUND", "User not found");
  return user;
}

/** Applies a lifecycle decision to the user and logs the change, as the provider would. */
export function applyLifecycle(state: IdentityState, id: string, decide: (status: IdentityUser["status"]) => LifecycleChange, now: Date): void {
  const user = findUser(state, id);
  const change = decide(user.status);
  if (change.kind === "refuse") throw new ProviderError("BAD_USER_INPUT", change.reason);
  if (change.kind === "none") return;
  state.users.set(user.id, { ...user, status: change.status, updatedAt: now.toISOString() });
  logAction(state, user, change.eventType, change.message, now);
}

export function logAction(state: IdentityState, user: IdentityUser, eventType: string, message: string, now: Date): void {
  if (state.auditLog.length >= auditLogLimit) state.auditLog.shift();
  state.auditLog.push({
    uuid: `mock-log-${++state.lastRecordNumber}`,
    eventType,
    published: now.toISOString(),
    severity: "INFO",
    outcome: "SUCCESS",
    message,
    actor: mockAdmin,
    target: { id: user.id, login: user.login },
    group: null,
  });
}
