/**
 * The envelope every identity provider's audit events share: OCSF 1.3 category 3, Identity & Access
 * Management. A provider decides the class, activity, severity, status and users of its records;
 * this builds the fields that follow from them (`type_uid = class_uid * 100 + activity_id`).
 */
import type { OcsfEvent } from "./identity.ts";

export type IamClassUid = 3001 | 3002 | 3006;

export const iamClassNames: Record<IamClassUid, string> = {
  3001: "Account Change",
  3002: "Authentication",
  3006: "Group Management",
};

export interface IamActivity {
  classUid: IamClassUid;
  activityId: number;
  activityName: string;
}

export interface IamEventFacts {
  /** The provider's id of the record. */
  uid: string;
  /** The provider's event type, kept as OCSF `metadata.event_code`. */
  eventType: string;
  /** ISO 8601 instant. */
  published: string;
  product: { name: string; vendor_name: string };
  activity: IamActivity;
  severity: { id: number; name: string };
  status: { id: number; name: string };
  message: string | null;
  actor: OcsfEvent["user"];
  user: OcsfEvent["user"];
}

/** One OCSF event; `extras` adds what only some classes or providers carry (group, MFA, endpoint…). */
export function iamEvent(facts: IamEventFacts, extras: Record<string, unknown> = {}): OcsfEvent {
  const { classUid, activityId, activityName } = facts.activity;
  return {
    category_uid: 3,
    category_name: "Identity & Access Management",
    class_uid: classUid,
    class_name: iamClassNames[classUid],
    activity_id: activityId,
    activity_name: activityName,
    type_uid: classUid * 100 + activityId,
    time: Date.parse(facts.published),
    severity_id: facts.severity.id,
    severity: facts.severity.name,
    status_id: facts.status.id,
    status: facts.status.name,
    message: facts.message,
    actor: facts.actor ? { user: facts.actor } : null,
    user: facts.user,
    metadata: { uid: facts.uid, version: "1.3.0", product: facts.product, original_time: facts.published, event_code: facts.eventType },
    ...extras,
  };
}
