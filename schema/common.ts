/** Types shared by many domains: enums, the token pair, and id argument helpers. */
import { builder } from "./builder.ts";
import type { TokenPair } from "../src/services/tokens.ts";
import { permissionSetIds, permissionSets } from "../src/auth/permissions.ts";

export const EnvironmentEnum = builder.enumType("Environment", {
  description: "Whether an account (and so its integrations) is for testing or production.",
  subGraphs: ["management"],
  values: {
    TEST: { value: "TEST", description: "Test or staging: may use sandbox providers." },
    PROD: { value: "PROD", description: "Production." },
  } as const,
});

export const PermissionSetEnum = builder.enumType("PermissionSetId", {
  description: "A built-in bundle of management permissions.",
  subGraphs: ["management"],
  values: Object.fromEntries(permissionSetIds.map((id) => [id.toUpperCase().replace("-", "_"), { value: id, description: permissionSets[id].description }])),
});

export const TokenPairRef = builder.objectRef<TokenPair>("TokenPair").implement({
  description:
    "A short-lived access token and the refresh token that renews it. The refresh token is shown only here; store it like a password.",
  subGraphs: ["management"],
  fields: (t) => ({
    accessToken: t.exposeString("accessToken", { description: "JWT to send as `Authorization: Bearer <accessToken>`." }),
    refreshToken: t.exposeString("refreshToken", { description: "Opaque secret for `refreshTokenPair`." }),
    refreshTokenId: t.exposeID("refreshTokenId", { description: "Id of the refresh-token object that holds this pair." }),
    expiresAt: t.field({ type: "DateTime", description: "When the access token expires.", resolve: (pair) => pair.expiresAt }),
  }),
});
