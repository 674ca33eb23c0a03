/** Integration writes: create (with its first integration token) and delete, validated and audited. */
import type { Context } from "../context.ts";
import { asOrganization } from "../auth/require.ts";
import { badInput, notFound } from "../errors.ts";
import { isProviderId, providers } from "../../providers/registry.ts";
import { recordAudit } from "./audit.ts";
import { assertSlug, assertText, isUuid } from "./names.ts";
import { owner } from "./owner.ts";
import { mapWriteErrors } from "./prisma-errors.ts";

export interface CreateIntegrationRequest {
  accountId: string;
  name: string;
  fullname?: string | null;
  integrationPointId?: string | null;
  provider: { providerId: string; settings: Record<string, unknown> } | null;
}

export async function createIntegration(caller: Context, request: CreateIntegrationRequest) {
  const context = asOrganization(caller);
  const { db, services } = context;
  if (!request.provider || !isProviderId(request.provider.providerId)) throw badInput("provider", "give exactly one provider");
  const definition = providers[request.provider.providerId];
  const parsed = definition.configSchema.safeParse(request.provider.settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badInput(`provider.${issue?.path.join(".") ?? ""}`, issue?.message ?? "invalid settings");
  }
  const name = assertSlug("name", request.name);
  const account = isUuid(request.accountId) ? await db.account.findUnique({ where: { id: request.accountId } }) : null;
  if (!account) throw notFound("Account");
  if (request.integrationPointId) throw badInput("integrationPointId", "integration points are not available yet");
  const integration = await mapWriteErrors("Integration", () =>
    db.integration.create({
      data: {
        ...owner(context),
        accountId: account.id,
        name,
        fullname: assertText("fullname", request.fullname ?? name),
        connector: definition.connector,
        providerId: definition.id,
        providerConfig: (parsed.data ?? {}) as object,
      },
    }),
  );
  const tokens = await services.tokens.issue(db, owner(context), {
    layer: "connector",
    accountId: account.id,
    integrationId: integration.id,
    name: "integration",
    accessTtlSeconds: services.config.accessTokenTtlSeconds,
    refreshTtlSeconds: services.config.refreshTokenTtlSeconds,
  });
  await recordAudit(context, {
    action: "integrations.create",
    resourceType: "Integration",
    resourceId: integration.id,
    accountId: account.id,
    integrationId: integration.id,
  });
  return { integration, tokens };
}

/** Deletes the integration and its tokens; those tokens fail on the next request. */
export async function deleteIntegration(context: Context, id: string) {
  if (!isUuid(id)) throw notFound("Integration");
  const tokens = await context.db.refreshToken.findMany({ where: { integrationId: id }, select: { id: true } });
  const integration = await mapWriteErrors("Integration", () => context.db.integration.delete({ where: { id } }));
  for (const token of tokens) context.services.liveness.invalidate(token.id);
  await recordAudit(context, {
    action: "integrations.delete",
    resourceType: "Integration",
    resourceId: id,
    accountId: integration.accountId,
    integrationId: id,
  });
  return integration;
}
