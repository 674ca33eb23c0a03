/** Credentials: secrets owned by an account, integration, integration point or webhook. Only hints are ever shown. The list is in credential-list.ts. */
import { builder, managementField } from "./builder.ts";
import { CredentialTypeEnum } from "./capabilities.ts";
import { CredentialSecretInput, toProviderCredential } from "./credential-input.ts";
import { assertMayRead, createOwnedCredential, credentialOwner, deleteCredential, updateCredential } from "../src/services/credential-admin.ts";
import { isUuid } from "../src/services/names.ts";
import { badInput, notFound } from "../src/errors.ts";

const CredentialOwnerTypeEnum = builder.enumType("CredentialOwnerType", {
  description: "What kind of resource owns a credential.",
  subGraphs: ["management"],
  values: {
    ACCOUNT: { description: "An account; its integrations may share it." },
    INTEGRATION: { description: "One integration only." },
    INTEGRATION_POINT: { description: "An integration point." },
    WEBHOOK: { description: "An organization webhook (its signing secret)." },
  } as const,
});

const CredentialRef = builder.prismaObject("Credential", {
  description: "A secret, encrypted at rest and never returned: only its type, owner, dates and a hint are visible.",
  subGraphs: ["management"],
  authScopes: { permission: "credentials:read" },
  select: { id: true, ownerType: true, ownerId: true },
  fields: (t) => ({
    id: t.exposeID("id", { description: "Credential id." }),
    name: t.exposeString("name", { description: "Label." }),
    type: t.expose("type", { type: CredentialTypeEnum, description: "Kind of secret." }),
    hint: t.exposeString("hint", { description: "A recognisable, non-secret hint such as the last four characters." }),
    ownerType: t.expose("ownerType", { type: CredentialOwnerTypeEnum, description: "Kind of owner." }),
    ownerId: t.exposeID("ownerId", { description: "Id of the owner." }),
    accountId: t.exposeID("accountId", { nullable: true, description: "The account, for account- and integration-owned credentials." }),
    expiresAt: t.expose("expiresAt", { type: "DateTime", nullable: true, description: "When the secret expires, if known." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was created." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When the secret or name last changed." }),
  }),
});

builder.queryField("credential", (t) =>
  t.prismaField({
    ...managementField("credentials:read"),
    type: "Credential",
    description: "One credential by id (the seed's credential lookup).",
    args: { id: t.arg.id({ required: true, description: "Credential id." }) },
    resolve: async (query, _root, args, context) => {
      const id = String(args.id);
      const credential = isUuid(id) ? await context.db.credential.findUnique({ ...query, where: { id } }) : null;
      if (!credential) throw notFound("Credential");
      assertMayRead(context, credentialOwner(credential));
      return credential;
    },
  }),
);

const CreateCredentialInput = builder.inputType("CreateCredentialInput", {
  description: "A new credential for an account (shareable by its integrations) or an integration point.",
  subGraphs: ["management"],
  fields: (t) => ({
    ownerId: t.id({
      required: true,
      description:
        "An account or integration point id. An integration's or a webhook's id answers BAD_USER_INPUT: an integration's own credential comes with the integration, a webhook's signing secret with the webhook.",
    }),
    name: t.string({ required: true, description: "Slug, unique among the owner's credentials." }),
    secret: t.field({ type: CredentialSecretInput, required: true, description: "The secret. Never returned." }),
  }),
});

/** `credentialId` came before `credential`; it stays, deprecated, so that clients written against it keep working. */
const CredentialPayload = builder.simpleObject("CredentialPayload", {
  description: "The credential after the change: its type, owner, dates and hint, never the secret.",
  subGraphs: ["management"],
  fields: (t) => ({
    credential: t.field({ type: CredentialRef, description: "The credential." }),
    credentialId: t.id({ description: "Credential id.", deprecationReason: "Use `credential { id }`." }),
  }),
});

const toPayload = <Row extends { id: string }>(credential: Row) => ({ credential, credentialId: credential.id });

builder.mutationField("createCredential", (t) =>
  t.field({
    ...managementField("credentials:write"),
    type: CredentialPayload,
    description: "Creates a credential owned by an account or an integration point. The secret is sealed at once.",
    args: { input: t.arg({ type: CreateCredentialInput, required: true, description: "The credential to create: owner, name and secret." }) },
    resolve: async (_root, { input }, context) => {
      const secret = toProviderCredential(input.secret);
      if (!secret) throw badInput("secret", "give exactly one kind of secret");
      return toPayload(await createOwnedCredential(context, { ownerId: String(input.ownerId), name: input.name, secret }));
    },
  }),
);

const UpdateCredentialInput = builder.inputType("UpdateCredentialInput", {
  description: "Changes to a credential; a new secret replaces the old one.",
  subGraphs: ["management"],
  fields: (t) => ({
    id: t.id({ required: true, description: "Credential id." }),
    name: t.string({ description: "New name: a slug, unique among the owner's credentials." }),
    secret: t.field({ type: CredentialSecretInput, description: "New secret; must be of the same type." }),
  }),
});

builder.mutationField("updateCredential", (t) =>
  t.field({
    ...managementField("credentials:write"),
    type: CredentialPayload,
    description: "Renames a credential or replaces its secret (same type). Integrations using it pick it up on their next call.",
    args: { input: t.arg({ type: UpdateCredentialInput, required: true, description: "The credential and what to change." }) },
    resolve: async (_root, { input }, context) => {
      const secret = input.secret ? toProviderCredential(input.secret) : null;
      return toPayload(await updateCredential(context, String(input.id), { name: input.name ?? null, secret }));
    },
  }),
);

const DeleteCredentialInput = builder.inputType("DeleteCredentialInput", {
  description: "The credential to delete.",
  subGraphs: ["management"],
  fields: (t) => ({ id: t.id({ required: true, description: "Credential id." }) }),
});

/** Like every delete payload, the id alone: the credential is gone. `credentialId` is kept, deprecated, as on `CredentialPayload`. */
const DeleteCredentialPayload = builder.simpleObject("DeleteCredentialPayload", {
  description: "The deleted credential's id.",
  subGraphs: ["management"],
  fields: (t) => ({
    id: t.id({ description: "Credential id." }),
    credentialId: t.id({ description: "Credential id.", deprecationReason: "Use `id`." }),
  }),
});

builder.mutationField("deleteCredential", (t) =>
  t.field({
    ...managementField("credentials:write"),
    type: DeleteCredentialPayload,
    description: "Deletes a credential. CONFLICT while an integration uses it.",
    args: { input: t.arg({ type: DeleteCredentialInput, required: true, description: "The credential to delete." }) },
    resolve: async (_root, { input }, context) => {
      const { id } = await deleteCredential(context, String(input.id));
      return { id, credentialId: id };
    },
  }),
);
