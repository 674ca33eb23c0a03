/** The caller's organization and its sub-organizations: rename, create (with built-in roles and an administrator), delete. */
import { randomUUID } from "node:crypto";
import type { Context } from "../context.ts";
import { asOrganization } from "../auth/require.ts";
import { notFound } from "../errors.ts";
import { recordAudit } from "./audit.ts";
import { assertSlug, assertText, isUuid } from "./names.ts";
import { assertWholeOrganization } from "./organization-wide.ts";
import { mapWriteErrors } from "./prisma-errors.ts";
import { prepareOrganization, writeOrganization, type NewTenant } from "./tenants.ts";

type Caller = ReturnType<typeof asOrganization>;

/** Organization settings and sub-organizations concern every account, so account-restricted tokens may not change them. */
const guard = (context: Context, action: string, resourceId: string | null, reason: string) =>
  assertWholeOrganization(context, { action, resourceType: "Organization", resourceId, reason });

export async function updateOrganization(caller: Context, input: { name?: string | null; fullname?: string | null }) {
  const context = asOrganization(caller);
  const id = context.viewer.organizationId;
  await guard(context, "organization.update", id, "the organization");
  const name = input.name == null ? undefined : assertSlug("name", input.name);
  const fullname = input.fullname == null ? undefined : assertText("fullname", input.fullname);
  const organization = await mapWriteErrors("Organization", () =>
    context.db.organization.update({ where: { id }, data: { ...(name !== undefined && { name }), ...(fullname !== undefined && { fullname }) } }),
  );
  await recordAudit(context, { action: "organization.update", resourceType: "Organization", resourceId: id });
  return organization;
}

/** A direct child of the caller's organization, or NOT_FOUND (the caller's own organization is not its sub-organization). */
export async function findSubOrganization(caller: Context, id: string) {
  const context = asOrganization(caller);
  const child = isUuid(id) ? await context.db.organization.findFirst({ where: { id, parentId: context.viewer.organizationId } }) : null;
  if (!child) throw notFound("Organization");
  return child;
}

/** Creates a child organization in the caller's tenant, with the built-in roles and its first administrator. */
export async function createSubOrganization(caller: Context, input: NewTenant) {
  const context = asOrganization(caller);
  await guard(context, "sub-organizations.create", null, "sub-organizations");
  const prepared = await prepareOrganization(input);
  const { tenantId, organizationId: parentId } = context.viewer;
  const id = randomUUID();
  // The child's rows (roles, administrator) belong to the child: they are written through a client
  // scoped to it, never through the caller's.
  const db = context.services.scoped({ tenantId, organizationId: id, accountIds: null });
  const created = await mapWriteErrors("Organization", () => writeOrganization(db, { id, tenantId, parentId }, prepared));
  await recordAudit(context, { action: "sub-organizations.create", resourceType: "Organization", resourceId: id });
  return created;
}

/** The organization and every organization below it, each read through a client scoped to its parent. */
async function withDescendants(context: Caller, rootId: string): Promise<string[]> {
  const { tenantId } = context.viewer;
  const found: string[] = [];
  for (let level = [rootId]; level.length > 0; ) {
    found.push(...level);
    const next: string[] = [];
    for (const parentId of level) {
      const children = await context.services
        .scoped({ tenantId, organizationId: parentId, accountIds: null })
        .organization.findMany({ where: { parentId }, select: { id: true } });
      next.push(...children.map((child) => child.id));
    }
    level = next;
  }
  return found;
}

/**
 * Deletes a sub-organization; the database deletes everything in it and below it. The cached
 * liveness of every refresh token that goes with it is dropped, so those tokens fail at once.
 */
export async function deleteSubOrganization(caller: Context, id: string) {
  const context = asOrganization(caller);
  await guard(context, "sub-organizations.delete", isUuid(id) ? id : null, "sub-organizations");
  const child = await findSubOrganization(context, id);
  const tokenIds: string[] = [];
  for (const organizationId of await withDescendants(context, child.id)) {
    const db = context.services.scoped({ tenantId: context.viewer.tenantId, organizationId, accountIds: null });
    tokenIds.push(...(await db.refreshToken.findMany({ select: { id: true } })).map((token) => token.id));
  }
  await mapWriteErrors("Organization", () => context.db.organization.delete({ where: { id: child.id } }));
  for (const tokenId of tokenIds) context.services.liveness.invalidate(tokenId);
  await recordAudit(context, { action: "sub-organizations.delete", resourceType: "Organization", resourceId: child.id });
  return child;
}
