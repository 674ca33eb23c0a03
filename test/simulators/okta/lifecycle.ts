/**
 * `POST /api/v1/users/{id}/lifecycle/{action}` and `DELETE /api/v1/users/{id}/sessions`, with Okta's status
 * rules: suspend only ACTIVE (400), unsuspend only SUSPENDED (400), activate only STAGED/DEPROVISIONED,
 * unlock LOCKED_OUT (or ACTIVE, a no-op). Each change is written to the System Log, as Okta does.
 * Where the spec names no error for a refused transition, the simulator answers 403 E0000038.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { findUser, stamp, type OktaSimState, type SimToken, type SimUser } from "./state.ts";
import { singleView } from "./users.ts";
import { notAllowedInStatus, notFound, oktaError, type Handler, type SimAnswer, type SimRequest } from "./wire.ts";

type Action = (user: SimUser, request: SimRequest) => SimAnswer;

const hasPassword = (user: SimUser) => user.credentials?.password !== undefined;

function moveTo(state: OktaSimState, user: SimUser, status: string): void {
  const now = stamp(state);
  Object.assign(user, { status, statusChanged: now, lastUpdated: now });
}

const actions: Record<string, Action> = {
  activate(user, { state, query, baseUrl }) {
    if (user.status === "ACTIVE") return oktaError(403, "E0000016", "Activation failed because the user is already active");
    if (user.status !== "STAGED" && user.status !== "DEPROVISIONED") return notAllowedInStatus();
    // Without a password the user must finish the welcome flow, so Okta leaves them PROVISIONED.
    moveTo(state, user, hasPassword(user) ? "ACTIVE" : "PROVISIONED");
    user.activated = stamp(state);
    if (query.get("sendEmail") !== "false") return { status: 200, body: {} };
    const activationToken = randomBytes(15).toString("base64url");
    return { status: 200, body: { activationUrl: `${baseUrl}/welcome/${activationToken}`, activationToken } };
  },
  deactivate(user, { state }) {
    if (user.status === "DEPROVISIONED") return notAllowedInStatus();
    moveTo(state, user, "DEPROVISIONED");
    return { status: 200, body: {} };
  },
  suspend(user, { state }) {
    if (user.status !== "ACTIVE") return oktaError(400, "E0000001", "Api validation failed: user", ["Cannot suspend a user that is not active"]);
    moveTo(state, user, "SUSPENDED");
    return { status: 200, body: {} };
  },
  unsuspend(user, { state }) {
    if (user.status !== "SUSPENDED") return oktaError(400, "E0000001", "Api validation failed: user", ["Cannot unsuspend a user that is not suspended"]);
    moveTo(state, user, "ACTIVE");
    return { status: 200, body: {} };
  },
  unlock(user, { state }) {
    if (user.status === "LOCKED_OUT") moveTo(state, user, "ACTIVE");
    else if (user.status !== "ACTIVE") return oktaError(403, "E0000032", "Unlock is not allowed for this user.");
    return { status: 200, body: {} };
  },
  expire_password(user, { state, baseUrl }) {
    if (!["ACTIVE", "PASSWORD_EXPIRED", "LOCKED_OUT", "RECOVERY"].includes(user.status) || !hasPassword(user)) return notAllowedInStatus();
    moveTo(state, user, "PASSWORD_EXPIRED");
    return { status: 200, body: singleView(user, baseUrl) };
  },
  reset_password(user, { state, query, baseUrl }) {
    const sendEmail = query.get("sendEmail");
    if (sendEmail !== "true" && sendEmail !== "false") return oktaError(400, "E0000028", "The request is missing a required parameter.");
    if (!["ACTIVE", "PASSWORD_EXPIRED", "LOCKED_OUT", "RECOVERY", "PROVISIONED"].includes(user.status)) return notAllowedInStatus();
    moveTo(state, user, "RECOVERY");
    return { status: 200, body: sendEmail === "true" ? {} : { resetPasswordUrl: `${baseUrl}/reset_password/${randomBytes(15).toString("base64url")}` } };
  },
};

const logged: Record<string, [eventType: string, message: string]> = {
  activate: ["user.lifecycle.activate", "Activate Okta user"],
  deactivate: ["user.lifecycle.deactivate", "Deactivate Okta user"],
  suspend: ["user.lifecycle.suspend", "Suspend Okta user"],
  unsuspend: ["user.lifecycle.unsuspend", "Unsuspend Okta user"],
  unlock: ["user.account.unlock_by_admin", "Unlock user account"],
  expire_password: ["user.account.expire_password", "User password expired by admin"],
  reset_password: ["user.account.reset_password", "Reset Okta user password"],
  sessions: ["user.session.clear", "Clear user session"],
};

export const lifecycle: Handler = (request) => {
  const [id = "", name = ""] = request.params;
  const action = Object.hasOwn(actions, name) ? actions[name] : undefined;
  if (!action) return notFound(name, "Lifecycle operation");
  return change(request, id, name, (user) => action(user, request));
};

export const clearSessions: Handler = (request) =>
  change(request, request.params[0] ?? "", "sessions", (user) => {
    const { state, query } = request;
    state.sessions.set(user.id, 0);
    // forgetDevices defaults to true on Identity Engine orgs, oauthTokens to false.
    state.sessionRevocations.push({ userId: user.id, oauthTokens: query.get("oauthTokens") === "true", forgetDevices: query.get("forgetDevices") !== "false" });
    return { status: 204 };
  });

/** Checks the token may change users, finds the user, applies the change and logs it when it succeeded. */
function change(request: SimRequest, id: string, name: string, apply: (user: SimUser) => SimAnswer): SimAnswer {
  const { state, token } = request;
  if (token.readOnly) return oktaError(403, "E0000006", "You do not have permission to perform the requested action");
  const user = findUser(state, id);
  if (!user) return notFound(id, "User");
  const answer = apply(user);
  const entry = logged[name];
  if (answer.status < 300 && entry) state.logs.push(logEvent(state, token, user, ...entry));
  return answer;
}

