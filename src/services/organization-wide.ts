/** Guards writes to organization-wide resources (integration points, webhooks) that affect every account. */
import type { Context } from "../context.ts";
import { asOrganization } from "../auth/require.ts";
import { forbidden } from "../errors.ts";
import { recordAudit } from "./audit.ts";

/**
 * A token restricted to some accounts may not change what applies to all of them. The refusal is
 * audited (it names no account, so only unrestricted tokens see it).
 */
export async function assertWholeOrganization(context: Context, attempt: { action: string; resourceType: string; resourceId: string | null; reason: string }) {
  const caller = asOrganization(context);
  if (caller.viewer.accountIds === null) return;
  const { reason, ...entry } = attempt;
  await recordAudit(context, { ...entry, outcome: "DENIED", reason: `a token restricted to accounts cannot change ${reason}` });
  throw forbidden(`A token restricted to accounts cannot change ${reason}`);
}
