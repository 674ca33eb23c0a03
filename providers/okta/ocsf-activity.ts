/**
 * Which OCSF 1.3 class and activity an Okta System Log `eventType` becomes. Pure data plus one lookup.
 * Activity ids are OCSF 1.3's: Authentication 3002 (1 Logon, 2 Logoff), Account Change 3001 (1 Create,
 * 2 Enable, 3 Password Change, 4 Password Reset, 5 Disable, 6 Delete, 9 Lock, 10/11 MFA Factor
 * Enable/Disable) and Group Management 3006 (1 Assign Privileges, 2 Revoke Privileges, 3 Add User,
 * 4 Remove User, 5 Delete, 6 Create); 99 is Other in every class.
 */

import type { IamActivity as OcsfActivity } from "../unified/ocsf-iam.ts";

export type { OcsfActivity };

const logon = { classUid: 3002, activityId: 1, activityName: "Logon" } as const;
const logoff = { classUid: 3002, activityId: 2, activityName: "Logoff" } as const;
const account = (activityId: number, activityName: string): OcsfActivity => ({ classUid: 3001, activityId, activityName });
const group = (activityId: number, activityName: string): OcsfActivity => ({ classUid: 3006, activityId, activityName });

const exact: Record<string, OcsfActivity> = {
  "user.session.start": logon,
  "user.session.end": logoff,
  // An admin ending a user's sessions (our expireAllSessions) and Okta expiring one both end a logon session.
  "user.session.clear": logoff,
  "user.session.expire": logoff,
  "user.lifecycle.create": account(1, "Create"),
  "user.lifecycle.activate": account(2, "Enable"),
  "user.lifecycle.reactivate": account(2, "Enable"),
  "user.lifecycle.unsuspend": account(2, "Enable"),
  "user.account.update_password": account(3, "Password Change"),
  "user.account.reset_password": account(4, "Password Reset"),
  // An admin expiring a password forces a new one at next sign-in: a reset imposed on the account.
  "user.account.expire_password": account(4, "Password Reset"),
  // Okta's suspend is reversible and deactivate is not, but both stop the account signing in.
  "user.lifecycle.suspend": account(5, "Disable"),
  "user.lifecycle.deactivate": account(5, "Disable"),
  "user.lifecycle.delete.initiated": account(6, "Delete"),
  "user.lifecycle.delete.completed": account(6, "Delete"),
  "user.account.lock": account(9, "Lock"),
  "user.account.lock.limit": account(9, "Lock"),
  // OCSF 1.3 has no Unlock activity (it came later), so unlocking is Other, named for what it was.
  "user.account.unlock": account(99, "Unlock"),
  "user.account.unlock_by_admin": account(99, "Unlock"),
  "user.mfa.factor.activate": account(10, "MFA Factor Enable"),
  "user.mfa.factor.deactivate": account(11, "MFA Factor Disable"),
  "user.mfa.factor.reset_all": account(11, "MFA Factor Disable"),
  "group.user_membership.add": group(3, "Add User"),
  "group.user_membership.remove": group(4, "Remove User"),
  "group.lifecycle.create": group(6, "Create"),
  "group.lifecycle.delete": group(5, "Delete"),
  "group.privilege.grant": group(1, "Assign Privileges"),
  "group.privilege.revoke": group(2, "Revoke Privileges"),
};

/**
 * The activity for an event type. Every `user.authentication.*` event (password, MFA such as
 * `auth_via_mfa`, SSO into an app, social or IdP sign-in) is a step of signing in, so a Logon. Other
 * `group.*` events are Group Management / Other. Anything else defaults to Account Change / Other: the
 * System Log is mostly about accounts, and Account Change is the IAM class with the fewest
 * requirements beyond the user acted upon.
 */
export function toOcsfActivity(eventType: string): OcsfActivity {
  const known = Object.hasOwn(exact, eventType) ? exact[eventType] : undefined;
  if (known) return known;
  if (eventType.startsWith("user.authentication.")) return logon;
  if (eventType.startsWith("group.")) return group(99, "Other");
  return account(99, "Other");
}
