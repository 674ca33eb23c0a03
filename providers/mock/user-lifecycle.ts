/**
 * What the mock's lifecycle actions do to a user's status, following the Okta adapter's rules: enabling
 * lifts a suspension or lockout or activates a staged or deprovisioned user; disabling suspends only
 * active users, or deactivates a user in any status when asked to; a password can be expired only for
 * users who have one. Pure.
 */
import type { IdentityDisableMode, IdentityUserStatus } from "../types.ts";

/** Move to `status` and log `eventType`; do nothing; or refuse with a reason. */
export type LifecycleChange =
  | { kind: "move"; status: IdentityUserStatus; eventType: string; message: string }
  | { kind: "none" }
  | { kind: "refuse"; reason: string };

const none: LifecycleChange = { kind: "none" };

export function decideEnable(status: IdentityUserStatus): LifecycleChange {
  switch (status) {
    case "SUSPENDED":
      return { kind: "move", status: "ACTIVE", eventType: "user.lifecycle.unsuspend", message: "Unsuspend user" };
    case "LOCKED_OUT":
      return { kind: "move", status: "ACTIVE", eventType: "user.account.unlock_by_admin", message: "Unlock user account" };
    case "STAGED":
    case "DEPROVISIONED":
      // Mock users have no password, so, as in Okta, activation leaves them to set one.
      return { kind: "move", status: "PROVISIONED", eventType: "user.lifecycle.activate", message: "Activate user" };
    case "ACTIVE":
    case "PASSWORD_EXPIRED":
    case "PROVISIONED":
    case "RECOVERY":
      return none;
  }
}

function decideSuspension(status: IdentityUserStatus): LifecycleChange {
  switch (status) {
    case "ACTIVE":
      return { kind: "move", status: "SUSPENDED", eventType: "user.lifecycle.suspend", message: "Suspend user" };
    case "STAGED":
    case "SUSPENDED":
    case "DEPROVISIONED":
      return none;
    case "LOCKED_OUT":
    case "PASSWORD_EXPIRED":
    case "PROVISIONED":
    case "RECOVERY":
      return { kind: "refuse", reason: `Only ACTIVE users can be suspended and this user is ${status}; to disable them anyway, use mode DEACTIVATE` };
  }
}

function decideDeactivation(status: IdentityUserStatus): LifecycleChange {
  if (status === "DEPROVISIONED") return none;
  return { kind: "move", status: "DEPROVISIONED", eventType: "user.lifecycle.deactivate", message: "Deactivate user" };
}

export const decideDisable = (status: IdentityUserStatus, mode: IdentityDisableMode): LifecycleChange =>
  mode === "DEACTIVATE" ? decideDeactivation(status) : decideSuspension(status);

export function decidePasswordExpiry(status: IdentityUserStatus): LifecycleChange {
  switch (status) {
    case "ACTIVE":
    case "PASSWORD_EXPIRED":
    case "LOCKED_OUT":
    case "RECOVERY":
      return { kind: "move", status: "PASSWORD_EXPIRED", eventType: "user.account.expire_password", message: "User password expired by admin" };
    case "STAGED":
    case "PROVISIONED":
    case "SUSPENDED":
    case "DEPROVISIONED":
      return { kind: "refuse", reason: `The user's password cannot be expired while the user is ${status}` };
  }
}
