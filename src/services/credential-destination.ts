/**
 * A stored credential goes only where it was given for. The first integration to use a secret
 * binds it to its provider and destination (API origin); using it with another destination needs
 * the secret given again. So a caller who may write integrations but not read secrets cannot point
 * an existing secret at a host of their own and read it off the wire.
 */
import type { OrganizationViewer } from "../auth/viewer.ts";
import type { Credential, PrismaClient } from "../generated/prisma/client.ts";
import { badInput, forbidden } from "../errors.ts";
import type { ProviderDefinition } from "../../providers/definition.ts";
import type { ConnectorId, CredentialType } from "../../providers/types.ts";

type AnyDefinition = ProviderDefinition<ConnectorId, unknown>;

/** As stored on the credential: the provider and where its adapter would send the secret with this config. */
export function destinationFor(definition: AnyDefinition, config: unknown, type: CredentialType): string {
  return `${definition.id} ${definition.credentialDestination(config, type)}`;
}

const elsewhere = "this credential was given for another provider address; give its secret again to use it with this configuration";

/**
 * Whether `row` may go to `destination`; true when it is not bound yet and the caller must bind it.
 * Binding a secret no integration has used yet is for callers who may write credentials themselves.
 */
export function checkDestination(viewer: OrganizationViewer, row: Credential, destination: string, field: string): { bind: boolean } {
  if (row.destination === null) {
    if (!viewer.permissions.has("credentials:write")) throw forbidden("A credential no integration has used yet can be given to one only with credentials:write");
    return { bind: true };
  }
  if (row.destination !== destination) throw badInput(field, elsewhere);
  return { bind: false };
}

/** Binds an unbound credential in the caller's transaction; a concurrent binding to elsewhere wins and this one is refused. */
export async function bindDestination(tx: PrismaClient, row: Credential, destination: string, field: string): Promise<void> {
  const bound = await tx.credential.updateMany({ where: { id: row.id, destination: null }, data: { destination } });
  if (bound.count === 1) return;
  const now = await tx.credential.findUnique({ where: { id: row.id }, select: { destination: true } });
  if (now?.destination !== destination) throw badInput(field, elsewhere);
}

/**
 * An integration reconfigured without a new secret keeps its credential only while the secret's
 * destination stays the same. A credential stored before destinations were recorded counts as
 * bound to the integration's current configuration.
 */
export function assertKeptCredentialStays(definition: AnyDefinition, credential: Credential, currentConfig: unknown, nextConfig: unknown, field: string): void {
  const current = definition.configSchema.safeParse(currentConfig);
  const from = credential.destination ?? (current.success ? destinationFor(definition, current.data, credential.type) : null);
  if (from !== destinationFor(definition, nextConfig, credential.type)) {
    throw badInput(field, "sending the stored credential to a new provider address needs its secret given again");
  }
}
