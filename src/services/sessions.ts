/** Member sessions: log on with email and password, log off, change password. */
import type { Context } from "../context.ts";
import { combineRoles } from "../auth/narrowing.ts";
import { isPermission, isPermissionSetId, permissionSets, type Permission } from "../auth/permissions.ts";
import { hashPassword, passwordRules, verifyPassword } from "../crypto/passwords.ts";
import { badInput, forbidden, unauthenticated } from "../errors.ts";
import { recordAudit } from "./audit.ts";
import { isUuid } from "./names.ts";
import type { TokenPair } from "./tokens.ts";

const refused = () => unauthenticated("Organization, email or password not accepted");

export function assertPasswordRules(field: string, password: string) {
  if (password.length < passwordRules.minLength || password.length > passwordRules.maxLength) {
    throw badInput(field, `must be ${passwordRules.minLength} to ${passwordRules.maxLength} characters`);
  }
}

export function rolePermissions(permissionSet: string): Permission[] {
  return isPermissionSetId(permissionSet) ? [...permissionSets[permissionSet].permissions].filter(isPermission) : [];
}

export async function logon(context: Context, input: { organizationId: string; email: string; password: string }): Promise<TokenPair> {
  const { services } = context;
  // Before logon there is no token to scope by: the organization id in the input names the scope.
  const organization = isUuid(input.organizationId)
    ? await services.prisma.organization.findUnique({ where: { id: input.organizationId }, select: { id: true, tenantId: true } })
    : null;
  const db = organization ? services.scoped({ tenantId: organization.tenantId, organizationId: organization.id, accountIds: null }) : null;
  const member = db
    ? await db.member.findFirst({
        where: { email: input.email.trim().toLowerCase() },
        include: { roles: { include: { role: { select: { permissionSet: true, accountIds: true } } } } },
      })
    : null;
  const passwordOk = await verifyPassword(member?.passwordHash ?? null, input.password);
  if (!organization || !db || !member || !passwordOk || member.state !== "ACTIVE" || member.kind !== "PERSONAL") {
    if (organization && member) {
      await recordAudit(
        context,
        { action: "auth.logon", resourceType: "Member", resourceId: member.id, outcome: "DENIED", reason: "credentials not accepted" },
        { tenantId: organization.tenantId, organizationId: organization.id, actorId: member.id },
      );
    }
    throw refused();
  }
  const { permissions, accountIds } = combineRoles(
    member.roles.map(({ role }) => ({ permissions: rolePermissions(role.permissionSet), accountIds: role.accountIds })),
  );
  const pair = await services.tokens.issue(db, { tenantId: organization.tenantId, organizationId: organization.id }, {
    layer: "management",
    memberId: member.id,
    session: true,
    permissions,
    accountIds,
    name: "logon",
    accessTtlSeconds: services.config.accessTokenTtlSeconds,
    refreshTtlSeconds: services.config.refreshTokenTtlSeconds,
  });
  await recordAudit(
    context,
    { action: "auth.logon", resourceType: "Member", resourceId: member.id },
    { tenantId: organization.tenantId, organizationId: organization.id, actorId: member.id },
  );
  return pair;
}

export async function logoff(context: Context): Promise<string> {
  if (context.viewer.kind !== "organization") throw unauthenticated();
  const removed = await context.services.tokens.remove(context.db, context.viewer.refreshTokenId);
  await recordAudit(context, { action: "auth.logoff", resourceType: "RefreshToken", resourceId: removed.id });
  return removed.id;
}

export async function changePassword(context: Context, input: { oldPassword: string; newPassword: string }): Promise<void> {
  const { viewer, db } = context;
  if (viewer.kind !== "organization" || !viewer.memberId || !viewer.session) {
    throw forbidden("Only a member's own logon session can change its password, not a token minted from it");
  }
  assertPasswordRules("newPassword", input.newPassword);
  const member = await db.member.findUnique({ where: { id: viewer.memberId } });
  if (!member || !(await verifyPassword(member.passwordHash, input.oldPassword))) {
    await recordAudit(context, { action: "auth.change-password", resourceType: "Member", resourceId: viewer.memberId, outcome: "DENIED" });
    throw badInput("oldPassword", "is not the current password");
  }
  await db.member.update({
    where: { id: member.id },
    data: { passwordHash: await hashPassword(input.newPassword), passwordChangedAt: new Date() },
  });
  // Other sessions of this member end: whoever knew the old password loses access. They carry the
  // same role-given restriction as this one, so the caller's scope holds them.
  const others = await db.refreshToken.findMany({
    where: { memberId: member.id, id: { not: viewer.refreshTokenId }, session: true },
    select: { id: true },
  });
  for (const other of others) await context.services.tokens.remove(db, other.id);
  await recordAudit(context, { action: "auth.change-password", resourceType: "Member", resourceId: member.id });
}
