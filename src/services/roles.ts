/** Role writes: custom roles bundle one permission set with an optional account restriction; built-in roles are fixed. */
import type { Context } from "../context.ts";
import type { Role } from "../generated/prisma/client.ts";
import type { PermissionSetId } from "../auth/permissions.ts";
import { asOrganization } from "../auth/require.ts";
import { badInput, notFound } from "../errors.ts";
import { recordAudit } from "./audit.ts";
import { assertAdministratorRemains, assertWithinCaller, endMemberSessions, grantsAdministrator, type RoleAuthority } from "./member-access.ts";
import { assertDescription, assertSlug, isUuid } from "./names.ts";
import { owner } from "./owner.ts";
import { mapWriteErrors } from "./prisma-errors.ts";

type Caller = ReturnType<typeof asOrganization>;

export interface RoleChanges {
  name?: string | null;
  description?: string | null;
  permissionSet?: PermissionSetId | null;
  /** Empty: every account. */
  accountIds?: readonly string[] | null;
}

/** Every id must name an account the caller can reach; duplicates collapse and the order is fixed. */
async function existingAccounts(context: Context, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)].sort();
  if (unique.length > 100) throw badInput("accountIds", "at most 100 accounts");
  const found = unique.every(isUuid) ? await context.db.account.count({ where: { id: { in: unique } } }) : -1;
  if (found !== unique.length) throw notFound("Account");
  return unique;
}

export async function createRole(caller: Context, input: RoleChanges & { name: string; permissionSet: PermissionSetId }) {
  const context = asOrganization(caller);
  const name = assertSlug("name", input.name);
  const description = assertDescription("description", input.description ?? "", 1_000);
  const authority = { name, permissionSet: input.permissionSet, accountIds: [...new Set(input.accountIds ?? [])] };
  await assertWithinCaller(context, [authority], { action: "roles.create", resourceType: "Role", resourceId: null });
  const accountIds = await existingAccounts(context, authority.accountIds);
  const role = await mapWriteErrors("Role", () =>
    context.db.role.create({ data: { ...owner(context), name, description, permissionSet: input.permissionSet, accountIds } }),
  );
  await recordAudit(context, { action: "roles.create", resourceType: "Role", resourceId: role.id });
  return role;
}

/** A custom role the caller could hold itself; built-in roles and wider roles are refused. */
async function findChangeableRole(context: Caller, id: string, action: string): Promise<Role> {
  const role = isUuid(id) ? await context.db.role.findUnique({ where: { id } }) : null;
  if (!role) throw notFound("Role");
  if (role.builtIn) throw badInput("id", "built-in roles cannot be changed or deleted");
  await assertWithinCaller(context, [role], { action, resourceType: "Role", resourceId: id, held: true });
  return role;
}

const sameAuthority = (a: RoleAuthority, b: RoleAuthority) =>
  a.permissionSet === b.permissionSet && a.accountIds.length === b.accountIds.length && a.accountIds.every((id) => b.accountIds.includes(id));

/** The members holding a role; they lose their sessions when its authority changes, as their tokens carry the old permissions. */
async function membersOf(context: Caller, roleId: string): Promise<string[]> {
  const bindings = await context.db.memberRole.findMany({ where: { roleId }, select: { memberId: true } });
  return bindings.map((binding) => binding.memberId);
}

export async function updateRole(caller: Context, id: string, input: RoleChanges) {
  const context = asOrganization(caller);
  const role = await findChangeableRole(context, id, "roles.update");
  const description = input.description == null ? undefined : assertDescription("description", input.description, 1_000);
  const next = {
    name: input.name == null ? role.name : assertSlug("name", input.name),
    permissionSet: input.permissionSet ?? role.permissionSet,
    accountIds: input.accountIds == null ? role.accountIds : [...new Set(input.accountIds)],
  };
  await assertWithinCaller(context, [next], { action: "roles.update", resourceType: "Role", resourceId: id });
  if (input.accountIds != null) next.accountIds = await existingAccounts(context, next.accountIds);
  if (grantsAdministrator(role) && !grantsAdministrator(next)) {
    await assertAdministratorRemains(context.db, { roleId: id }, next.permissionSet === "administrator" ? "accountIds" : "permissionSet");
  }
  const updated = await mapWriteErrors("Role", () =>
    context.db.role.update({ where: { id }, data: { ...next, ...(description !== undefined && { description }) } }),
  );
  if (!sameAuthority(role, next)) await endMemberSessions(context, await membersOf(context, id));
  await recordAudit(context, { action: "roles.update", resourceType: "Role", resourceId: id });
  return updated;
}

/** Deletes a custom role; its members lose what it granted, and their sessions end. */
export async function deleteRole(caller: Context, id: string) {
  const context = asOrganization(caller);
  const role = await findChangeableRole(context, id, "roles.delete");
  if (grantsAdministrator(role)) await assertAdministratorRemains(context.db, { roleId: id }, "id");
  const members = await membersOf(context, id);
  const deleted = await mapWriteErrors("Role", () => context.db.role.delete({ where: { id } }));
  await endMemberSessions(context, members);
  await recordAudit(context, { action: "roles.delete", resourceType: "Role", resourceId: id });
  return deleted;
}
