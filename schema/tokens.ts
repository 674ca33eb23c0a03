/** Refresh-token objects and the mutations that mint, renew, rotate, reset and delete token pairs. The list is in refresh-token-list.ts. */
import { builder, managementField } from "./builder.ts";
import { PermissionSetEnum, TokenPairRef } from "./common.ts";
import { recordAudit } from "../src/services/audit.ts";
import { auditRefreshed, auditRefreshRefused } from "../src/services/refresh-audit.ts";
import { isUuid } from "../src/services/names.ts";
import { createIntegrationToken, createOrganizationToken, reissueTokenPair } from "../src/services/token-grants.ts";
import { notFound } from "../src/errors.ts";
import type { PermissionSetId } from "../src/auth/permissions.ts";

export const TokenLayerEnum = builder.enumType("TokenLayer", {
  description: "The API layer a token is for.",
  subGraphs: ["management"],
  values: {
    MANAGEMENT: { description: "Organization tokens: the management API." },
    CONNECTOR: { description: "Integration tokens: the connector API of one integration." },
  } as const,
});

builder.prismaObject("RefreshToken", {
  description: "A refresh-token object: a primary token pair, an optional secondary pair kept during rotation, and the authority they carry.",
  subGraphs: ["management"],
  authScopes: { permission: "tokens:read" },
  fields: (t) => ({
    id: t.exposeID("id", { description: "Refresh-token object id." }),
    name: t.exposeString("name", { description: "Label given when it was created, e.g. `logon`." }),
    layer: t.field({ type: TokenLayerEnum, description: "Which API its access tokens are for.", resolve: (row) => row.layer }),
    session: t.exposeBoolean("session", { description: "Whether it is a member's logon session (made by `logon`) rather than a minted token; only a session may change its member's password." }),
    memberId: t.exposeID("memberId", { nullable: true, description: "The member it acts for (organization tokens)." }),
    accountId: t.exposeID("accountId", { nullable: true, description: "The account of its integration (integration tokens)." }),
    integrationId: t.exposeID("integrationId", { nullable: true, description: "The integration it is scoped to (integration tokens)." }),
    permissions: t.exposeStringList("permissions", { description: "Management permissions its access tokens carry." }),
    accountIds: t.idList({
      nullable: true,
      description: "Accounts its access tokens are restricted to; null means every account.",
      resolve: (row) => (row.accountRestricted ? row.accountIds : null),
    }),
    hasSecondary: t.boolean({ description: "Whether a secondary pair is still valid.", resolve: (row) => row.secondaryAccessJti !== null }),
    primaryIssuedAt: t.expose("primaryIssuedAt", { type: "DateTime", description: "When the primary pair was issued." }),
    secondaryIssuedAt: t.expose("secondaryIssuedAt", { type: "DateTime", nullable: true, description: "When the secondary pair was issued." }),
    expiresAt: t.expose("expiresAt", { type: "DateTime", description: "When the object and every pair in it expire." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was created." }),
  }),
});

builder.queryField("refreshToken", (t) =>
  t.prismaField({
    ...managementField("tokens:read"),
    type: "RefreshToken",
    description: "One refresh-token object by id (the seed's token lookup), if the calling token can see it.",
    args: { id: t.arg.id({ required: true, description: "Refresh-token object id." }) },
    resolve: async (query, _root, args, context) => {
      const id = String(args.id);
      const row = isUuid(id) ? await context.db.refreshToken.findUnique({ ...query, where: { id } }) : null;
      if (!row) throw notFound("Refresh token");
      return row;
    },
  }),
);

const TokenPairPayload = builder.simpleObject("TokenPairPayload", {
  description: "A newly issued token pair.",
  subGraphs: ["management"],
  fields: (t) => ({ tokens: t.field({ type: TokenPairRef, description: "The new pair." }) }),
});

const RefreshTokenPairInput = builder.inputType("RefreshTokenPairInput", {
  description: "The primary refresh token to trade in.",
  subGraphs: ["management"],
  fields: (t) => ({ refreshToken: t.string({ required: true, description: "The current primary refresh token." }) }),
});

builder.mutationField("refreshTokenPair", (t) =>
  t.field({
    subGraphs: ["management"],
    authScopes: { public: true },
    type: TokenPairPayload,
    description:
      "Creates a new primary pair from the primary refresh token; the previous primary becomes the secondary until `removeSecondaryTokenPair`.",
    args: { input: t.arg({ type: RefreshTokenPairInput, required: true, description: "The primary refresh token to trade in." }) },
    resolve: async (_root, { input }, context) => {
      let refreshed;
      try {
        refreshed = await context.services.tokens.refresh(input.refreshToken);
      } catch (error) {
        await auditRefreshRefused(context, input.refreshToken, error);
        throw error;
      }
      await auditRefreshed(context, refreshed.holder);
      return { tokens: refreshed.tokens };
    },
  }),
);

const RefreshTokenIdInput = builder.inputType("RefreshTokenIdInput", {
  description: "Names one refresh-token object.",
  subGraphs: ["management"],
  fields: (t) => ({ id: t.id({ required: true, description: "Refresh-token object id." }) }),
});

function pairMutation(name: "rotateRefreshToken" | "resetRefreshToken", description: string) {
  builder.mutationField(name, (t) =>
    t.field({
      ...managementField("tokens:write"),
      type: TokenPairPayload,
      description,
      args: { input: t.arg({ type: RefreshTokenIdInput, required: true, description: "The refresh-token object." }) },
      resolve: async (_root, { input }, context) => ({
        tokens: await reissueTokenPair(context, String(input.id), name === "rotateRefreshToken" ? "rotate" : "reset"),
      }),
    }),
  );
}

pairMutation(
  "rotateRefreshToken",
  "Deletes the secondary pair, moves the primary to secondary and issues a new primary. Tokens of the old secondary stop working. Refused with FORBIDDEN unless the calling token could have minted this object's tokens itself (and, for a member's logon session, belongs to that member).",
);
pairMutation(
  "resetRefreshToken",
  "Issues a new primary pair, removes the secondary and restarts the expiry. Every earlier token stops working. Refused like `rotateRefreshToken`.",
);

const RefreshTokenPayload = builder.simpleObject("RefreshTokenPayload", {
  description: "The refresh-token object after the change.",
  subGraphs: ["management"],
  fields: (t) => ({ refreshTokenId: t.id({ description: "Refresh-token object id." }) }),
});

builder.mutationField("removeSecondaryTokenPair", (t) =>
  t.field({
    ...managementField("tokens:write"),
    type: RefreshTokenPayload,
    description: "Deletes the secondary pair once the new primary is deployed; its tokens stop working at once.",
    args: { input: t.arg({ type: RefreshTokenIdInput, required: true, description: "The refresh-token object." }) },
    resolve: async (_root, { input }, context) => {
      const id = String(input.id);
      if (!isUuid(id)) throw notFound("Refresh token");
      await context.services.tokens.removeSecondary(context.db, id);
      await recordAudit(context, { action: "tokens.remove-secondary", resourceType: "RefreshToken", resourceId: id });
      return { refreshTokenId: id };
    },
  }),
);

builder.mutationField("deleteRefreshToken", (t) =>
  t.field({
    ...managementField("tokens:write"),
    type: RefreshTokenPayload,
    description: "Deletes a refresh-token object: both of its pairs stop working on the very next request.",
    args: { id: t.arg.id({ required: true, description: "Refresh-token object id." }) },
    resolve: async (_root, args, context) => {
      const id = String(args.id);
      if (!isUuid(id)) throw notFound("Refresh token");
      const removed = await context.services.tokens.remove(context.db, id);
      await recordAudit(context, {
        action: "tokens.delete",
        resourceType: "RefreshToken",
        resourceId: id,
        accountId: removed.accountId,
        integrationId: removed.integrationId,
      });
      return { refreshTokenId: id };
    },
  }),
);

const CreateOrganizationTokenInput = builder.inputType("CreateOrganizationTokenInput", {
  description: "The authority of a new organization token; it must not exceed the calling token's.",
  subGraphs: ["management"],
  fields: (t) => ({
    permissionSet: t.field({ type: PermissionSetEnum, required: true, description: "Built-in permission set to start from." }),
    permissions: t.stringList({ description: "Narrows the permission set to these permissions." }),
    accountIds: t.idList({ description: "Restricts the token to these accounts; omit for every account the caller can reach." }),
    integrationPointId: t.id({ description: "The integration point a CONNECT_UI token creates integrations under; required for CONNECT_UI, refused otherwise." }),
    ttlSeconds: t.int({ description: "Lifetime of the token object in seconds (60 to the configured maximum; default one day)." }),
    name: t.string({ description: "A label shown in `refreshTokens`." }),
  }),
});

builder.mutationField("createOrganizationToken", (t) =>
  t.field({
    ...managementField("tokens:issue-organization"),
    type: TokenPairPayload,
    description: "Mints an organization token narrower than (or equal to) the calling token. A wider request is refused with FORBIDDEN and nothing is created.",
    args: { input: t.arg({ type: CreateOrganizationTokenInput, required: true, description: "The new token's authority and lifetime." }) },
    resolve: async (_root, { input }, context) => ({
      tokens: await createOrganizationToken(context, {
        ...input,
        permissionSet: input.permissionSet as PermissionSetId,
        accountIds: input.accountIds?.map(String) ?? null,
        integrationPointId: input.integrationPointId == null ? null : String(input.integrationPointId),
      }),
    }),
  }),
);

const CreateIntegrationTokenInput = builder.inputType("CreateIntegrationTokenInput", {
  description: "The integration a new connector-layer token is scoped to.",
  subGraphs: ["management"],
  fields: (t) => ({
    integrationId: t.id({ required: true, description: "The integration." }),
    ttlSeconds: t.int({ description: "Lifetime of the token object in seconds (60 to the configured maximum; default one day)." }),
    name: t.string({ description: "A label shown in `refreshTokens`." }),
  }),
});

builder.mutationField("createIntegrationToken", (t) =>
  t.field({
    ...managementField("tokens:issue-integration"),
    type: TokenPairPayload,
    description: "Mints an integration token for one integration the calling token can reach.",
    args: { input: t.arg({ type: CreateIntegrationTokenInput, required: true, description: "The integration the token is for." }) },
    resolve: async (_root, { input }, context) => ({
      tokens: await createIntegrationToken(context, { ...input, integrationId: String(input.integrationId) }),
    }),
  }),
);
