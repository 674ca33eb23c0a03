/**
 * The credential an integration owns: the secret given inline with the integration, which no other
 * integration uses. An integration owns at most one (a new secret replaces the old one in place),
 * so a fixed name is always free: no caller can create another credential for an integration.
 */
import type { Context } from "../context.ts";
import type { Integration, PrismaClient } from "../generated/prisma/client.ts";
import type { ProviderCredential } from "../../providers/types.ts";
import { createCredential, sealedColumns } from "./credentials.ts";

const integrationCredentialName = "provider-credential";

/**
 * Gives the integration its own credential holding `secret` (already validated), in the caller's
 * transaction: the one it owns already, sealed anew in place, or a new one. Returns the credential id.
 */
export async function keepOwnCredential(
  context: Context,
  tx: PrismaClient,
  integration: Pick<Integration, "id" | "accountId" | "credentialId">,
  secret: ProviderCredential,
  destination: string,
): Promise<string> {
  const owned = integration.credentialId
    ? await tx.credential.findFirst({ where: { id: integration.credentialId, ownerType: "INTEGRATION", ownerId: integration.id } })
    : null;
  if (owned) {
    await tx.credential.update({ where: { id: owned.id }, data: { ...sealedColumns(context.services.cipher, owned, secret), destination } });
    return owned.id;
  }
  const created = await createCredential(context, tx, {
    owner: { accountId: integration.accountId, integrationId: integration.id },
    name: integrationCredentialName,
    secret,
    destination,
  });
  return created.id;
}
