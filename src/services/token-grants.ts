/** Minting ad-hoc organization and integration tokens, never wider than the token that asks. */
import type { Context } from "../context.ts";
import { decideOrganizationTokenNarrowing, decideReissue } from "../auth/narrowing.ts";
import { isPermission, permissionSets, type Permission, type PermissionSetId } from "../auth/permissions.ts";
import { asOrganization } from "../auth/require.ts";
import { badInput, forbidden, notFound } from "../errors.ts";
import { recordAudit } from "./audit.ts";
import { assertText, isUuid } from "./names.ts";
import { owner } from "./owner.ts";
import type { TokenPair } from "./tokens.ts";
import type { RefreshToken } from "../generated/prisma/client.ts";

export interface OrganizationTokenRequest {
  permissionSet: PermissionSetId;
  /** Further narrows the permission set to these permissions. */
  permissions?: string[] | null;
  accountIds?: string[] | null;
  /** The point a connect-ui token creates integrations under (see connect-scope.ts). */
  integrationPointId?: string | null;
  ttlSeconds?: number | null;
  name?: string | null;
}

function lifetime(context: Context, ttlSeconds: number | null | undefined): number {
  const max = context.services.config.refreshTokenTtlSeconds;
  if (ttlSeconds === null || ttlSeconds === undefined) return Math.min(86_400, max);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 60 || ttlSeconds > max) throw badInput("ttlSeconds", `must be between 60 and ${max}`);
  return ttlSeconds;
}

export async function createOrganizationToken(caller: Context, request: OrganizationTokenRequest): Promise<TokenPair> {
  const context = asOrganization(caller);
  const { viewer, db, services } = context;
  const fromSet: readonly Permission[] = permissionSets[request.permissionSet].permissions;
  if (request.permissions?.some((permission) => !isPermission(permission))) throw badInput("permissions", "contains an unknown permission");
  const permissions = request.permissions ? fromSet.filter((permission) => request.permissions?.includes(permission)) : [...fromSet];
  const accountIds = request.accountIds ? [...new Set(request.accountIds)] : null;
  const ttl = lifetime(context, request.ttlSeconds);
  const name = assertText("name", request.name ?? "organization token", 128);
  if (request.permissionSet === "connect-ui" && accountIds?.length !== 1) {
    throw badInput("accountIds", "a connect-ui token must be restricted to exactly one account");
  }
  const integrationPointId = request.integrationPointId ?? null;
  if (request.permissionSet === "connect-ui" && !integrationPointId) throw badInput("integrationPointId", "a connect-ui token is bound to the integration point it connects under");
  if (request.permissionSet !== "connect-ui" && integrationPointId) throw badInput("integrationPointId", "only connect-ui tokens are bound to an integration point");
  const decision = decideOrganizationTokenNarrowing(viewer, { permissions, accountIds });
  if (!decision.allowed) {
    await recordAudit(context, { action: "tokens.create-organization-token", resourceType: "RefreshToken", outcome: "DENIED", reason: decision.reason });
    throw forbidden(`Refused: ${decision.reason}`);
  }
  if (accountIds) {
    const found = accountIds.every(isUuid) ? await db.account.count({ where: { id: { in: accountIds } } }) : -1;
    if (found !== accountIds.length) throw notFound("Account");
  }
  if (integrationPointId && !(isUuid(integrationPointId) && (await db.integrationPoint.count({ where: { id: integrationPointId } })) === 1)) throw notFound("Integration point");
  const pair = await services.tokens.issue(db, owner(context), {
    layer: "management",
    memberId: viewer.memberId,
    permissions,
    accountIds,
    integrationPointId,
    name,
    accessTtlSeconds: Math.min(services.config.accessTokenTtlSeconds, ttl),
    refreshTtlSeconds: ttl,
  });
  await recordAudit(context, { action: "tokens.create-organization-token", resourceType: "RefreshToken", resourceId: pair.refreshTokenId });
  return pair;
}

export async function createIntegrationToken(
  caller: Context,
  request: { integrationId: string; ttlSeconds?: number | null; name?: string | null },
): Promise<TokenPair> {
  const context = asOrganization(caller);
  const { viewer, db, services } = context;
  const integration = isUuid(request.integrationId) ? await db.integration.findUnique({ where: { id: request.integrationId } }) : null;
  if (!integration) throw notFound("Integration");
  const ttl = lifetime(context, request.ttlSeconds);
  const pair = await services.tokens.issue(db, owner(context), {
    layer: "connector",
    accountId: integration.accountId,
    integrationId: integration.id,
    name: assertText("name", request.name ?? "integration token", 128),
    accessTtlSeconds: Math.min(services.config.accessTokenTtlSeconds, ttl),
    refreshTtlSeconds: ttl,
  });
  await recordAudit(context, {
    action: "tokens.create-integration-token",
    resourceType: "RefreshToken",
    resourceId: pair.refreshTokenId,
    accountId: integration.accountId,
    integrationId: integration.id,
  });
  return pair;
}

/** Rotates or resets a refresh-token object, handing its new pair only to a caller that could have minted it (see `decideReissue`). */
export async function reissueTokenPair(caller: Context, id: string, mode: "rotate" | "reset"): Promise<TokenPair> {
  const context = asOrganization(caller);
  const { viewer, db, services } = context;
  if (!isUuid(id)) throw notFound("Refresh token");
  const action = `tokens.${mode}`;
  const authorize = async (row: RefreshToken) => {
    const decision = decideReissue(viewer, { ...row, permissions: row.permissions.filter(isPermission) });
    if (decision.allowed) return;
    await recordAudit(context, { action, resourceType: "RefreshToken", resourceId: id, accountId: row.accountId, integrationId: row.integrationId, outcome: "DENIED", reason: decision.reason });
    throw forbidden(`Refused: ${decision.reason}`);
  };
  const pair = mode === "rotate" ? await services.tokens.rotate(db, id, authorize) : await services.tokens.reset(db, id, authorize);
  await recordAudit(context, { action, resourceType: "RefreshToken", resourceId: id });
  return pair;
}
