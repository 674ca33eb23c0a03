/** Credential management through the API: create for an account or integration point, update, delete. */
import type { Context } from "../context.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { isStillReferenced } from "./prisma-errors.ts";
import { badInput, conflict, notFound } from "../errors.ts";
import type { ProviderCredential } from "../../providers/types.ts";
import { recordAudit } from "./audit.ts";
import { createCredential, hintFor, sealFor, validateSecret } from "./credentials.ts";
import { assertText, isUuid } from "./names.ts";

export async function createOwnedCredential(context: Context, input: { ownerId: string; name: string; secret: ProviderCredential }) {
  const { db } = context;
  const account = isUuid(input.ownerId) ? await db.account.findUnique({ where: { id: input.ownerId }, select: { id: true } }) : null;
  const point = !account && isUuid(input.ownerId) ? await db.integrationPoint.findUnique({ where: { id: input.ownerId }, select: { id: true } }) : null;
  if (!account && !point) throw notFound("Owner");
  const credential = await createCredential(context, db, {
    owner: account ? { accountId: account.id } : { integrationPointId: (point as { id: string }).id },
    name: input.name,
    secret: input.secret,
  });
  await recordAudit(context, { action: "credentials.create", resourceType: "Credential", resourceId: credential.id, accountId: credential.accountId });
  return credential;
}

async function find(context: Context, id: string) {
  const credential = isUuid(id) ? await context.db.credential.findUnique({ where: { id } }) : null;
  if (!credential) throw notFound("Credential");
  return credential;
}

export async function updateCredential(context: Context, id: string, changes: { name: string | null; secret: ProviderCredential | null }) {
  const current = await find(context, id);
  const data: Prisma.CredentialUpdateInput = {};
  if (changes.name !== null) data.name = assertText("name", changes.name, 128);
  if (changes.secret) {
    if (changes.secret.type !== current.type) throw badInput("secret", `must be of type ${current.type}`);
    const secret = validateSecret(changes.secret);
    const sealed = sealFor(context.services.cipher, current, secret);
    Object.assign(data, { keyId: sealed.keyId, ciphertext: new Uint8Array(sealed.ciphertext), hint: hintFor(secret) });
  }
  const updated = await context.db.credential.update({ where: { id }, data });
  await recordAudit(context, { action: "credentials.update", resourceType: "Credential", resourceId: id, accountId: current.accountId, integrationId: current.integrationId });
  return updated;
}

export async function deleteCredential(context: Context, id: string) {
  const current = await find(context, id);
  try {
    await context.db.credential.delete({ where: { id } });
  } catch (error) {
    if (isStillReferenced(error)) {
      throw conflict("The credential is used by an integration; point the integration at another credential first");
    }
    throw error;
  }
  await recordAudit(context, { action: "credentials.delete", resourceType: "Credential", resourceId: id, accountId: current.accountId, integrationId: current.integrationId });
  return current;
}
