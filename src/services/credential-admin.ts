/**
 * Credential management through the API: list by owner, create for an account or integration point,
 * update, delete. A credential is governed like its owner: a webhook's signing secret needs the
 * webhook permissions, and organization-wide owners refuse account-restricted tokens. Names are
 * unique per owner by a unique index, which answers CONFLICT.
 */
import type { Context } from "../context.ts";
import type { Credential, CredentialOwnerType, Prisma } from "../generated/prisma/client.ts";
import { asOrganization } from "../auth/require.ts";
import type { Permission } from "../auth/permissions.ts";
import { isStillReferenced, mapWriteErrors } from "./prisma-errors.ts";
import { badInput, conflict, forbidden, notFound } from "../errors.ts";
import type { ProviderCredential } from "../../providers/types.ts";
import { recordAudit } from "./audit.ts";
import { createCredential, sealedColumns, validateSecret } from "./credentials.ts";
import { assertSlug, isUuid } from "./names.ts";
import { assertWholeOrganization } from "./organization-wide.ts";

export type CredentialOwnerRef = { type: CredentialOwnerType; id: string };

/**
 * The owner an id names, found through the caller's scope; NOT_FOUND when there is none, as for a
 * malformed id. The four kinds are looked up at once, each by primary key: one wait, not four.
 */
export async function findCredentialOwner(context: Context, ownerId: string): Promise<CredentialOwnerRef> {
  const { db } = context;
  const where = { where: { id: ownerId }, select: { id: true } } as const;
  if (isUuid(ownerId)) {
    const found = await Promise.all([db.account.findUnique(where), db.integration.findUnique(where), db.integrationPoint.findUnique(where), db.organizationWebhook.findUnique(where)]);
    const types = ["ACCOUNT", "INTEGRATION", "INTEGRATION_POINT", "WEBHOOK"] as const;
    const index = found.findIndex((row) => row !== null);
    const type = types[index];
    if (type) return { type, id: ownerId };
  }
  throw notFound("Owner");
}

/** The owner a credential row names. */
export const credentialOwner = (credential: Pick<Credential, "ownerType" | "ownerId">): CredentialOwnerRef => ({ type: credential.ownerType, id: credential.ownerId });

/** The filter for the credentials an owner holds; an account's own, not its integrations'. */
export const ownedBy = (owner: CredentialOwnerRef): Prisma.CredentialWhereInput => ({ ownerType: owner.type, ownerId: owner.id });

/** Reading a webhook's signing secret (even its hint) is webhook administration: it needs `webhooks:read`. */
export function assertMayRead(context: Context, owner: CredentialOwnerRef) {
  if (owner.type === "WEBHOOK" && !asOrganization(context).viewer.permissions.has("webhooks:read")) {
    throw forbidden("A webhook's signing secret needs the webhooks:read permission");
  }
}

/** Changing a credential of an organization-wide owner needs what changing the owner itself needs. Refusals are audited. */
async function assertMayWrite(context: Context, owner: CredentialOwnerRef, attempt: { action: string; resourceId: string | null }) {
  const entry = { ...attempt, resourceType: "Credential" };
  if (owner.type === "WEBHOOK") {
    const needed: Permission = "webhooks:write";
    if (!asOrganization(context).viewer.permissions.has(needed)) {
      await recordAudit(context, { ...entry, outcome: "DENIED", reason: `a webhook's signing secret needs the ${needed} permission` });
      throw forbidden(`A webhook's signing secret needs the ${needed} permission`);
    }
    await assertWholeOrganization(context, { ...entry, reason: "organization webhooks, which receive events of every account" });
  }
  if (owner.type === "INTEGRATION_POINT") {
    await assertWholeOrganization(context, { ...entry, reason: "integration points' credentials, which serve every account" });
  }
}

/** Owners whose credentials are made by the gateway alone, and where to change them instead. */
const ownersWithoutCreate: Partial<Record<CredentialOwnerType, string>> = {
  INTEGRATION: "an integration's own credential is given with createIntegration or updateIntegration; create the credential for its account to share it",
  WEBHOOK: "a webhook's only credential is its signing secret, made with the webhook; replace it with rotateOrganizationWebhookSecret",
};

export async function createOwnedCredential(context: Context, input: { ownerId: string; name: string; secret: ProviderCredential }) {
  const owner = await findCredentialOwner(context, input.ownerId);
  assertMayRead(context, owner);
  const refusal = ownersWithoutCreate[owner.type];
  if (refusal) throw badInput("ownerId", refusal);
  await assertMayWrite(context, owner, { action: "credentials.create", resourceId: null });
  const credential = await createCredential(context, context.db, {
    owner: owner.type === "ACCOUNT" ? { accountId: owner.id } : { integrationPointId: owner.id },
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
  await assertMayWrite(context, credentialOwner(current), { action: "credentials.update", resourceId: id });
  const data: Prisma.CredentialUpdateInput = {};
  if (changes.name !== null && changes.name !== current.name) data.name = assertSlug("name", changes.name);
  if (changes.secret) {
    if (changes.secret.type !== current.type) throw badInput("secret", `must be of type ${current.type}`);
    Object.assign(data, sealedColumns(context.services.cipher, current, validateSecret(changes.secret)));
  }
  const updated = await mapWriteErrors("Credential", () => context.db.credential.update({ where: { id }, data }));
  await recordAudit(context, { action: "credentials.update", resourceType: "Credential", resourceId: id, accountId: current.accountId, integrationId: current.integrationId });
  return updated;
}

export async function deleteCredential(context: Context, id: string) {
  const current = await find(context, id);
  await assertMayWrite(context, credentialOwner(current), { action: "credentials.delete", resourceId: id });
  // Without it the webhook could sign nothing, and every event for it would be refused delivery.
  if (current.ownerType === "WEBHOOK") throw badInput("id", "a webhook's signing secret cannot be deleted on its own; replace it with rotateOrganizationWebhookSecret, or delete the webhook");
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
