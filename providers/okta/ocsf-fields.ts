/** Pure mappings from parts of an Okta LogEvent to OCSF 1.3 attributes: severity, status, users, endpoint, MFA factor. */
import type { OktaLogEntity, OktaLogEvent } from "./payloads.ts";

/**
 * Okta's four levels onto OCSF severity_id. DEBUG and INFO are routine records (1 Informational).
 * WARN marks something an admin should look at, such as a failed sign-in or a lockout (3 Medium).
 * ERROR marks an operation that failed, such as a provisioning push (4 High). Critical and Fatal are
 * left for findings about an actual compromise, which a System Log level never asserts. Okta has no
 * level between INFO and WARN, so Low (2) is unused.
 */
const severities: Record<string, { id: number; name: string }> = {
  DEBUG: { id: 1, name: "Informational" },
  INFO: { id: 1, name: "Informational" },
  WARN: { id: 3, name: "Medium" },
  ERROR: { id: 4, name: "High" },
};

export function toSeverity(severity: string): { id: number; name: string } {
  return (Object.hasOwn(severities, severity) ? severities[severity] : undefined) ?? { id: 0, name: "Unknown" };
}

/**
 * `outcome.result` onto OCSF status_id: SUCCESS 1, FAILURE 2, and the policy pair ALLOW 1 / DENY 2.
 * CHALLENGE, SKIPPED, UNKNOWN, DEFERRED and the rest say nothing definite about success: 0 Unknown.
 */
export function toStatus(result: string | null | undefined): { id: number; name: string } {
  if (result === "SUCCESS" || result === "ALLOW") return { id: 1, name: "Success" };
  if (result === "FAILURE" || result === "DENY") return { id: 2, name: "Failure" };
  return { id: 0, name: "Unknown" };
}

export interface OcsfUser {
  uid: string | null;
  /** OCSF's `name` is the account name; Okta's `alternateId` is the login. */
  name: string | null;
  full_name: string | null;
  email_addr: string | null;
}

/** Okta's alternateId is the login, which is usually but not always an email address. */
export function toOcsfUser(entity: OktaLogEntity): OcsfUser {
  const login = entity.alternateId ?? null;
  return {
    uid: entity.id ?? null,
    name: login ?? entity.displayName ?? null,
    full_name: entity.displayName ?? null,
    email_addr: login !== null && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(login) ? login : null,
  };
}

export function targetOfType(event: OktaLogEvent, type: string): OktaLogEntity | null {
  return event.target?.find((target) => target.type === type) ?? null;
}

/** Where the request came from: `client.ipAddress` and its geographical context (OCSF network_endpoint). */
export function toSrcEndpoint(event: OktaLogEvent): Record<string, unknown> | null {
  const ip = event.client?.ipAddress ?? event.request?.ipChain?.[0]?.ip ?? null;
  if (ip === null) return null;
  const geo = event.client?.geographicalContext ?? null;
  // OCSF's `country` is an ISO 3166 code and Okta gives a country name, so the name is not copied there.
  const location = geo && {
    city: geo.city ?? null,
    region: geo.state ?? null,
    postal_code: geo.postalCode ?? null,
    lat: geo.geolocation?.lat ?? null,
    long: geo.geolocation?.lon ?? null,
  };
  return { ip, ...(location ? { location } : {}) };
}

export function toHttpRequest(event: OktaLogEvent): Record<string, unknown> | null {
  const userAgent = event.client?.userAgent?.rawUserAgent ?? null;
  return userAgent === null ? null : { user_agent: userAgent };
}

/**
 * The factor of an MFA step, from `debugContext.debugData.factor` (e.g. `OKTA_VERIFY_PUSH`), as an
 * OCSF auth_factor. Okta's factor names are not a closed list, so unknown ones are Other (99).
 */
export function toAuthFactor(event: OktaLogEvent): { factor_type_id: number; factor_type: string } | null {
  const factor = event.debugContext?.debugData?.factor;
  if (typeof factor !== "string" || factor === "") return null;
  const kinds: [RegExp, number, string][] = [
    [/PUSH/, 5, "Push Notification"],
    [/SMS/, 1, "SMS"],
    [/CALL|VOICE/, 3, "Phone Call"],
    [/EMAIL/, 8, "Email"],
    [/WEBAUTHN|FIDO/, 10, "WebAuthn"],
    [/U2F/, 9, "U2F"],
    [/QUESTION/, 2, "Security Question"],
    [/OTP|TOTP|TOKEN/, 7, "OTP"],
    [/PASSWORD/, 11, "Password"],
  ];
  const found = kinds.find(([pattern]) => pattern.test(factor.toUpperCase()));
  return found ? { factor_type_id: found[1], factor_type: found[2] } : { factor_type_id: 99, factor_type: factor };
}
