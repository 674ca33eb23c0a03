/** The tenant and organization new rows belong to: the caller's (the scoped client enforces the same). */
import type { Context } from "../context.ts";

export function owner(context: Context): { tenantId: string; organizationId: string } {
  const { viewer } = context;
  if (viewer.kind === "anonymous") throw new Error("owner() needs an authenticated viewer");
  return { tenantId: viewer.tenantId, organizationId: viewer.organizationId };
}
