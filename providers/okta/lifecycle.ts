/**
 * User lifecycle actions. Enable and disable depend on the user's current status, which is read first and
 * handed to the pure `decide*` policies; Okta itself refuses most transitions from the wrong status.
 */
import { ProviderError, type IdentityDisableMode, type IdentityUserStatus } from "../types.ts";
import { segment, type OktaCall } from "./client.ts";
import type { OktaContext } from "./context.ts";
import { readUser, usersPath } from "./users.ts";

/** The `/lifecycle/<path>` calls the adapter makes, and what each does, for our own error messages. */
const actions = {
  activate: "activate the user",
  unsuspend: "unsuspend the user",
  unlock: "unlock the user",
  suspend: "suspend the user",
  deactivate: "deactivate the user",
  expire_password: "expire the user's password",
} as const;

type LifecyclePath = keyof typeof actions;

/** A lifecycle step: call `/lifecycle/<path>`, do nothing (already in the wanted state), or refuse with a reason. */
export type LifecycleStep =
  | { kind: "call"; path: LifecyclePath; query?: Record<string, string | boolean> }
  | { kind: "none" }
  | { kind: "refuse"; reason: string };

/**
 * Enabling lifts whatever keeps an account from signing in that an admin can lift: a suspension
 * (`unsuspend`), a lockout (`unlock`), or not being activated yet (`activate`, for STAGED and, as Okta
 * allows, DEPROVISIONED users). `sendEmail=false` keeps the gateway from mailing users as a side
 * effect; a user with a password becomes ACTIVE at once, one without stays PROVISIONED.
 * ACTIVE, PASSWORD_EXPIRED, PROVISIONED and RECOVERY users need nothing from an admin: Okta is
 * waiting for the user (to sign in, to change a password, to finish activation or a reset), and
 * Okta's only other call, `reactivate`, would invalidate the link they already hold.
 */
export function decideEnable(status: IdentityUserStatus): LifecycleStep {
  switch (status) {
    case "SUSPENDED":
      return { kind: "call", path: "unsuspend" };
    case "LOCKED_OUT":
      return { kind: "call", path: "unlock" };
    case "STAGED":
    case "DEPROVISIONED":
      return { kind: "call", path: "activate", query: { sendEmail: false } };
    case "ACTIVE":
    case "PASSWORD_EXPIRED":
    case "PROVISIONED":
    case "RECOVERY":
      return { kind: "none" };
  }
}

/**
 * Disabling in SUSPEND mode is Okta's `suspend`: it stops sign-in, keeps group and app assignments, and
 * `unsuspend` undoes it. Okta suspends only ACTIVE users, so users in other statuses that could still
 * sign in are refused with a pointer to DEACTIVATE rather than deactivated unasked; STAGED, SUSPENDED and
 * DEPROVISIONED users cannot sign in already.
 */
function decideSuspension(status: IdentityUserStatus): LifecycleStep {
  switch (status) {
    case "ACTIVE":
      return { kind: "call", path: "suspend" };
    case "STAGED":
    case "SUSPENDED":
    case "DEPROVISIONED":
      return { kind: "none" };
    case "LOCKED_OUT":
    case "PASSWORD_EXPIRED":
    case "PROVISIONED":
    case "RECOVERY":
      return {
        kind: "refuse",
        reason: `Okta can suspend only ACTIVE users and this user is ${status}; to disable them anyway, use mode DEACTIVATE, which deprovisions them from every app`,
      };
  }
}

/**
 * DEACTIVATE mode is Okta's `deactivate`, which Okta accepts from every status but DEPROVISIONED: it ends
 * sign-in and deprovisions the user from every app, which can delete their data there; `activate` (enable)
 * brings the user back but not that. A DEPROVISIONED user is already deactivated, so nothing is done.
 */
function decideDeactivation(status: IdentityUserStatus): LifecycleStep {
  return status === "DEPROVISIONED" ? { kind: "none" } : { kind: "call", path: "deactivate", query: { sendEmail: false } };
}

export const decideDisable = (status: IdentityUserStatus, mode: IdentityDisableMode): LifecycleStep =>
  mode === "DEACTIVATE" ? decideDeactivation(status) : decideSuspension(status);

async function apply(context: OktaContext, id: string, operation: OktaCall["operation"], decide: (status: IdentityUserStatus) => LifecycleStep): Promise<void> {
  const user = await readUser(context, id, operation);
  const step = decide(user.status);
  if (step.kind === "none") return;
  if (step.kind === "refuse") throw new ProviderError("BAD_USER_INPUT", step.reason);
  await lifecycle(context, operation, user.id, step.path, step.query ?? {});
}

async function lifecycle(context: OktaContext, operation: OktaCall["operation"], id: string, path: LifecyclePath, query: Record<string, string | boolean>) {
  const call = { operation, method: "POST", path: `${usersPath}/${segment(id, "user id")}/lifecycle/${path}`, query, action: actions[path], subject: `user ${id}` } as const;
  return context.client.send(call);
}

export const enableUser = (context: OktaContext, id: string) => apply(context, id, "identity_enable_user", decideEnable);

export const disableUser = (context: OktaContext, id: string, mode: IdentityDisableMode) =>
  apply(context, id, "identity_disable_user", (status) => decideDisable(status, mode));

/**
 * `expire_password`, not `reset_password`: the user keeps signing in with the current password and must
 * choose a new one at once, and no reset link is produced. `reset_password?sendEmail=false` would hand
 * the link to the gateway, which has nowhere to deliver it, and leave the user in RECOVERY, unable to
 * sign in at all. To lock a suspected attacker out, disable the user and expire their sessions.
 */
export const forcePasswordReset = (context: OktaContext, id: string) => lifecycle(context, "identity_force_password_reset", id, "expire_password", {});

/** Ends every Okta session of the user and revokes the OAuth/OIDC tokens issued to them (204). */
export async function expireAllSessions(context: OktaContext, id: string): Promise<void> {
  return context.client.send({
    operation: "identity_expire_sessions",
    method: "DELETE",
    path: `${usersPath}/${segment(id, "user id")}/sessions`,
    query: { oauthTokens: true },
    action: "end the user's sessions",
    subject: `user ${id}`,
  });
}
