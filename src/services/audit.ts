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

/** Records one event in the viewer's organization. Never pass secrets in `reason`. */
export async function recordAudit(context: Context, entry: AuditEntry, scope?: { tenantId: string; organizationId: string; actorId: string }) {
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
      actorType: viewer.kind === "organization" && viewer.memberId ? "MEMBER" : viewer.kind === "anonymous" ? "MEMBER" : "TOKEN",
      actorId: actor.actorId,
      tokenId: viewer.kind === "anonymous" ? null : viewer.refreshTokenId,
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
}

/** Audits a mutation that scope-auth refused, without holding up the error response. */
export function recordDeniedMutation(context: Context, mutation: string) {
  recordAudit(context, { action: `mutation.${mutation}`, resourceType: "Mutation", outcome: "DENIED", reason: "token lacks the permission" }).catch(
    (error: unknown) => context.services.log.warn({ err: error }, "could not audit a denied mutation"),
  );
}
