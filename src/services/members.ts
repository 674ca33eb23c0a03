/** Member writes: create, update and delete, each validated, kept within the caller's authority, and audited. */
import type { Context } from "../context.ts";
import type { MemberKind, MemberState, Role } from "../generated/prisma/client.ts";
import { asOrganization } from "../auth/require.ts";
import { hashPassword } from "../crypto/passwords.ts";
import { badInput, notFound } from "../errors.ts";
import { recordAudit } from "./audit.ts";
import { assertAdministratorRemains, assertWithinCaller, endMemberSessions, grantsAdministrator, organizationWide } from "./member-access.ts";
import { assertEmail, assertText, isUuid } from "./names.ts";
import { owner } from "./owner.ts";
import { mapWriteErrors } from "./prisma-errors.ts";
import { assertPasswordRules } from "./sessions.ts";

export interface NewMember {
  email: string;
  fullname?: string | null;
  kind?: MemberKind | null;
  password?: string | null;
  roleIds?: readonly string[] | null;
}

export interface MemberChanges {
  fullname?: string | null;
  state?: MemberState | null;
  roleIds?: readonly string[] | null;
}

/** The roles named by `ids`, all of them in the caller's organization, or NOT_FOUND. */
async function findRoles(context: Context, ids: readonly string[]): Promise<Role[]> {
  const unique = [...new Set(ids)];
  if (unique.length > 50) throw badInput("roleIds", "at most 50 roles");
  if (!unique.every(isUuid)) throw notFound("Role");
  const roles = unique.length === 0 ? [] : await context.db.role.findMany({ where: { id: { in: unique } } });
  if (roles.length !== unique.length) throw notFound("Role");
  return roles;
}

/** Personal members log on with a password; service members have none. */
function assertPasswordFits(kind: MemberKind, password: string | null | undefined): string | null {
  if (kind === "SERVICE") {
    if (password != null) throw badInput("password", "service members have no password");
    return null;
  }
  if (password == null) throw badInput("password", "is required for PERSONAL members");
  assertPasswordRules("password", password);
  return password;
}

export async function createMember(caller: Context, input: NewMember) {
  const context = asOrganization(caller);
  const email = assertEmail("email", input.email);
  const fullname = assertText("fullname", input.fullname ?? email);
  const kind = input.kind ?? "PERSONAL";
  const password = assertPasswordFits(kind, input.password);
  const roles = await findRoles(context, input.roleIds ?? []);
  await assertWithinCaller(context, roles, { action: "members.create", resourceType: "Member", resourceId: null });
  const passwordHash = password === null ? null : await hashPassword(password);
  const member = await mapWriteErrors(
    "Member",
    () =>
      context.db.$transaction(async (tx) => {
        const created = await tx.member.create({
          data: { ...owner(context), email, fullname, kind, passwordHash, passwordChangedAt: passwordHash ? new Date() : null },
        });
        await tx.memberRole.createMany({ data: roles.map((role) => ({ ...owner(context), memberId: created.id, roleId: role.id })) });
        return created;
      }),
    "email",
  );
  await recordAudit(context, { action: "members.create", resourceType: "Member", resourceId: member.id });
  return member;
}

async function findMember(context: Context, id: string) {
  const member = isUuid(id) ? await context.db.member.findUnique({ where: { id }, include: { roles: { include: { role: true } } } }) : null;
  if (!member) throw notFound("Member");
  return { ...member, roles: member.roles.map(({ role }) => role) };
}

const isAdministrator = (member: { state: MemberState; roles: readonly Role[] }) => member.state === "ACTIVE" && member.roles.some(grantsAdministrator);
const sameRoles = (a: readonly Role[], b: readonly Role[]) => a.length === b.length && a.every((role) => b.some((other) => other.id === role.id));

/**
 * Changes a member. Disabling it or changing its roles ends its sessions: tokens carry the
 * permissions of logon time, so they must not outlive the roles they came from.
 */
export async function updateMember(caller: Context, id: string, input: MemberChanges) {
  const context = asOrganization(caller);
  const member = await findMember(context, id);
  await assertWithinCaller(context, member.roles, { action: "members.update", resourceType: "Member", resourceId: id, held: true });
  if (input.state === "DISABLED" && id === context.viewer.memberId) throw badInput("state", "a member cannot disable itself");
  const fullname = input.fullname == null ? undefined : assertText("fullname", input.fullname);
  const roles = input.roleIds == null ? member.roles : await findRoles(context, input.roleIds);
  if (input.roleIds != null) await assertWithinCaller(context, roles, { action: "members.update", resourceType: "Member", resourceId: id });
  const next = { state: input.state ?? member.state, roles };
  if (isAdministrator(member) && !isAdministrator(next)) {
    await assertAdministratorRemains(context.db, { memberId: id }, next.state === member.state ? "roleIds" : "state");
  }
  const rolesChanged = !sameRoles(member.roles, roles);
  const updated = await mapWriteErrors("Member", () =>
    context.db.$transaction(async (tx) => {
      if (rolesChanged) {
        const keep = roles.map((role) => role.id);
        await tx.memberRole.deleteMany({ where: { memberId: id, roleId: { notIn: keep } } });
        await tx.memberRole.createMany({ data: keep.map((roleId) => ({ ...owner(context), memberId: id, roleId })), skipDuplicates: true });
      }
      return tx.member.update({ where: { id }, data: { ...(fullname !== undefined && { fullname }), state: next.state } });
    }),
  );
  if (rolesChanged || next.state === "DISABLED") await endMemberSessions(context, [id]);
  await recordAudit(context, { action: "members.update", resourceType: "Member", resourceId: id });
  return updated;
}

/** Deletes a member; the database deletes its tokens, and their cached liveness is dropped here. */
export async function deleteMember(caller: Context, id: string) {
  const context = asOrganization(caller);
  const member = await findMember(context, id);
  if (id === context.viewer.memberId) throw badInput("id", "a member cannot delete itself");
  await assertWithinCaller(context, member.roles, { action: "members.delete", resourceType: "Member", resourceId: id, held: true });
  if (isAdministrator(member)) await assertAdministratorRemains(context.db, { memberId: id }, "id");
  const tokens = await organizationWide(context).refreshToken.findMany({ where: { memberId: id }, select: { id: true } });
  const deleted = await mapWriteErrors("Member", () => context.db.member.delete({ where: { id } }));
  for (const token of tokens) context.services.liveness.invalidate(token.id);
  await recordAudit(context, { action: "members.delete", resourceType: "Member", resourceId: id });
  return deleted;
}
