/**
 * The rules shared by member and role management: no caller grants more than it holds, an
 * organization always keeps an administrator, and a member whose access changes loses its sessions.
 */
import type { Context } from "../context.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { decideOrganizationTokenNarrowing, type NarrowingDecision } from "../auth/narrowing.ts";
import type { OrganizationViewer } from "../auth/viewer.ts";
import { badInput, forbidden } from "../errors.ts";
import { recordAudit } from "./audit.ts";
import { rolePermissions } from "./sessions.ts";

/** What a role grants: a permission set, and the accounts it is restricted to (empty: every account). */
export interface RoleAuthority {
  /** Names the role in refusals; absent for one not yet created. */
  name?: string;
  permissionSet: string;
  accountIds: readonly string[];
}

type Caller = Context & { viewer: OrganizationViewer };

/** A role is within the caller's reach when a token with the role's authority could be minted from the caller's. */
export function decideRoleGrant(caller: Pick<OrganizationViewer, "permissions" | "accountIds">, roles: readonly RoleAuthority[]): NarrowingDecision {
  for (const role of roles) {
    const accountIds = role.accountIds.length === 0 ? null : role.accountIds;
    const decision = decideOrganizationTokenNarrowing(caller, { permissions: rolePermissions(role.permissionSet), accountIds });
    if (!decision.allowed) return { allowed: false, reason: `role ${role.name ?? "requested"}: ${decision.reason}` };
  }
  return { allowed: true };
}

/**
 * Refuses (FORBIDDEN, audited as DENIED) unless every role is within the caller's own authority.
 * `held` says the roles are ones the target already holds rather than ones being granted.
 */
export async function assertWithinCaller(
  context: Caller,
  roles: readonly RoleAuthority[],
  attempt: { action: string; resourceType: string; resourceId: string | null; held?: boolean },
) {
  const decision = decideRoleGrant(context.viewer, roles);
  if (decision.allowed) return;
  const { held, ...entry } = attempt;
  const reason = held ? `the ${entry.resourceType.toLowerCase()} already has more authority than the calling token (${decision.reason})` : decision.reason;
  await recordAudit(context, { ...entry, outcome: "DENIED", reason });
  throw forbidden(`Refused: ${reason}`);
}

/** Only an unrestricted administrator role can manage everything, including the organization's other administrators. */
export const grantsAdministrator = (role: RoleAuthority) => role.permissionSet === "administrator" && role.accountIds.length === 0;

/** Active members holding an unrestricted administrator role, leaving out one member and/or one role. */
export async function countAdministrators(db: PrismaClient, without: { memberId?: string; roleId?: string }) {
  // The restriction is checked here, not with `accountIds: { isEmpty: true }`: the column is a
  // nullable array, roles created without accounts hold NULL, and SQL's `= '{}'` misses those.
  const candidates = await db.role.findMany({ where: { permissionSet: "administrator" }, select: { id: true, permissionSet: true, accountIds: true } });
  const roleIds = candidates.filter((role) => grantsAdministrator(role) && role.id !== without.roleId).map((role) => role.id);
  if (roleIds.length === 0) return 0;
  return db.member.count({
    where: { state: "ACTIVE", ...(without.memberId && { id: { not: without.memberId } }), roles: { some: { roleId: { in: roleIds } } } },
  });
}

/** BAD_USER_INPUT when a change would leave the organization with no active administrator. */
export async function assertAdministratorRemains(db: PrismaClient, without: { memberId?: string; roleId?: string }, field: string) {
  if ((await countAdministrators(db, without)) === 0) {
    throw badInput(field, "this would remove the organization's last active administrator");
  }
}

/**
 * Deletes every refresh-token object of these members, so their access tokens fail on the next
 * request. Returns the ids of the deleted objects.
 */
export async function endMemberSessions(context: Caller, memberIds: readonly string[]): Promise<string[]> {
  if (memberIds.length === 0) return [];
  // A member's tokens are organization-level rows (no account), which the scope of an
  // account-restricted caller hides; the members themselves were found through the caller's scope.
  const db = organizationWide(context);
  const tokens = await db.refreshToken.findMany({ where: { memberId: { in: [...memberIds] } }, select: { id: true } });
  for (const token of tokens) await context.services.tokens.remove(db, token.id);
  return tokens.map((token) => token.id);
}

/** The caller's tenant and organization without its account restriction; for organization-level rows only. */
export function organizationWide(context: Caller): PrismaClient {
  const { tenantId, organizationId } = context.viewer;
  return context.services.scoped({ tenantId, organizationId, accountIds: null });
}
