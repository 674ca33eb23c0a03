/**
 * User lifecycle actions. Enable and disable depend on the user's current status, which is read first and
 * handed to the unified lifecycle policy (`unified/identity-lifecycle.ts`); Okta itself refuses most
 * transitions from the wrong status.
 */
import { ProviderError, type IdentityDisableMode, type IdentityUserStatus } from "../types.ts";
import { decideDisable as decideUnifiedDisable, decideEnable as decideUnifiedEnable, type LifecycleDecision } from "../unified/identity-lifecycle.ts";
import { segment, type OktaCall } from "./client.ts";
import type { OktaContext } from "./context.ts";
import type { OktaUser } from "./payloads.ts";
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

/** How an activated user gets to sign in: at once, or only through the activation link Okta mails. */
export type Activation = "immediate" | "by-email";

/** Okta users without a password (and who do not sign in through another provider) finish activation by email. */
export function activationOf(user: OktaUser): Activation {
  const provider = user.credentials?.provider?.type ?? "OKTA";
  return user.credentials?.password == null && provider === "OKTA" ? "by-email" : "immediate";
}

/**
 * Each unified action is the Okta call of the same name. `sendEmail=false` keeps the gateway from
 * mailing users as a side effect of deactivating them, or of activating a user who becomes ACTIVE at
 * once. A user without a password stays PROVISIONED until they follow Okta's activation link, which
 * with `sendEmail=false` Okta hands back instead of mailing: they are mailed, or could never sign in.
 */
function toStep(decision: LifecycleDecision, activation: Activation): LifecycleStep {
  if (decision.kind !== "act") return decision;
  if (decision.action === "activate") return { kind: "call", path: "activate", query: { sendEmail: activation === "by-email" } };
  return { kind: "call", path: decision.action, ...(decision.action === "deactivate" && { query: { sendEmail: false } }) };
}

export const decideEnable = (status: IdentityUserStatus, activation: Activation): LifecycleStep => toStep(decideUnifiedEnable(status), activation);

export const decideDisable = (status: IdentityUserStatus, mode: IdentityDisableMode): LifecycleStep => toStep(decideUnifiedDisable(status, mode), "immediate");

async function apply(context: OktaContext, id: string, operation: OktaCall["operation"], decide: (user: OktaUser) => LifecycleStep): Promise<void> {
  const user = await readUser(context, id, operation);
  const step = decide(user);
  if (step.kind === "none") return;
  if (step.kind === "refuse") throw new ProviderError("BAD_USER_INPUT", step.reason);
  await lifecycle(context, operation, user.id, step.path, step.query ?? {});
}

async function lifecycle(context: OktaContext, operation: OktaCall["operation"], id: string, path: LifecyclePath, query: Record<string, string | boolean>) {
  const call = { operation, method: "POST", path: `${usersPath}/${segment(id, "user id")}/lifecycle/${path}`, query, action: actions[path], subject: `user ${id}` } as const;
  return context.client.send(call);
}

export const enableUser = (context: OktaContext, id: string) => apply(context, id, "identity_enable_user", (user) => decideEnable(user.status, activationOf(user)));

export const disableUser = (context: OktaContext, id: string, mode: IdentityDisableMode) =>
  apply(context, id, "identity_disable_user", (user) => decideDisable(user.status, mode));

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
