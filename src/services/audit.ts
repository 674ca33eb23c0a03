/** Writes audit events: who did what to which resource, from where, and how it ended. */
import type { Context } from "../context.ts";
import type { Outcome } from "../generated/prisma/client.ts";

export interface AuditEntry {
  action: string;
  resourceType: string;
  resourceId?: string | null;
  accountId?: string | null;
  integrationId?: string | null;
  outcome?: Outcome;
  reason?: string | null;
}

/** Who an event is attributed to when the caller's own token does not say (logon, refresh). */
export interface AuditActor {
  tenantId: string;
  organizationId: string;
  actorId: string;
  actorType?: "MEMBER" | "TOKEN";
  tokenId?: string | null;
}

/** Per request: actions whose refusal or failure a service has already recorded, with how many times. */
const recordedFailures = new WeakMap<Context, Map<string, number>>();

/** Records one event in the viewer's organization, or the given actor's. Never pass secrets in `reason`. */
export async function recordAudit(context: Context, entry: AuditEntry, scope?: AuditActor) {
  const { viewer } = context;
  const actor =
    scope ??
    (viewer.kind === "anonymous"
      ? null
      : {
          tenantId: viewer.tenantId,
          organizationId: viewer.organizationId,
          actorId: viewer.kind === "organization" ? (viewer.memberId ?? viewer.refreshTokenId) : viewer.integrationId,
        });
  if (!actor) return;
  // Written with explicit tenant and organization: an audit row must exist even when the caller's
  // account restriction would hide it from the caller itself.
  await context.services.prisma.auditEvent.create({
    data: {
      tenantId: actor.tenantId,
      organizationId: actor.organizationId,
      actorType: actor.actorType ?? (viewer.kind === "integration" || (viewer.kind === "organization" && !viewer.memberId) ? "TOKEN" : "MEMBER"),
      actorId: actor.actorId,
      tokenId: actor.tokenId !== undefined ? actor.tokenId : viewer.kind === "anonymous" ? null : viewer.refreshTokenId,
      action: entry.action,
      resourceType: entry.resourceType,
      resourceId: entry.resourceId ?? null,
      accountId: entry.accountId ?? null,
      integrationId: entry.integrationId ?? null,
      outcome: entry.outcome ?? "SUCCESS",
      reason: entry.reason ?? null,
      requestId: context.requestId,
      remoteAddress: context.remoteAddress,
    },
  });
  if (entry.outcome && entry.outcome !== "SUCCESS") {
    const counts = recordedFailures.get(context) ?? new Map<string, number>();
    counts.set(entry.action, (counts.get(entry.action) ?? 0) + 1);
    recordedFailures.set(context, counts);
  }
}

/**
 * Whether a service already recorded this action's refusal or failure during the request; each
 * such event answers once, so the failure of a second identical mutation is still recorded.
 */
export function claimRecordedFailure(context: Context, action: string): boolean {
  const counts = recordedFailures.get(context);
  const count = counts?.get(action) ?? 0;
  if (count === 0) return false;
  counts?.set(action, count - 1);
  return true;
}
