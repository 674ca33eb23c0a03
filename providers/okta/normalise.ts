/** Pure mappings from parsed Okta payloads to the unified identity types: users, groups, and System Log events as OCSF 1.3. */
import type { AuditLogEvent, IdentityGroup, IdentityUser } from "../types.ts";
import { toOcsfActivity } from "./ocsf-activity.ts";
import { iamEvent } from "../unified/ocsf-iam.ts";
import { targetOfType, toAuthFactor, toHttpRequest, toOcsfUser, toSeverity, toSrcEndpoint, toStatus, type OcsfUser } from "./ocsf-fields.ts";
import type { OktaGroup, OktaLogEvent, OktaUser } from "./payloads.ts";

export function toIdentityUser(user: OktaUser): IdentityUser {
  const { profile } = user;
  const firstName = profile.firstName ?? null;
  const lastName = profile.lastName ?? null;
  const fullName = [firstName, lastName].filter((part): part is string => part !== null && part !== "").join(" ");
  return {
    id: user.id,
    login: profile.login,
    email: profile.email ?? null,
    firstName,
    lastName,
    // Okta's base profile rarely fills displayName; first and last name are what its console shows.
    displayName: profile.displayName ?? (fullName === "" ? null : fullName),
    status: user.status,
    createdAt: user.created,
    updatedAt: user.lastUpdated,
    lastLoginAt: user.lastLogin ?? null,
    passwordChangedAt: user.passwordChanged ?? null,
    raw: user,
  };
}

export function toIdentityGroup(group: OktaGroup): IdentityGroup {
  return {
    id: group.id,
    name: group.profile.name,
    description: group.profile.description ?? null,
    type: group.type ?? null,
    createdAt: group.created,
    updatedAt: group.lastUpdated,
    raw: group,
  };
}

/**
 * One System Log event as OCSF 1.3 (category 3, Identity & Access Management). `user` is the account
 * acted upon: the event's target of type User, or for Authentication, where Okta records the person
 * signing in as the actor, the actor itself.
 */
export function toAuditLogEvent(event: OktaLogEvent): AuditLogEvent {
  const activity = toOcsfActivity(event.eventType);
  const severity = toSeverity(event.severity);
  const status = toStatus(event.outcome?.result);
  const actor = event.actor ? toOcsfUser(event.actor) : null;
  const target = targetOfType(event, "User");
  const user: OcsfUser | null = target ? toOcsfUser(target) : activity.classUid === 3002 && event.actor?.type === "User" ? actor : null;
  const ocsf = iamEvent(
    { uid: event.uuid, eventType: event.eventType, published: event.published, product: { name: "Okta", vendor_name: "Okta" }, activity, severity, status, message: event.displayMessage ?? null, actor, user },
    {
      status_detail: event.outcome?.reason ?? null,
      ...classExtras(event, activity.classUid),
      ...optional("src_endpoint", toSrcEndpoint(event)),
      ...optional("http_request", toHttpRequest(event)),
    },
  );
  return { ocsf, raw: event };
}

/** Attributes only one class defines: MFA facts for Authentication, the group for Group Management. */
function classExtras(event: OktaLogEvent, classUid: number): Record<string, unknown> {
  if (classUid === 3006) {
    const group = targetOfType(event, "UserGroup");
    return group ? { group: { uid: group.id ?? null, name: group.displayName ?? null } } : {};
  }
  if (classUid !== 3002) return {};
  const factor = toAuthFactor(event);
  const sessionUid = event.authenticationContext?.externalSessionId ?? null;
  // Only a known MFA step asserts is_mfa; a plain sign-in record does not say whether MFA followed.
  const isMfa = factor !== null || event.eventType === "user.authentication.auth_via_mfa";
  return {
    ...(isMfa ? { is_mfa: true } : {}),
    ...(factor ? { auth_factors: [factor] } : {}),
    ...(sessionUid !== null && sessionUid !== "unknown" ? { session: { uid: sessionUid } } : {}),
  };
}

function optional(name: string, value: Record<string, unknown> | null): Record<string, unknown> {
  return value === null ? {} : { [name]: value };
}
