/**
 * The mock identity audit log: records in the mock's own shape, served as OCSF 1.3 events newest first.
 * The event types reuse Okta's names, so queries written against the mock keep working against Okta.
 */
import { ProviderError, type AuditLogEvent, type AuditLogQuery, type OcsfEvent } from "../types.ts";
import { optionalMillis } from "./instant.ts";

export interface MockAuditRecord {
  uuid: string;
  eventType: string;
  /** ISO 8601 instant. */
  published: string;
  severity: "INFO" | "WARN";
  outcome: "SUCCESS" | "FAILURE";
  message: string;
  actor: { id: string; login: string };
  /** The user acted upon, when there is one. */
  target: { id: string; login: string } | null;
  group: { id: string; name: string } | null;
}

type Activity = [classUid: 3001 | 3002 | 3006, activityId: number, activityName: string];

/** OCSF 1.3 class and activity of each event type the mock writes. */
const activities: Record<string, Activity> = {
  "user.session.start": [3002, 1, "Logon"],
  "user.session.end": [3002, 2, "Logoff"],
  "user.session.clear": [3002, 2, "Logoff"],
  "user.lifecycle.create": [3001, 1, "Create"],
  "user.lifecycle.activate": [3001, 2, "Enable"],
  "user.lifecycle.unsuspend": [3001, 2, "Enable"],
  "user.account.expire_password": [3001, 4, "Password Reset"],
  "user.lifecycle.suspend": [3001, 5, "Disable"],
  "user.lifecycle.deactivate": [3001, 5, "Disable"],
  "user.account.lock": [3001, 9, "Lock"],
  // OCSF 1.3 has no Unlock activity.
  "user.account.unlock_by_admin": [3001, 99, "Unlock"],
  "group.user_membership.add": [3006, 3, "Add User"],
};

const classNames = { 3001: "Account Change", 3002: "Authentication", 3006: "Group Management" };

export function toAuditLogEvent(record: MockAuditRecord): AuditLogEvent {
  const [classUid, activityId, activityName] = activities[record.eventType] ?? [3001, 99, "Other"];
  const actor = toOcsfUser(record.actor);
  const metadata: OcsfEvent["metadata"] & { event_code: string } = {
    uid: record.uuid,
    version: "1.3.0",
    product: { name: "Mock identity", vendor_name: "Switchyard" },
    original_time: record.published,
    event_code: record.eventType,
  };
  const ocsf: OcsfEvent = {
    category_uid: 3,
    category_name: "Identity & Access Management",
    class_uid: classUid,
    class_name: classNames[classUid],
    activity_id: activityId,
    activity_name: activityName,
    type_uid: classUid * 100 + activityId,
    time: Date.parse(record.published),
    severity_id: record.severity === "WARN" ? 3 : 1,
    severity: record.severity === "WARN" ? "Medium" : "Informational",
    status_id: record.outcome === "SUCCESS" ? 1 : 2,
    status: record.outcome === "SUCCESS" ? "Success" : "Failure",
    message: record.message,
    actor: { user: actor },
    // Authentication records name the person signing in as the actor, and that is the user concerned.
    user: record.target ? toOcsfUser(record.target) : classUid === 3002 ? actor : null,
    metadata,
    ...(record.group ? { group: { uid: record.group.id, name: record.group.name } } : {}),
  };
  return { ocsf, raw: record };
}

function toOcsfUser(user: { id: string; login: string }) {
  return { uid: user.id, name: user.login, email_addr: user.login };
}

/**
 * Records in [since, until) of the wanted types, newest first. Without `until` every record up to now
 * qualifies (the log holds nothing later), and without `since` there is no lower bound.
 */
export function selectAuditRecords(records: readonly MockAuditRecord[], query: Omit<AuditLogQuery, "limit" | "cursor">): MockAuditRecord[] {
  const since = optionalMillis(query.since, "since");
  const until = optionalMillis(query.until, "until") ?? Number.POSITIVE_INFINITY;
  if (since !== null && since > until) throw new ProviderError("BAD_USER_INPUT", "since must not be later than until");
  const types = new Set((query.eventTypes ?? []).filter((type) => type !== ""));
  return records
    .filter((record) => {
      const time = Date.parse(record.published);
      return (since === null || time >= since) && time < until && (types.size === 0 || types.has(record.eventType));
    })
    .reverse();
}
