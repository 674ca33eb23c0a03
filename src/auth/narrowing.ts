/** Pure rules for minting tokens: a new token may only ever be narrower than the one that mints it. */
import type { Permission } from "./permissions.ts";
import type { OrganizationViewer } from "./viewer.ts";

export type NarrowingDecision = { allowed: true } | { allowed: false; reason: string };

export function decideOrganizationTokenNarrowing(
  caller: Pick<OrganizationViewer, "permissions" | "accountIds">,
  requested: { permissions: readonly Permission[]; accountIds: readonly string[] | null },
): NarrowingDecision {
  const wider = requested.permissions.filter((permission) => !caller.permissions.has(permission));
  if (wider.length > 0) {
    return { allowed: false, reason: `the requested permissions exceed the calling token's (${wider.join(", ")})` };
  }
  if (caller.accountIds !== null) {
    if (requested.accountIds === null) {
      return { allowed: false, reason: "the calling token is restricted to some accounts; the new token must be too" };
    }
    const outside = requested.accountIds.filter((id) => !caller.accountIds?.includes(id));
    if (outside.length > 0) return { allowed: false, reason: "the requested accounts exceed the calling token's" };
  }
  return { allowed: true };
}

/** What a refresh-token object would hand out if its pair were issued again. */
export interface ReissuedAuthority {
  layer: "MANAGEMENT" | "CONNECTOR";
  memberId: string | null;
  session: boolean;
  permissions: readonly Permission[];
  accountRestricted: boolean;
  accountIds: readonly string[];
}

/**
 * Rotating or resetting a refresh-token object hands the caller a fresh access token of that
 * object, so it is allowed only where the caller could have minted that token itself: never a
 * wider organization token, an integration token only with `tokens:issue-integration`, and a
 * member's logon session only to that member (anyone else would be acting as them).
 */
export function decideReissue(caller: Pick<OrganizationViewer, "memberId" | "permissions" | "accountIds">, target: ReissuedAuthority): NarrowingDecision {
  if (target.layer === "CONNECTOR") {
    return caller.permissions.has("tokens:issue-integration") ? { allowed: true } : { allowed: false, reason: "issuing integration tokens needs tokens:issue-integration" };
  }
  if (target.session && target.memberId !== caller.memberId) return { allowed: false, reason: "a member's logon session can be re-issued only by that member" };
  return decideOrganizationTokenNarrowing(caller, { permissions: target.permissions, accountIds: target.accountRestricted ? target.accountIds : null });
}

/** The permissions a token gets from its member's roles: the union, and the union of account restrictions. */
export function combineRoles(roles: readonly { permissions: readonly Permission[]; accountIds: readonly string[] }[]): {
  permissions: Permission[];
  accountIds: string[] | null;
} {
  const permissions = [...new Set(roles.flatMap((role) => role.permissions))];
  const unrestricted = roles.some((role) => role.accountIds.length === 0);
  const accountIds = unrestricted ? null : [...new Set(roles.flatMap((role) => role.accountIds))];
  return { permissions, accountIds };
}
