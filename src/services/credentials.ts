/**
 * Credentials: secrets sealed with AES-256-GCM and bound to their owning row. Plaintext leaves this
 * module only towards a provider adapter; everything shown to callers is type, owner, dates and hint.
 */
import type { Context } from "../context.ts";
import type { Credential, CredentialOwnerType, PrismaClient } from "../generated/prisma/client.ts";
import type { Cipher } from "../crypto/cipher.ts";
import { badInput, notFound } from "../errors.ts";
import type { ProviderCredential } from "../../providers/types.ts";
import { assertSlug, isUuid } from "./names.ts";
import { owner } from "./owner.ts";
import { mapWriteErrors } from "./prisma-errors.ts";

export type CredentialOwner =
  | { accountId: string; integrationId?: null; integrationPointId?: null; webhookId?: null }
  | { accountId: string; integrationId: string; integrationPointId?: null; webhookId?: null }
  | { integrationPointId: string; accountId?: null; integrationId?: null; webhookId?: null }
  | { webhookId: string; accountId?: null; integrationId?: null; integrationPointId?: null };

/** The one owner a credential names, as the non-null pair its names are unique under. */
function ownerPair(credentialOwner: CredentialOwner): { ownerType: CredentialOwnerType; ownerId: string } {
  if (credentialOwner.integrationId) return { ownerType: "INTEGRATION", ownerId: credentialOwner.integrationId };
  if (credentialOwner.accountId) return { ownerType: "ACCOUNT", ownerId: credentialOwner.accountId };
  if (credentialOwner.integrationPointId) return { ownerType: "INTEGRATION_POINT", ownerId: credentialOwner.integrationPointId };
  if (credentialOwner.webhookId) return { ownerType: "WEBHOOK", ownerId: credentialOwner.webhookId };
  throw new Error("a credential needs an owner");
}

type Bound = Pick<Credential, "id" | "tenantId" | "organizationId" | "accountId" | "integrationId" | "integrationPointId" | "webhookId">;

/** The associated data: the row's identity and owner. Changing any of them breaks decryption. */
function binding(row: Bound): string {
  return ["credential", row.tenantId, row.organizationId, row.id, row.accountId ?? "", row.integrationId ?? "", row.integrationPointId ?? "", row.webhookId ?? ""].join("|");
}

const limits = { secret: 8_192, identifier: 512 };

function check(field: string, value: string, max: number): string {
  if (value.length === 0 || value.length > max || value.includes("\u0000")) throw badInput(field, `must be 1 to ${max} characters`);
  return value;
}

/** Validates a secret given by a caller and returns its canonical form. */
export function validateSecret(secret: ProviderCredential): ProviderCredential {
  switch (secret.type) {
    case "TOKEN":
      return { type: "TOKEN", token: check("token", secret.token, limits.secret) };
    case "SECRET":
      return { type: "SECRET", secret: check("secret", secret.secret, limits.secret) };
    case "BASIC":
      return { type: "BASIC", username: check("username", secret.username, limits.identifier), password: check("password", secret.password, limits.secret) };
    case "AWS":
      return {
        type: "AWS",
        accessKeyId: check("accessKeyId", secret.accessKeyId, 128),
        secretAccessKey: check("secretAccessKey", secret.secretAccessKey, limits.secret),
        sessionToken: secret.sessionToken ? check("sessionToken", secret.sessionToken, limits.secret) : null,
      };
    case "OAUTH_CLIENT":
      return {
        type: "OAUTH_CLIENT",
        clientId: check("clientId", secret.clientId, limits.identifier),
        clientSecret: check("clientSecret", secret.clientSecret, limits.secret),
        tokenUrl: secret.tokenUrl ?? null,
      };
  }
}

/** A recognisable, non-secret hint: the last four characters of the secret part (or of the AWS key id). */
export function hintFor(secret: ProviderCredential): string {
  const tail = (value: string) => (value.length <= 8 ? "****" : `…${value.slice(-4)}`);
  switch (secret.type) {
    case "TOKEN":
      return tail(secret.token);
    case "SECRET":
      return tail(secret.secret);
    case "BASIC":
      return `${secret.username.length > 64 ? `${secret.username.slice(0, 61)}…` : secret.username} / ${tail(secret.password)}`;
    case "AWS":
      return `${tail(secret.accessKeyId)}`;
    case "OAUTH_CLIENT":
      return `${secret.clientId.length > 64 ? `${secret.clientId.slice(0, 61)}…` : secret.clientId} / ${tail(secret.clientSecret)}`;
  }
}

export async function createCredential(
  context: Context,
  db: PrismaClient,
  input: { owner: CredentialOwner; name: string; secret: ProviderCredential; destination?: string | null },
): Promise<Credential> {
  const secret = validateSecret(input.secret);
  const id = crypto.randomUUID();
  const row = {
    id,
    ...owner(context),
    accountId: input.owner.accountId ?? null,
    integrationId: input.owner.integrationId ?? null,
    integrationPointId: input.owner.integrationPointId ?? null,
    webhookId: input.owner.webhookId ?? null,
  };
  // The unique index on (organization, owner, name) is what keeps names unique per owner, also between concurrent requests.
  return mapWriteErrors("Credential", () =>
    db.credential.create({
      data: {
        ...row,
        ...ownerPair(input.owner),
        name: assertSlug("name", input.name),
        ...sealedColumns(context.services.cipher, row, secret),
        destination: input.destination ?? null,
      },
    }),
  );
}

/** Finds a credential an integration of `accountId` may use: the account's own shared credentials. */
export async function findShareableCredential(db: PrismaClient, accountId: string, credentialId: string): Promise<Credential> {
  const credential = isUuid(credentialId) ? await db.credential.findUnique({ where: { id: credentialId } }) : null;
  if (!credential || credential.accountId !== accountId || credential.integrationId !== null) throw notFound("Credential");
  return credential;
}

/** The columns that hold a (validated) secret, sealed for this row: on creation, or when its secret is replaced. */
export function sealedColumns(cipher: Cipher, row: Bound, secret: ProviderCredential) {
  const sealed = cipher.seal(JSON.stringify(secret), binding(row));
  return { type: secret.type, keyId: sealed.keyId, ciphertext: new Uint8Array(sealed.ciphertext), hint: hintFor(secret) };
}

export function openCredential(cipher: Cipher, row: Credential): ProviderCredential {
  return JSON.parse(cipher.open({ keyId: row.keyId, ciphertext: Buffer.from(row.ciphertext) }, binding(row))) as ProviderCredential;
}
