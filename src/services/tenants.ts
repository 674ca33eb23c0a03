/** Creating a tenant: its root organization, the built-in roles and the first administrator. */
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { permissionSetIds, permissionSets } from "../auth/permissions.ts";
import { hashPassword } from "../crypto/passwords.ts";
import { badInput } from "../errors.ts";
import { assertSlug, assertText } from "./names.ts";
import { assertPasswordRules } from "./sessions.ts";

export interface NewTenant {
  name: string;
  fullname?: string;
  adminEmail: string;
  adminPassword: string;
}

const email = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

/** A system operation (no caller token): run only from the CLI or by operators. */
export async function createTenant(prisma: PrismaClient, input: NewTenant) {
  const name = assertSlug("name", input.name);
  const adminEmail = input.adminEmail.trim().toLowerCase();
  if (!email.test(adminEmail)) throw badInput("adminEmail", "must be an email address");
  assertPasswordRules("adminPassword", input.adminPassword);
  const passwordHash = await hashPassword(input.adminPassword);
  const tenantId = randomUUID();
  return prisma.$transaction(async (tx) => {
    await tx.organization.create({ data: { id: tenantId, tenantId, name, fullname: assertText("fullname", input.fullname ?? name) } });
    const owner = { tenantId, organizationId: tenantId };
    await tx.role.createMany({
      data: permissionSetIds.map((id) => ({ ...owner, name: id, description: permissionSets[id].description, permissionSet: id, builtIn: true })),
    });
    const administrator = await tx.role.findFirstOrThrow({ where: { organizationId: tenantId, name: "administrator" } });
    const member = await tx.member.create({
      data: { ...owner, email: adminEmail, fullname: adminEmail, passwordHash, passwordChangedAt: new Date() },
    });
    await tx.memberRole.create({ data: { ...owner, memberId: member.id, roleId: administrator.id } });
    return { tenantId, organizationId: tenantId, memberId: member.id, adminEmail };
  });
}