function logEvent(state: OktaSimState, token: SimToken, user: SimUser, eventType: string, displayMessage: string) {
  const owner = state.users.find((candidate) => candidate.id === token.owner);
  const actor = owner
    ? { id: owner.id, type: "User", alternateId: owner.profile.login, displayName: `${String(owner.profile.firstName)} ${String(owner.profile.lastName)}`, detailEntry: null }
    : { id: "0oa5erv1ceApp00000g4", type: "PublicClientApp", alternateId: "0oa5erv1ceApp00000g4", displayName: "Switchyard service app", detailEntry: null };
  const name = [user.profile.firstName, user.profile.lastName].filter((part) => typeof part === "string").join(" ");
  return {
    actor,
    client: { userAgent: { rawUserAgent: "switchyard", os: "Unknown", browser: "UNKNOWN" }, zone: null, device: "Unknown", id: null, ipAddress: "127.0.0.1", geographicalContext: null },
    authenticationContext: { authenticationProvider: null, credentialProvider: null, credentialType: null, issuer: null, interface: null, authenticationStep: 0, externalSessionId: "trs" + randomBytes(8).toString("hex") },
    displayMessage,
    eventType,
    outcome: { result: "SUCCESS", reason: null },
    published: stamp(state),
    securityContext: { asNumber: null, asOrg: null, isp: null, domain: null, isProxy: null },
    severity: "INFO",
    debugContext: { debugData: { requestUri: `/api/v1/users/${user.id}` } },
    legacyEventType: null,
    transaction: { type: "WEB", id: randomBytes(14).toString("base64url"), detail: { requestApiTokenId: token.scheme === "SSWS" ? "00Tsimulated0token0g4" : null } },
    uuid: randomUUID(),
    version: "0",
    request: { ipChain: [{ ip: "127.0.0.1", geographicalContext: null, version: "V4", source: null }] },
    target: [{ id: user.id, type: "User", alternateId: user.profile.login, displayName: name, detailEntry: null }],
  };
}
