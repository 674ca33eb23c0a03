/** Integration writes: create (with its credential and first integration token), verify, update, delete. */
import type { Context } from "../context.ts";
import type { Credential, Environment, Integration, Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { asOrganization } from "../auth/require.ts";
import { badInput, notFound } from "../errors.ts";
import { isProviderId, providerInputName, providers } from "../../providers/registry.ts";
import type { ProviderDefinition } from "../../providers/definition.ts";
import { ProviderError, type ConnectorId, type ProviderCredential } from "../../providers/types.ts";
import { buildAdapter } from "./adapters.ts";
import { decideIntegrationPointAllows } from "./integration-points.ts";
import { requiredIntegrationPoint } from "./connect-scope.ts";
import { announceWebhookEvents, enqueueWebhookEvent, toIntegrationData } from "../webhooks/outbox.ts";
import { recordAudit } from "./audit.ts";
import { findShareableCredential, openCredential, validateSecret } from "./credentials.ts";
import { keepOwnCredential } from "./integration-credential.ts";
import { assertKeptCredentialStays, bindDestination, checkDestination, destinationFor } from "./credential-destination.ts";
import { assertSlug, assertText, isUuid } from "./names.ts";
import { owner } from "./owner.ts";
import { mapWriteErrors } from "./prisma-errors.ts";

export type CredentialChoice = { credentialId: string } | { secret: ProviderCredential } | null;

export interface ProviderChoice {
  providerId: string;
  settings: Record<string, unknown>;
  credential: CredentialChoice;
}

export interface CreateIntegrationRequest {
  accountId: string;
  name: string;
  fullname?: string | null;
  integrationPointId?: string | null;
  provider: ProviderChoice | null;
}

type AnyDefinition = ProviderDefinition<ConnectorId, unknown>;

/** The input path of the provider's settings, as the client wrote it: `provider.ticketingJira`. */
const settingsField = (providerId: string) => `provider.${providerInputName(providerId)}`;

/** Validates the chosen provider's settings against its own schema. */
export function resolveProvider(choice: ProviderChoice | null): { definition: AnyDefinition; config: unknown } {
  if (!choice || !isProviderId(choice.providerId)) throw badInput("provider", "give exactly one provider");
  const definition = providers[choice.providerId] as unknown as AnyDefinition;
  const parsed = definition.configSchema.safeParse(choice.settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badInput([settingsField(choice.providerId), ...(issue?.path ?? [])].join("."), issue?.message ?? "invalid settings");
  }
  return { definition, config: parsed.data };
}

/**
 * What a provider checks only when it builds its adapter (an https base URL, an OAuth token's cloud
 * id) is checked before saving too: a configuration that can never be used is refused here rather
 * than failing every connector call later. Building an adapter contacts nobody.
 */
function assertUsable(services: Context["services"], definition: AnyDefinition, config: unknown, secret: ProviderCredential | null) {
  try {
    buildAdapter(services, definition, config, secret, null);
  } catch (error) {
    if (error instanceof ProviderError) throw badInput(settingsField(definition.id), error.message);
    throw error;
  }
}

interface ResolvedCredential {
  secret: ProviderCredential;
  /** The account-shared row chosen by id; null for a secret given inline. */
  row: Credential | null;
  /** Where the secret would go (see credential-destination.ts). */
  destination: string;
  /** The shared row is not bound yet; saving the integration binds it. */
  bind: boolean;
}

/** An integration of this provider and account may go under the point (its connector, providers and environments). */
async function assertIntegrationPointAllows(db: PrismaClient, integrationPointId: string, definition: AnyDefinition, account: { environment: Environment }) {
  const point = isUuid(integrationPointId) ? await db.integrationPoint.findUnique({ where: { id: integrationPointId } }) : null;
  if (!point) throw notFound("Integration point");
  const decision = decideIntegrationPointAllows(point, { providerId: definition.id, environment: account.environment });
  if (!decision.allowed) throw badInput("provider", decision.reason);
}

/** The credential an unsaved or new integration would use: a validated inline secret or an account-shared row bound to this destination. */
export async function resolveCredential(
  context: ReturnType<typeof asOrganization>,
  definition: AnyDefinition,
  config: unknown,
  accountId: string,
  choice: CredentialChoice,
): Promise<ResolvedCredential | null> {
  const { db, services, viewer } = context;
  const field = credentialField(definition);
  if (definition.credentialTypes.length === 0) {
    if (choice) throw badInput(field, `${definition.id} takes no credential`);
    return null;
  }
  if (!choice) throw badInput(field, `${definition.id} needs a credential of type ${definition.credentialTypes.join(" or ")}`);
  const resolved =
    "credentialId" in choice
      ? await findShareableCredential(db, accountId, choice.credentialId).then((row) => ({ row, type: row.type }))
      : { row: null, type: choice.secret.type };
  if (!definition.credentialTypes.includes(resolved.type)) {
    throw badInput(field, `${definition.id} accepts ${definition.credentialTypes.join(" or ")}, not ${resolved.type}`);
  }
  const destination = destinationFor(definition, config, resolved.type);
  if ("secret" in choice) return { row: null, secret: validateSecret(choice.secret), destination, bind: false };
  const row = resolved.row as Credential;
  const { bind } = checkDestination(viewer, row, destination, field);
  return { row, secret: openCredential(services.cipher, row), destination, bind };
}

const credentialField = (definition: AnyDefinition) => `${settingsField(definition.id)}.credential`;

export async function createIntegration(caller: Context, request: CreateIntegrationRequest) {
  const context = asOrganization(caller);
  const { db, services } = context;
  const { definition, config } = resolveProvider(request.provider);
  const name = assertSlug("name", request.name);
  const fullname = assertText("fullname", request.fullname ?? name);
  const account = isUuid(request.accountId) ? await db.account.findUnique({ where: { id: request.accountId } }) : null;
  if (!account) throw notFound("Account");
  const integrationPointId = requiredIntegrationPoint(context.viewer, request.integrationPointId);
  if (integrationPointId) await assertIntegrationPointAllows(db, integrationPointId, definition, account);
  const credential = await resolveCredential(context, definition, config, account.id, request.provider?.credential ?? null);
  assertUsable(services, definition, config, credential?.secret ?? null);
  const integration = await mapWriteErrors("Integration", () =>
    db.$transaction(async (tx) => {
      const created = await tx.integration.create({
        data: {
          ...owner(context),
          accountId: account.id,
          name,
          fullname,
          connector: definition.connector,
          providerId: definition.id,
          providerConfig: config as object,
          credentialId: credential?.row?.id ?? null,
          integrationPointId,
        },
      });
      await enqueueWebhookEvent(tx as PrismaClient, { ...owner(context), type: "integration.created", data: toIntegrationData(created) });
      if (credential?.row && credential.bind) await bindDestination(tx as PrismaClient, credential.row, credential.destination, credentialField(definition));
      if (!credential || credential.row) return created;
      const credentialId = await keepOwnCredential(context, tx as PrismaClient, created, credential.secret, credential.destination);
      return tx.integration.update({ where: { id: created.id }, data: { credentialId } });
    }),
  );
  announceWebhookEvents(services.bus);
  const tokens = await services.tokens.issue(db, owner(context), {
    layer: "connector",
    accountId: account.id,
    integrationId: integration.id,
    name: "integration",
    accessTtlSeconds: services.config.accessTokenTtlSeconds,
    refreshTtlSeconds: services.config.refreshTokenTtlSeconds,
  });
  await recordAudit(context, { action: "integrations.create", resourceType: "Integration", resourceId: integration.id, accountId: account.id, integrationId: integration.id });
  return { integration, tokens };
}

/** Deletes the integration and its tokens; those tokens fail on the next request. */
export async function deleteIntegration(context: Context, id: string): Promise<Integration> {
  if (!isUuid(id)) throw notFound("Integration");
  const tokens = await context.db.refreshToken.findMany({ where: { integrationId: id }, select: { id: true } });
  const integration = await mapWriteErrors("Integration", () =>
    context.db.$transaction(async (tx) => {
      const deleted = await tx.integration.delete({ where: { id } });
      await enqueueWebhookEvent(tx as PrismaClient, { ...owner(context), type: "integration.deleted", data: toIntegrationData(deleted) });
      return deleted;
    }),
  );
  announceWebhookEvents(context.services.bus);
  for (const token of tokens) context.services.liveness.invalidate(token.id);
  await recordAudit(context, { action: "integrations.delete", resourceType: "Integration", resourceId: id, accountId: integration.accountId, integrationId: id });
  return integration;
}

export interface Verification {
  ok: boolean;
  code: string | null;
  message: string;
}

/** Tests an unsaved provider configuration: builds its adapter and makes one authenticated call. Never throws for provider trouble. */
export async function verifyIntegration(caller: Context, request: { accountId: string; provider: ProviderChoice | null }): Promise<Verification> {
  const context = asOrganization(caller);
  const { db, services } = context;
  const { definition, config } = resolveProvider(request.provider);
  const account = isUuid(request.accountId) ? await db.account.findUnique({ where: { id: request.accountId } }) : null;
  if (!account) throw notFound("Account");
  const integrationPointId = requiredIntegrationPoint(context.viewer, null);
  if (integrationPointId) await assertIntegrationPointAllows(db, integrationPointId, definition, account);
  const credential = await resolveCredential(context, definition, config, account.id, request.provider?.credential ?? null);
  let result: Verification;
  try {
    const adapter = buildAdapter(services, definition, config, credential?.secret ?? null, null);
    await adapter.verify();
    result = { ok: true, code: null, message: `${definition.name} accepted the configuration and the credential` };
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    result = { ok: false, code: error.code, message: error.message };
  }
  await recordAudit(context, {
    action: "integrations.verify",
    resourceType: "Integration",
    accountId: account.id,
    outcome: result.ok ? "SUCCESS" : "FAILURE",
    reason: result.code,
  });
  return result;
}

export interface UpdateIntegrationRequest {
  id: string;
  name?: string | null;
  fullname?: string | null;
  /** New settings (and optionally a new credential) for the same provider. */
  provider?: ProviderChoice | null;
}

/** Renames an integration or reconfigures its provider (the provider itself cannot change). */
export async function updateIntegration(caller: Context, request: UpdateIntegrationRequest): Promise<Integration> {
  const context = asOrganization(caller);
  const { db, services } = context;
  const current = isUuid(request.id) ? await db.integration.findUnique({ where: { id: request.id } }) : null;
  if (!current) throw notFound("Integration");
  const data: Prisma.IntegrationUncheckedUpdateInput = {};
  if (request.name != null) data.name = assertSlug("name", request.name);
  if (request.fullname != null) data.fullname = assertText("fullname", request.fullname);
  const next = request.provider ? resolveProvider(request.provider) : null;
  if (next && next.definition.id !== current.providerId) throw badInput("provider", `an integration keeps its provider (${current.providerId}); create a new integration instead`);
  const credentialChoice = request.provider?.credential ?? null;
  const credential = next && credentialChoice ? await resolveCredential(context, next.definition, next.config, current.accountId, credentialChoice) : null;
  let keptSecret: ProviderCredential | null = null;
  if (next && !credentialChoice && current.credentialId) {
    const kept = await db.credential.findUnique({ where: { id: current.credentialId } });
    if (kept) {
      assertKeptCredentialStays(next.definition, kept, current.providerConfig, next.config, credentialField(next.definition));
      keptSecret = openCredential(services.cipher, kept);
    }
  }
  if (next) {
    assertUsable(services, next.definition, next.config, credential?.secret ?? keptSecret);
    data.providerConfig = next.config as object;
  }
  const updated = await mapWriteErrors("Integration", () =>
    db.$transaction(async (tx) => {
      if (credential?.row) data.credentialId = credential.row.id;
      if (credential?.row && credential.bind) await bindDestination(tx as PrismaClient, credential.row, credential.destination, credentialField(next!.definition));
      if (credential && !credential.row) {
        data.credentialId = await keepOwnCredential(context, tx as PrismaClient, current, credential.secret, credential.destination);
      }
      const saved = await tx.integration.update({ where: { id: current.id }, data });
      // A secret the integration owned alone goes when it switches to an account-shared credential.
      if (current.credentialId && saved.credentialId !== current.credentialId) {
        await tx.credential.deleteMany({ where: { id: current.credentialId, integrationId: current.id } });
      }
      await enqueueWebhookEvent(tx as PrismaClient, { ...owner(context), type: "integration.updated", data: toIntegrationData(saved) });
      return saved;
    }),
  );
  announceWebhookEvents(services.bus);
  context.loaders.integration.clear(current.id);
  await recordAudit(context, { action: "integrations.update", resourceType: "Integration", resourceId: current.id, accountId: current.accountId, integrationId: current.id });
  return updated;
}
