/**
 * Zod schemas for the Okta Management API payloads the adapter reads: strict on the fields it relies on,
 * lenient on everything else (extra fields pass through, optional sub-objects may be null or absent).
 */
import { z } from "zod";

/** Okta's timestamps, e.g. `2013-07-02T21:36:25.344Z`. */
const OktaTimestamp = z.iso.datetime({ offset: true });

/** A string Okta may send as null or leave out. */
const maybeString = z.string().nullish();
/**
 * A string in Okta's schema that some of its own examples print as a number. Read either way and
 * kept as a string: one odd optional value must not fail a whole page of events.
 */
const numericString = z.union([z.string(), z.number().transform(String)]).nullish();

export const OktaUserStatus = z.enum(["ACTIVE", "DEPROVISIONED", "LOCKED_OUT", "PASSWORD_EXPIRED", "PROVISIONED", "RECOVERY", "STAGED", "SUSPENDED"]);

/** The base profile plus any custom attributes, which pass through untouched. */
export const OktaUserProfile = z.looseObject({
  login: z.string(),
  email: maybeString,
  firstName: maybeString,
  lastName: maybeString,
  displayName: maybeString,
});

export const OktaUser = z.looseObject({
  id: z.string().min(1),
  status: OktaUserStatus,
  created: OktaTimestamp,
  activated: OktaTimestamp.nullish(),
  statusChanged: OktaTimestamp.nullish(),
  lastLogin: OktaTimestamp.nullish(),
  lastUpdated: OktaTimestamp,
  passwordChanged: OktaTimestamp.nullish(),
  transitioningToStatus: maybeString,
  profile: OktaUserProfile,
  /** `password` is present (as `{}`) when the user has one; `provider.type` is OKTA, or FEDERATION / SOCIAL / … for users who sign in elsewhere. */
  credentials: z.looseObject({ password: z.looseObject({}).nullish(), provider: z.looseObject({ type: maybeString }).nullish() }).nullish(),
});
export type OktaUser = z.infer<typeof OktaUser>;

export const OktaGroup = z.looseObject({
  id: z.string().min(1),
  created: OktaTimestamp,
  lastUpdated: OktaTimestamp,
  lastMembershipUpdated: OktaTimestamp.nullish(),
  /** OKTA_GROUP, APP_GROUP or BUILT_IN today; kept open so a new kind does not break listing. */
  type: maybeString,
  profile: z.looseObject({ name: z.string(), description: maybeString }),
});
export type OktaGroup = z.infer<typeof OktaGroup>;

const LogEntity = z.looseObject({
  id: maybeString,
  type: maybeString,
  alternateId: maybeString,
  displayName: maybeString,
  detailEntry: z.record(z.string(), z.unknown()).nullish(),
});

const LogGeographicalContext = z.looseObject({
  city: maybeString,
  state: maybeString,
  country: maybeString,
  /** Leading zeros matter, so a string; a number is read as its decimal digits. */
  postalCode: numericString,
  geolocation: z.looseObject({ lat: z.number().nullish(), lon: z.number().nullish() }).nullish(),
});

export const OktaLogEvent = z.looseObject({
  uuid: z.string().min(1),
  published: OktaTimestamp,
  eventType: z.string().min(1),
  /** The schema's versioning indicator, `"0"`. */
  version: numericString,
  /** DEBUG, INFO, WARN or ERROR; read as a string so a new level maps to "unknown" instead of failing the page. */
  severity: z.string(),
  legacyEventType: maybeString,
  displayMessage: maybeString,
  actor: LogEntity.nullish(),
  client: z
    .looseObject({
      userAgent: z.looseObject({ rawUserAgent: maybeString, os: maybeString, browser: maybeString }).nullish(),
      zone: maybeString,
      device: maybeString,
      id: maybeString,
      ipAddress: maybeString,
      geographicalContext: LogGeographicalContext.nullish(),
    })
    .nullish(),
  authenticationContext: z.looseObject({ externalSessionId: maybeString, credentialType: maybeString }).nullish(),
  securityContext: z.looseObject({}).nullish(),
  outcome: z.looseObject({ result: maybeString, reason: maybeString }).nullish(),
  transaction: z.looseObject({ type: maybeString, id: maybeString }).nullish(),
  debugContext: z.looseObject({ debugData: z.record(z.string(), z.unknown()).nullish() }).nullish(),
  request: z.looseObject({ ipChain: z.array(z.looseObject({ ip: maybeString })).nullish() }).nullish(),
  target: z.array(LogEntity).nullish(),
});
export type OktaLogEvent = z.infer<typeof OktaLogEvent>;
export type OktaLogEntity = z.infer<typeof LogEntity>;

/** Okta's error body; `errorSummary` and `errorCauses` may echo input back, so they are never shown to clients. */
export const OktaErrorBody = z.looseObject({
  errorCode: z.string(),
  errorSummary: z.string().optional(),
  errorLink: z.string().optional(),
  errorId: z.string().optional(),
  errorCauses: z.array(z.looseObject({ errorSummary: z.string().optional() })).optional(),
});
