/**
 * The mock identity audit log: records in the mock's own shape, served as OCSF 1.3 events newest first.
 * The event types reuse Okta's names, so queries written against the mock keep working against Okta.
 */
import { ProviderError, type AuditLogEvent, type AuditLogQuery } from "../types.ts";
import { iamEvent, type IamClassUid } from "../unified/ocsf-iam.ts";
import { optionalMillis } from "../unified/instants.ts";

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

type Activity = [classUid: IamClassUid, activityId: number, activityName: string];

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

export function toAuditLogEvent(record: MockAuditRecord): AuditLogEvent {
  const [classUid, activityId, activityName] = activities[record.eventType] ?? [3001, 99, "Other"];
  const actor = toOcsfUser(record.actor);
  const ocsf = iamEvent(
    {
      uid: record.uuid,
      eventType: record.eventType,
      published: record.published,
      product: { name: "Mock identity", vendor_name: "Switchyard" },
      activity: { classUid, activityId, activityName },
      severity: record.severity === "WARN" ? { id: 3, name: "Medium" } : { id: 1, name: "Informational" },
      status: record.outcome === "SUCCESS" ? { id: 1, name: "Success" } : { id: 2, name: "Failure" },
      message: record.message,
      actor,
      // Authentication records name the person signing in as the actor, and that is the user concerned.
      user: record.target ? toOcsfUser(record.target) : classUid === 3002 ? actor : null,
    },
    record.group ? { group: { uid: record.group.id, name: record.group.name } } : {},
  );
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
  if (since !== null && since > until) throw new ProviderError("BAD_USER_INPUT", "since must not be later than until", { field: "since" });
  const types = new Set((query.eventTypes ?? []).filter((type) => type !== ""));
  return records
    .filter((record) => {
      const time = Date.parse(record.published);
      return (since === null || time >= since) && time < until && (types.size === 0 || types.has(record.eventType));
    })
    .reverse();
}
