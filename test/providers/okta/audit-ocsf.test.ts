/** System Log events as OCSF 1.3: class and activity per event type, type_uid arithmetic, severity, status, users, endpoint. */
import { describe, expect, it } from "vitest";
import { toAuditLogEvent } from "../../../providers/okta/normalise.ts";
import { toOcsfActivity } from "../../../providers/okta/ocsf-activity.ts";
import { toSeverity, toStatus } from "../../../providers/okta/ocsf-fields.ts";
import { OktaLogEvent } from "../../../providers/okta/payloads.ts";
import { ids, loadOktaFixture } from "../../fixtures/okta/index.ts";

const events = (loadOktaFixture("logs") as unknown[]).map((raw) => OktaLogEvent.parse(raw));
const ocsfOf = (eventType: string, index = 0) => toAuditLogEvent(events.filter((event) => event.eventType === eventType)[index]!).ocsf;

describe("toOcsfActivity", () => {
  it.each([
    ["user.session.start", 3002, 1, "Logon"],
    ["user.session.end", 3002, 2, "Logoff"],
    ["user.session.clear", 3002, 2, "Logoff"],
    ["user.authentication.auth_via_mfa", 3002, 1, "Logon"],
    ["user.authentication.sso", 3002, 1, "Logon"],
    ["user.lifecycle.create", 3001, 1, "Create"],
    ["user.lifecycle.activate", 3001, 2, "Enable"],
    ["user.lifecycle.unsuspend", 3001, 2, "Enable"],
    ["user.account.update_password", 3001, 3, "Password Change"],
    ["user.account.reset_password", 3001, 4, "Password Reset"],
    ["user.account.expire_password", 3001, 4, "Password Reset"],
    ["user.lifecycle.suspend", 3001, 5, "Disable"],
    ["user.lifecycle.deactivate", 3001, 5, "Disable"],
    ["user.lifecycle.delete.completed", 3001, 6, "Delete"],
    ["user.account.lock", 3001, 9, "Lock"],
    ["user.account.unlock_by_admin", 3001, 99, "Unlock"],
    ["user.mfa.factor.activate", 3001, 10, "MFA Factor Enable"],
    ["user.mfa.factor.deactivate", 3001, 11, "MFA Factor Disable"],
    ["group.user_membership.add", 3006, 3, "Add User"],
    ["group.user_membership.remove", 3006, 4, "Remove User"],
    ["group.lifecycle.create", 3006, 6, "Create"],
    ["group.lifecycle.delete", 3006, 5, "Delete"],
    ["group.privilege.grant", 3006, 1, "Assign Privileges"],
    ["group.application_assignment.add", 3006, 99, "Other"],
    ["policy.evaluate_sign_on", 3001, 99, "Other"],
    ["toString", 3001, 99, "Other"],
  ])("%s is class %i activity %i (%s)", (eventType, classUid, activityId, activityName) => {
    expect(toOcsfActivity(eventType)).toEqual({ classUid, activityId, activityName });
  });
});

