/** New organizations: a tenant's root organization or a sub-organization, with its built-in roles and first administrator. */
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { permissionSetIds, permissionSets } from "../auth/permissions.ts";
import { hashPassword } from "../crypto/passwords.ts";
import { createScopedClient } from "../db/tenant-scope.ts";
import { assertEmail, assertSlug, assertText } from "./names.ts";
import { assertPasswordRules } from "./sessions.ts";

export interface NewTenant {
  name: string;
  fullname?: string | null;
  adminEmail: string;
  adminPassword: string;
}

/** A validated new organization, its administrator's password already hashed. */
export interface PreparedOrganization {
  name: string;
  fullname: string;
  adminEmail: string;
  passwordHash: string;
}

/** Validates every field first, so the slow hash runs only for acceptable input. */
export async function prepareOrganization(input: NewTenant): Promise<PreparedOrganization> {
  const name = assertSlug("name", input.name);
  const adminEmail = assertEmail("adminEmail", input.adminEmail);
  assertPasswordRules("adminPassword", input.adminPassword);
  const fullname = assertText("fullname", input.fullname ?? name);
  return { name, fullname, adminEmail, passwordHash: await hashPassword(input.adminPassword) };
}

/**
 * Writes the organization row, one built-in role per permission set and the first administrator,
 * in one transaction. `db` must be scoped to the new organization (`place.id`).
 */
export async function writeOrganization(db: PrismaClient, place: { id: string; tenantId: string; parentId: string | null }, prepared: PreparedOrganization) {
  const owner = { tenantId: place.tenantId, organizationId: place.id };
  const administratorRoleId = randomUUID();
  return db.$transaction(async (tx) => {
    const organization = await tx.organization.create({
      data: { id: place.id, tenantId: place.tenantId, parentId: place.parentId, name: prepared.name, fullname: prepared.fullname },
    });
    await tx.role.createMany({
      data: permissionSetIds.map((id) => ({
        ...owner,
        ...(id === "administrator" && { id: administratorRoleId }),
        name: id,
        description: permissionSets[id].description,
        permissionSet: id,
        builtIn: true,
      })),
    });
    const member = await tx.member.create({
      data: { ...owner, email: prepared.adminEmail, fullname: prepared.adminEmail, passwordHash: prepared.passwordHash, passwordChangedAt: new Date() },
    });
    await tx.memberRole.create({ data: { ...owner, memberId: member.id, roleId: administratorRoleId } });
    return { organization, memberId: member.id };
  });
}

/** A system operation (no caller token): run only from the CLI or by operators. */
export async function createTenant(prisma: PrismaClient, input: NewTenant) {
  const prepared = await prepareOrganization(input);
  const tenantId = randomUUID();
  const db = createScopedClient(prisma, { tenantId, organizationId: tenantId, accountIds: null });
  const { memberId } = await writeOrganization(db, { id: tenantId, tenantId, parentId: null }, prepared);
  return { tenantId, organizationId: tenantId, memberId, adminEmail: prepared.adminEmail };
}
