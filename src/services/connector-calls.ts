/**
 * Runs one connector operation for the calling integration token: resolves the integration,
 * checks the provider supports the operation, builds its adapter and maps provider failures to
 * user-facing errors (never echoing provider bodies or secrets).
 */
import { GraphQLError } from "graphql";
import type { Context } from "../context.ts";
import { asIntegration } from "../auth/require.ts";
import { userError, notFound } from "../errors.ts";
import { providers, isProviderId } from "../../providers/registry.ts";
import type { ProviderDefinition } from "../../providers/definition.ts";
import type { OperationId } from "../../providers/operations.ts";
import { ProviderError, type ConnectorAdapters, type ConnectorId } from "../../providers/types.ts";
import { buildAdapter, type ExchangeTally } from "./adapters.ts";
import { openCredential } from "./credentials.ts";
import type { Credential } from "../generated/prisma/client.ts";
import type { ProviderCredential } from "../../providers/types.ts";

/** A provider failure as clients see it: the adapter's message (ours, never the provider's), the wait it asks for, the input field it refused. */
function toUserError(error: ProviderError) {
  const { retryAfterSeconds, field } = error.details;
  return userError(error.code, error.message, { ...(retryAfterSeconds !== undefined && { retryAfterSeconds }), ...(field !== undefined && { field }) });
}

/** Opened credentials, for as long as their row stays cached (see integration-cache.ts): decrypting once, not per call. */
const openedCredentials = new WeakMap<Credential, ProviderCredential>();

function opened(context: Context, row: Credential): ProviderCredential {
  let credential = openedCredentials.get(row);
  if (!credential) openedCredentials.set(row, (credential = openCredential(context.services.cipher, row)));
  return credential;
}

/** The code of an expected error (e.g. `badInput` from an operation's own input checks), or null for an unexpected one. */
function userErrorCode(error: unknown): string | null {
  const code = error instanceof GraphQLError ? error.extensions.code : undefined;
  return typeof code === "string" ? code : null;
}

/**
 * The integration's adapter. Configurations are checked when saved, but one saved before a check
 * existed can still fail to build; that is the integration's fault, not the caller's, and says so.
 */
function usableAdapter<C extends ConnectorId>(
  context: Context,
  definition: ProviderDefinition<C, unknown>,
  integration: { id: string; providerConfig: unknown },
  credential: ProviderCredential | null,
  tally: ExchangeTally,
): ConnectorAdapters[C] {
  try {
    return buildAdapter(context.services, definition, integration.providerConfig, credential, integration.id, tally);
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    throw new ProviderError("PROVIDER_ERROR", `The integration's provider settings cannot be used (${error.message}); update the integration`);
  }
}

/** What a query operation asks of the provider beyond paging: its filter conditions and sort key. */
export interface AskedQuery {
  filter?: object | null;
  orderBy?: string | null;
}

const given = (value: unknown) => value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);

/** A filter or order the provider does not apply is refused, never silently dropped: a wider page would pass for a filtered one. */
export function assertQuerySupported(definition: ProviderDefinition<ConnectorId, unknown>, operation: OperationId, asked: AskedQuery) {
  const supported = definition.queryCapabilities?.[operation] ?? { filters: [], orders: [] };
  const filter = Object.entries(asked.filter ?? {}).find(([name, value]) => given(value) && !supported.filters.includes(name))?.[0];
  if (filter) {
    throw userError("UNSUPPORTED_OPERATION", `The provider ${definition.id} cannot filter ${operation} by ${filter}; see its capabilities`, { operation, field: `filter.${filter}` });
  }
  if (asked.orderBy && !supported.orders.includes(asked.orderBy)) {
    throw userError("UNSUPPORTED_OPERATION", `The provider ${definition.id} cannot order ${operation} by ${asked.orderBy}; see its capabilities`, { operation, field: "orderBy" });
  }
}

export async function callConnector<C extends ConnectorId, T>(
  context: Context,
  connector: C,
  operation: OperationId,
  work: (adapter: ConnectorAdapters[C]) => Promise<T>,
  asked?: AskedQuery,
): Promise<T> {
  const { viewer, loaders } = asIntegration(context);
  const integration = await loaders.integration.load(viewer.integrationId);
  if (!integration || !isProviderId(integration.providerId)) throw notFound("Integration");
  const definition = providers[integration.providerId] as unknown as ProviderDefinition<C, unknown>;
  if (definition.connector !== connector) throw userError("FORBIDDEN", "This integration serves another connector");
  if (!definition.operations.includes(operation)) {
    throw userError("UNSUPPORTED_OPERATION", `The provider ${definition.id} does not support ${operation}`, { operation });
  }
  if (asked) assertQuerySupported(definition as ProviderDefinition<ConnectorId, unknown>, operation, asked);
  const credential = integration.credential ? opened(context, integration.credential) : null;
  const tally: ExchangeTally = { httpStatus: null, bytes: 0 };
  const started = performance.now();
  let failure: string | null = null;
  try {
    const adapter = usableAdapter(context, definition, integration, credential, tally);
    return await context.services.fairness.connectorCall({ organizationId: integration.organizationId, integrationId: integration.id }, () => work(adapter));
  } catch (error) {
    failure = error instanceof ProviderError ? error.code : (userErrorCode(error) ?? "INTERNAL");
    if (error instanceof ProviderError) throw toUserError(error);
    throw error;
  } finally {
    context.services.status.record({
      tenantId: integration.tenantId,
      organizationId: integration.organizationId,
      accountId: integration.accountId,
      integrationId: integration.id,
      operation,
      succeeded: failure === null || callerSide.has(failure),
      httpStatus: tally.httpStatus,
      latencyMs: Math.round(performance.now() - started),
      bytes: tally.bytes,
      errorCode: failure,
      time: new Date(),
    });
  }
}

/** Outcomes caused by the caller's request, which say nothing about the provider's health (RATE_LIMITED: this gateway's own limit). */
const callerSide = new Set(["BAD_USER_INPUT", "NOT_FOUND", "UNSUPPORTED_OPERATION", "RATE_LIMITED"]);
