/**
 * What the mock's lifecycle actions do to a user's status. Enabling and disabling follow the unified
 * lifecycle policy the Okta adapter follows too (`unified/identity-lifecycle.ts`); each action becomes
 * the status Okta would leave the user in and the System Log event it would write. Expiring a
 * password, which Okta decides on its side, is restated here: it needs a user who has a password.
 * Pure.
 */
import type { IdentityDisableMode, IdentityUserStatus } from "../types.ts";
import { decideDisable as decideUnifiedDisable, decideEnable as decideUnifiedEnable, type LifecycleAction, type LifecycleDecision } from "../unified/identity-lifecycle.ts";

/** Move to `status` and log `eventType`; do nothing; or refuse with a reason. */
export type LifecycleChange =
  | { kind: "move"; status: IdentityUserStatus; eventType: string; message: string }
  | { kind: "none" }
  | { kind: "refuse"; reason: string };

const moves: Record<LifecycleAction, Omit<Extract<LifecycleChange, { kind: "move" }>, "kind">> = {
  unsuspend: { status: "ACTIVE", eventType: "user.lifecycle.unsuspend", message: "Unsuspend user" },
  unlock: { status: "ACTIVE", eventType: "user.account.unlock_by_admin", message: "Unlock user account" },
  // Mock users have no password, so, as in Okta, activation leaves them to set one.
  activate: { status: "PROVISIONED", eventType: "user.lifecycle.activate", message: "Activate user" },
  suspend: { status: "SUSPENDED", eventType: "user.lifecycle.suspend", message: "Suspend user" },
  deactivate: { status: "DEPROVISIONED", eventType: "user.lifecycle.deactivate", message: "Deactivate user" },
};

const toChange = (decision: LifecycleDecision): LifecycleChange => (decision.kind === "act" ? { kind: "move", ...moves[decision.action] } : decision);

export const decideEnable = (status: IdentityUserStatus): LifecycleChange => toChange(decideUnifiedEnable(status));

export const decideDisable = (status: IdentityUserStatus, mode: IdentityDisableMode): LifecycleChange => toChange(decideUnifiedDisable(status, mode));

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
