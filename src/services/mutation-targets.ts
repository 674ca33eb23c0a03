/**
 * What each management mutation acts on, for auditing attempts that fail: the action (named as the
 * service names its success event), the resource type, and which input fields name the resource,
 * its account and its integration. Only ids are taken from the input, never other values.
 */
import type { Context } from "../context.ts";
import { isUuid } from "./names.ts";

export interface MutationTarget {
  action: string;
  resourceType: string;
  /** Input fields (of `input`, or top-level arguments) holding the ids; checked against the organization before use. */
  resourceId?: string;
  accountId?: string;
  integrationId?: string;
}

/**
 * Mutations whose caller is identified by the input rather than a token (`logon`, `refreshTokenPair`)
 * record their own refusals in the organization the credentials belong to; they are not listed.
 */
export const selfAuditedMutations: ReadonlySet<string> = new Set(["logon", "refreshTokenPair"]);

export const mutationTargets: Readonly<Record<string, MutationTarget>> = {
  changePassword: { action: "auth.change-password", resourceType: "Member" },
  logoff: { action: "auth.logoff", resourceType: "RefreshToken" },

  createAccount: { action: "accounts.create", resourceType: "Account" },
  updateAccount: { action: "accounts.update", resourceType: "Account", resourceId: "id", accountId: "id" },
  deleteAccount: { action: "accounts.delete", resourceType: "Account", resourceId: "id", accountId: "id" },

  createIntegration: { action: "integrations.create", resourceType: "Integration", accountId: "accountId" },
  updateIntegration: { action: "integrations.update", resourceType: "Integration", resourceId: "id", integrationId: "id" },
  deleteIntegration: { action: "integrations.delete", resourceType: "Integration", resourceId: "id", integrationId: "id" },
  verifyIntegration: { action: "integrations.verify", resourceType: "Integration", accountId: "accountId" },
  resetIntegrationStatus: { action: "status.reset", resourceType: "Integration", resourceId: "integrationId", integrationId: "integrationId" },

  createIntegrationPoint: { action: "integration-points.create", resourceType: "IntegrationPoint" },
  updateIntegrationPoint: { action: "integration-points.update", resourceType: "IntegrationPoint", resourceId: "id" },
  deleteIntegrationPoint: { action: "integration-points.delete", resourceType: "IntegrationPoint", resourceId: "id" },

  // The owner may be an account or an integration (or a point or webhook, which name no account).
  createCredential: { action: "credentials.create", resourceType: "Credential", accountId: "ownerId", integrationId: "ownerId" },
  updateCredential: { action: "credentials.update", resourceType: "Credential", resourceId: "id" },
  deleteCredential: { action: "credentials.delete", resourceType: "Credential", resourceId: "id" },

  createMember: { action: "members.create", resourceType: "Member" },
  updateMember: { action: "members.update", resourceType: "Member", resourceId: "id" },
  deleteMember: { action: "members.delete", resourceType: "Member", resourceId: "id" },

  createRole: { action: "roles.create", resourceType: "Role" },
  updateRole: { action: "roles.update", resourceType: "Role", resourceId: "id" },
  deleteRole: { action: "roles.delete", resourceType: "Role", resourceId: "id" },

  updateOrganization: { action: "organization.update", resourceType: "Organization" },
  createSubOrganization: { action: "sub-organizations.create", resourceType: "Organization" },
  deleteSubOrganization: { action: "sub-organizations.delete", resourceType: "Organization", resourceId: "id" },

  createOrganizationWebhook: { action: "webhooks.create", resourceType: "OrganizationWebhook" },
  updateOrganizationWebhook: { action: "webhooks.update", resourceType: "OrganizationWebhook", resourceId: "id" },
  rotateOrganizationWebhookSecret: { action: "webhooks.rotate-secret", resourceType: "OrganizationWebhook", resourceId: "id" },
  deleteOrganizationWebhook: { action: "webhooks.delete", resourceType: "OrganizationWebhook", resourceId: "id" },
  replayWebhookDelivery: { action: "webhooks.replay-delivery", resourceType: "WebhookDelivery", resourceId: "deliveryId" },

  createOrganizationToken: { action: "tokens.create-organization-token", resourceType: "RefreshToken" },
  createIntegrationToken: { action: "tokens.create-integration-token", resourceType: "RefreshToken", integrationId: "integrationId" },
  rotateRefreshToken: { action: "tokens.rotate", resourceType: "RefreshToken", resourceId: "id" },
  resetRefreshToken: { action: "tokens.reset", resourceType: "RefreshToken", resourceId: "id" },
  removeSecondaryTokenPair: { action: "tokens.remove-secondary", resourceType: "RefreshToken", resourceId: "id" },
  deleteRefreshToken: { action: "tokens.delete", resourceType: "RefreshToken", resourceId: "id" },
};

export interface ResolvedTarget {
  resourceId: string | null;
  accountId: string | null;
  integrationId: string | null;
}

/** A UUID named by this field of the `input` argument, or by a top-level argument of that name. */
function idArgument(args: Record<string, unknown>, field: string | undefined): string | null {
  if (!field) return null;
  const input = args.input;
  const value = input && typeof input === "object" && field in input ? (input as Record<string, unknown>)[field] : args[field];
  return typeof value === "string" && isUuid(value) ? value : null;
}

/**
 * The resource a failed attempt named, with the account and integration it belongs to. Account and
 * integration ids are kept only when they exist in the caller's organization (read without the
 * caller's account restriction): an event of account Y is then hidden from a token restricted to X
 * even when that token made the attempt.
 */
export async function resolveTarget(context: Context, target: MutationTarget, args: Record<string, unknown>): Promise<ResolvedTarget> {
  const { viewer, services } = context;
  const resourceId = idArgument(args, target.resourceId);
  const resolved: ResolvedTarget = { resourceId, accountId: null, integrationId: null };
  if (viewer.kind === "anonymous") return resolved;
  const db = services.scoped({ tenantId: viewer.tenantId, organizationId: viewer.organizationId, accountIds: null });

  const owned =
    resourceId && target.resourceType === "Credential"
      ? await db.credential.findUnique({ where: { id: resourceId }, select: { accountId: true, integrationId: true } })
      : resourceId && target.resourceType === "RefreshToken"
        ? await db.refreshToken.findUnique({ where: { id: resourceId }, select: { accountId: true, integrationId: true } })
        : null;
  if (owned) return { resourceId, accountId: owned.accountId, integrationId: owned.integrationId };

  const integrationId = idArgument(args, target.integrationId);
  const integration = integrationId ? await db.integration.findUnique({ where: { id: integrationId }, select: { id: true, accountId: true } }) : null;
  if (integration) return { resourceId, accountId: integration.accountId, integrationId: integration.id };

  const accountId = idArgument(args, target.accountId);
  const account = accountId ? await db.account.findUnique({ where: { id: accountId }, select: { id: true } }) : null;
  return { resourceId, accountId: account?.id ?? null, integrationId: null };
}
