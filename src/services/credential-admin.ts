/**
 * Credential management through the API: list by owner, create for an account or integration point,
 * update, delete. A credential is governed like its owner: a webhook's signing secret needs the
 * webhook permissions, and organization-wide owners refuse account-restricted tokens.
 */
import type { Context } from "../context.ts";
import type { Credential, Prisma } from "../generated/prisma/client.ts";
import { asOrganization } from "../auth/require.ts";
import type { Permission } from "../auth/permissions.ts";
import { isStillReferenced } from "./prisma-errors.ts";
import { badInput, conflict, forbidden, notFound } from "../errors.ts";
import type { ProviderCredential } from "../../providers/types.ts";
import { recordAudit } from "./audit.ts";
import { createCredential, hintFor, sealFor, validateSecret } from "./credentials.ts";
import { assertSlug, isUuid } from "./names.ts";
import { assertWholeOrganization } from "./organization-wide.ts";

export type CredentialOwnerRef = { kind: "account" | "integration" | "integrationPoint" | "webhook"; id: string };

/** The owner an id names, found through the caller's scope; NOT_FOUND when there is none, as for a malformed id. */
export async function findCredentialOwner(context: Context, ownerId: string): Promise<CredentialOwnerRef> {
  const { db } = context;
  const where = { where: { id: ownerId }, select: { id: true } } as const;
  if (isUuid(ownerId)) {
    if (await db.account.findUnique(where)) return { kind: "account", id: ownerId };
    if (await db.integration.findUnique(where)) return { kind: "integration", id: ownerId };
    if (await db.integrationPoint.findUnique(where)) return { kind: "integrationPoint", id: ownerId };
    if (await db.organizationWebhook.findUnique(where)) return { kind: "webhook", id: ownerId };
  }
  throw notFound("Owner");
}

/** The owner a credential row names. */
export const credentialOwner = (credential: Pick<Credential, "integrationId" | "accountId" | "integrationPointId" | "webhookId">): CredentialOwnerRef =>
  credential.integrationId
    ? { kind: "integration", id: credential.integrationId }
    : credential.accountId
      ? { kind: "account", id: credential.accountId }
      : credential.integrationPointId
        ? { kind: "integrationPoint", id: credential.integrationPointId }
        : { kind: "webhook", id: credential.webhookId ?? "" };

/** The filter for the credentials an owner holds; an account's own, not its integrations'. */
export const ownedBy = (owner: CredentialOwnerRef): Prisma.CredentialWhereInput =>
  ({
    account: { accountId: owner.id, integrationId: null },
    integration: { integrationId: owner.id },
    integrationPoint: { integrationPointId: owner.id },
    webhook: { webhookId: owner.id },
  })[owner.kind];

/** Reading a webhook's signing secret (even its hint) is webhook administration: it needs `webhooks:read`. */
export function assertMayRead(context: Context, owner: CredentialOwnerRef) {
  if (owner.kind === "webhook" && !asOrganization(context).viewer.permissions.has("webhooks:read")) {
    throw forbidden("A webhook's signing secret needs the webhooks:read permission");
  }
}

/** Changing a credential of an organization-wide owner needs what changing the owner itself needs. Refusals are audited. */
async function assertMayWrite(context: Context, owner: CredentialOwnerRef, attempt: { action: string; resourceId: string | null }) {
  const entry = { ...attempt, resourceType: "Credential" };
  if (owner.kind === "webhook") {
    const needed: Permission = "webhooks:write";
    if (!asOrganization(context).viewer.permissions.has(needed)) {
      await recordAudit(context, { ...entry, outcome: "DENIED", reason: `a webhook's signing secret needs the ${needed} permission` });
      throw forbidden(`A webhook's signing secret needs the ${needed} permission`);
    }
    await assertWholeOrganization(context, { ...entry, reason: "organization webhooks, which receive events of every account" });
  }
  if (owner.kind === "integrationPoint") {
    await assertWholeOrganization(context, { ...entry, reason: "integration points' credentials, which serve every account" });
  }
}

/** The one name rule, and one name per owner. */
async function assertFreeName(context: Context, owner: CredentialOwnerRef, name: string, exceptId?: string): Promise<string> {
  assertSlug("name", name);
  const taken = await context.db.credential.count({ where: { ...ownedBy(owner), name, ...(exceptId && { id: { not: exceptId } }) } });
  if (taken > 0) throw conflict("Credential with this name already exists for this owner");
  return name;
}

export async function createOwnedCredential(context: Context, input: { ownerId: string; name: string; secret: ProviderCredential }) {
  const owner = await findCredentialOwner(context, input.ownerId);
  // Integration credentials are set through the integration; webhook secrets are made with the webhook.
  if (owner.kind !== "account" && owner.kind !== "integrationPoint") throw notFound("Owner");
  await assertMayWrite(context, owner, { action: "credentials.create", resourceId: null });
  const credential = await createCredential(context, context.db, {
    owner: owner.kind === "account" ? { accountId: owner.id } : { integrationPointId: owner.id },
    name: await assertFreeName(context, owner, input.name),
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
  if (changes.name !== null && changes.name !== current.name) data.name = await assertFreeName(context, credentialOwner(current), changes.name, id);
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
  await assertMayWrite(context, credentialOwner(current), { action: "credentials.delete", resourceId: id });
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
