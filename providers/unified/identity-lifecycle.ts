/**
 * What enabling and disabling a user means for each status of the unified (Okta-shaped) lifecycle:
 * which admin action to take, none, or a refusal with the reason. Pure and provider-neutral; the Okta
 * adapter turns an action into its `/lifecycle` call and the mock into a change of its own state, so
 * both follow one set of rules.
 */
import type { IdentityDisableMode, IdentityUserStatus } from "./identity.ts";

export type LifecycleAction = "activate" | "unsuspend" | "unlock" | "suspend" | "deactivate";

export type LifecycleDecision = { kind: "act"; action: LifecycleAction } | { kind: "none" } | { kind: "refuse"; reason: string };

const act = (action: LifecycleAction): LifecycleDecision => ({ kind: "act", action });
const none: LifecycleDecision = { kind: "none" };

/**
 * Enabling lifts whatever keeps an account from signing in that an admin can lift: a suspension, a
 * lockout, or not being activated yet (STAGED, and DEPROVISIONED, which Okta lets an admin activate
 * again). ACTIVE, PASSWORD_EXPIRED, PROVISIONED and RECOVERY users need nothing from an admin: the
 * provider is waiting for the user (to sign in, to change a password, to finish activation or a
 * reset), and re-sending an activation would invalidate the link they already hold.
 */
export function decideEnable(status: IdentityUserStatus): LifecycleDecision {
  switch (status) {
    case "SUSPENDED":
      return act("unsuspend");
    case "LOCKED_OUT":
      return act("unlock");
    case "STAGED":
    case "DEPROVISIONED":
      return act("activate");
    case "ACTIVE":
    case "PASSWORD_EXPIRED":
    case "PROVISIONED":
    case "RECOVERY":
      return none;
  }
}

/**
 * SUSPEND stops sign-in and keeps group and app assignments; enabling undoes it. Only ACTIVE users can
 * be suspended, so users in other statuses who could still sign in are refused with a pointer to
 * DEACTIVATE rather than deactivated unasked; STAGED, SUSPENDED and DEPROVISIONED users cannot sign in
 * already.
 */
function decideSuspension(status: IdentityUserStatus): LifecycleDecision {
  switch (status) {
    case "ACTIVE":
      return act("suspend");
    case "STAGED":
    case "SUSPENDED":
    case "DEPROVISIONED":
      return none;
    case "LOCKED_OUT":
    case "PASSWORD_EXPIRED":
    case "PROVISIONED":
    case "RECOVERY":
      return {
        kind: "refuse",
        reason: `Only ACTIVE users can be suspended and this user is ${status}; to disable them anyway, use mode DEACTIVATE, which deprovisions them from every app`,
      };
  }
}

/**
 * DEACTIVATE ends sign-in from any status and deprovisions the user from every app, which can delete
 * their data there; enabling brings the user back but not that. A DEPROVISIONED user is already there.
 */
function decideDeactivation(status: IdentityUserStatus): LifecycleDecision {
  return status === "DEPROVISIONED" ? none : act("deactivate");
}

export const decideDisable = (status: IdentityUserStatus, mode: IdentityDisableMode): LifecycleDecision =>
  mode === "DEACTIVATE" ? decideDeactivation(status) : decideSuspension(status);