describe("toAuditLogEvent", () => {
  it("builds a successful sign-in as Authentication / Logon with type_uid 300201", () => {
    const ocsf = ocsfOf("user.session.start");
    expect(ocsf).toMatchObject({
      category_uid: 3,
      class_uid: 3002,
      class_name: "Authentication",
      activity_id: 1,
      activity_name: "Logon",
      type_uid: 300201,
      time: Date.parse("2026-11-20T08:00:01.123Z"),
      severity_id: 1,
      status_id: 1,
      message: "User login to Okta",
      actor: { user: { uid: ids.users.alice, name: "alice.smith@example.com", email_addr: "alice.smith@example.com" } },
      user: { uid: ids.users.alice, name: "alice.smith@example.com" },
      src_endpoint: { ip: "203.0.113.10", location: { city: "New York", postal_code: "10013", region: "New York", lat: 40.7209, long: -74.0007 } },
      http_request: { user_agent: expect.stringContaining("Chrome/131") },
      session: { uid: "102alice0001SessAbCdEfG" },
      metadata: { uid: events.find((event) => event.eventType === "user.session.start")!.uuid, version: "1.3.0", product: { name: "Okta", vendor_name: "Okta" }, original_time: "2026-11-20T08:00:01.123Z", event_code: "user.session.start" },
    });
    expect(ocsf.type_uid).toBe(ocsf.class_uid * 100 + ocsf.activity_id);
    expect(ocsf).not.toHaveProperty("is_mfa");
  });

  it("marks a failed sign-in as a Logon with status Failure, Medium severity and the reason", () => {
    const ocsf = ocsfOf("user.session.start", 1);
    expect(ocsf).toMatchObject({ type_uid: 300201, status_id: 2, status: "Failure", status_detail: "INVALID_CREDENTIALS", severity_id: 3, severity: "Medium", user: { uid: ids.users.heidi } });
    expect(ocsf).not.toHaveProperty("session");
  });

  it("flags an MFA step and names its factor", () => {
    expect(ocsfOf("user.authentication.auth_via_mfa")).toMatchObject({ class_uid: 3002, activity_id: 1, type_uid: 300201, is_mfa: true, auth_factors: [{ factor_type_id: 5, factor_type: "Push Notification" }] });
  });

  it("maps account changes with the changed user as `user` and the admin as actor", () => {
    expect(ocsfOf("user.account.update_password")).toMatchObject({ class_uid: 3001, activity_id: 3, type_uid: 300103, user: { uid: ids.users.bob }, actor: { user: { uid: ids.users.bob } } });
    expect(ocsfOf("user.lifecycle.deactivate")).toMatchObject({ type_uid: 300105, activity_name: "Disable", user: { uid: ids.users.judy, full_name: "Judy Garcia" }, actor: { user: { uid: ids.users.ada } } });
    expect(ocsfOf("user.lifecycle.suspend")).toMatchObject({ type_uid: 300105, user: { uid: ids.users.ivan } });
    expect(ocsfOf("user.lifecycle.create")).toMatchObject({ type_uid: 300101, user: { uid: ids.users.dan } });
    expect(ocsfOf("user.account.lock")).toMatchObject({ type_uid: 300109, severity_id: 3, status_id: 2, user: { uid: ids.users.heidi } });
  });

  it("maps group membership changes to Group Management with the group and the user", () => {
    expect(ocsfOf("group.user_membership.add")).toMatchObject({ class_uid: 3006, class_name: "Group Management", activity_id: 3, type_uid: 300603, user: { uid: ids.users.bob }, group: { uid: ids.groups.engineering, name: "Engineering" } });
    expect(ocsfOf("group.user_membership.remove")).toMatchObject({ activity_id: 4, type_uid: 300604, user: { uid: ids.users.judy }, group: { uid: ids.groups.finance, name: "Finance" } });
  });

  it("gives unmapped types Account Change / Other, with a null user when no User was targeted", () => {
    const ocsf = ocsfOf("policy.evaluate_sign_on");
    expect(ocsf).toMatchObject({ class_uid: 3001, activity_id: 99, type_uid: 300199, status_id: 1, user: null, actor: { user: { uid: ids.users.alice } } });
  });

  it("maps an ERROR from a system job: High severity, a system actor, no endpoint", () => {
    const ocsf = ocsfOf("application.provision.user.push_password");
    expect(ocsf).toMatchObject({ severity_id: 4, severity: "High", status_id: 2, actor: { user: { name: "system@okta.com", full_name: "Okta System" } }, user: { uid: ids.users.bob } });
    expect(ocsf).not.toHaveProperty("src_endpoint");
    expect(ocsf).not.toHaveProperty("http_request");
  });

  it("keeps the whole Okta record as raw, and every fixture maps with a consistent type_uid", () => {
    for (const event of events) {
      const { ocsf, raw } = toAuditLogEvent(event);
      expect(raw).toBe(event);
      expect(ocsf.type_uid).toBe(ocsf.class_uid * 100 + ocsf.activity_id);
      expect([3001, 3002, 3006]).toContain(ocsf.class_uid);
      expect(Number.isInteger(ocsf.time)).toBe(true);
    }
  });
});

describe("severity, status and payload types", () => {
  it("maps Okta severities and outcomes", () => {
    expect(["DEBUG", "INFO", "WARN", "ERROR", "LOUD"].map((level) => toSeverity(level).id)).toEqual([1, 1, 3, 4, 0]);
    expect(["SUCCESS", "ALLOW", "FAILURE", "DENY", "CHALLENGE", "UNKNOWN", null].map((result) => toStatus(result).id)).toEqual([1, 1, 2, 2, 0, 0, 0]);
  });

  it("reads version and postalCode as strings, as the LogEvent schema types them, and a number as its digits rather than failing the page", () => {
    const event = loadOktaFixture("logs") as Record<string, unknown>[];
    expect(event[0]!.version).toBe("0");
    expect(OktaLogEvent.parse({ ...event[0], version: 0 }).version).toBe("0");
    const located = (postalCode: unknown) =>
      OktaLogEvent.parse({ ...event[0], client: { ipAddress: "192.0.2.1", geographicalContext: { city: "Boston", postalCode, geolocation: { lat: 42.3, lon: -71.1 } } } }).client?.geographicalContext?.postalCode;
    expect(located("02118")).toBe("02118");
    expect(located(94107)).toBe("94107");
    expect(OktaLogEvent.safeParse({ ...event[0], version: { major: 0 } }).success).toBe(false);
  });

  it("tolerates the many sub-objects Okta leaves null", () => {
    const bare = { uuid: "u-1", published: "2026-11-23T00:00:00.000Z", eventType: "user.session.start", version: "0", severity: "INFO", actor: null, client: null, outcome: null, target: null, debugContext: null, request: null, authenticationContext: null, securityContext: null, transaction: null };
    const ocsf = toAuditLogEvent(OktaLogEvent.parse(bare)).ocsf;
    expect(ocsf).toMatchObject({ type_uid: 300201, status_id: 0, actor: null, user: null, message: null, status_detail: null });
  });
});
