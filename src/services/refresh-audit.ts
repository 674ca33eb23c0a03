/**
 * Audits `refreshTokenPair`. Its caller is anonymous (the refresh token is its only credential), so
 * the event belongs to the organization of the refresh-token object the presented token names, and
 * is attributed to that object's member, or to the object itself when it has none. A refused token
 * that names no object (unknown, or its object deleted) belongs to no organization: it is only logged.
 */
import type { Context } from "../context.ts";
import type { RefreshToken } from "../generated/prisma/client.ts";
import { recordAudit } from "./audit.ts";
import { hashRefreshToken } from "./tokens.ts";

type Holder = Pick<RefreshToken, "id" | "tenantId" | "organizationId" | "memberId" | "accountId" | "integrationId" | "primaryRefreshHash" | "expiresAt">;

const holderFields = { id: true, tenantId: true, organizationId: true, memberId: true, accountId: true, integrationId: true, primaryRefreshHash: true, expiresAt: true } as const;

function record(context: Context, holder: Holder, outcome: "SUCCESS" | "DENIED", reason: string | null) {
  return recordAudit(
    context,
    { action: "tokens.refresh", resourceType: "RefreshToken", resourceId: holder.id, accountId: holder.accountId, integrationId: holder.integrationId, outcome, reason },
    {
      tenantId: holder.tenantId,
      organizationId: holder.organizationId,
      actorType: holder.memberId ? "MEMBER" : "TOKEN",
      actorId: holder.memberId ?? holder.id,
      tokenId: holder.id,
    },
  );
}

/**
 * A failed audit is logged rather than thrown: a refresh that has happened must still hand over its
 * new pair (the old primary no longer refreshes), and a refusal must still answer UNAUTHENTICATED.
 */
const logFailure = (context: Context) => (error: unknown) =>
  context.services.log.error({ err: error, requestId: context.requestId }, "could not audit a token refresh");

/** `holder` is the object the refresh just replaced the primary pair of, as the token service read it. */
export function auditRefreshed(context: Context, holder: Holder) {
  return record(context, holder, "SUCCESS", null).catch(logFailure(context));
}

/**
 * Records a refresh refused with UNAUTHENTICATED (other errors are not refusals and are logged as
 * unexpected). The secondary, already traded-in token being presented again is how a replay shows.
 */
export async function auditRefreshRefused(context: Context, presented: string, error: unknown) {
  if ((error as { extensions?: { code?: unknown } } | null)?.extensions?.code !== "UNAUTHENTICATED") return;
  await recordRefused(context, presented).catch(logFailure(context));
}

async function recordRefused(context: Context, presented: string) {
  const hash = hashRefreshToken(presented);
  const holder = await context.services.prisma.refreshToken.findFirst({
    where: { OR: [{ primaryRefreshHash: hash }, { secondaryRefreshHash: hash }] },
    select: holderFields,
  });
  if (!holder) {
    context.services.log.warn({ requestId: context.requestId, remoteAddress: context.remoteAddress }, "refused a refresh token that names no refresh-token object");
    return;
  }
  const reason =
    holder.primaryRefreshHash !== hash ? "a refresh token already traded in was presented again" : holder.expiresAt.getTime() <= Date.now() ? "the refresh token has expired" : "refused";
  await record(context, holder, "DENIED", reason);
}
