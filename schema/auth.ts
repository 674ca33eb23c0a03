/** Member sessions: logon, logoff, changePassword, and renewing a token pair with its refresh token. */
import { builder } from "./builder.ts";
import { TokenPairRef } from "./common.ts";
import { changePassword, logoff, logon } from "../src/services/sessions.ts";

const LogonInput = builder.inputType("LogonInput", {
  description: "A member's credentials for one organization.",
  subGraphs: ["management"],
  fields: (t) => ({
    organizationId: t.id({ required: true, description: "The organization to log on to." }),
    email: t.string({ required: true, description: "The member's email address." }),
    password: t.string({ required: true, description: "The member's password." }),
  }),
});

const LogonPayload = builder.simpleObject("LogonPayload", {
  description: "A new session.",
  subGraphs: ["management"],
  fields: (t) => ({
    tokens: t.field({ type: TokenPairRef, description: "The session's token pair." }),
  }),
});

builder.mutationField("logon", (t) =>
  t.field({
    subGraphs: ["management"],
    authScopes: { public: true },
    type: LogonPayload,
    description: "Starts a session for a member of an organization; answers UNAUTHENTICATED for any wrong organization, email or password.",
    args: { input: t.arg({ type: LogonInput, required: true, description: "The organization and the member's credentials." }) },
    resolve: async (_root, { input }, context) => ({ tokens: await logon(context, { ...input, organizationId: String(input.organizationId) }) }),
  }),
);

const LogoffPayload = builder.simpleObject("LogoffPayload", {
  description: "The ended session.",
  subGraphs: ["management"],
  fields: (t) => ({ refreshTokenId: t.id({ description: "The refresh-token object that was deleted." }) }),
});

builder.mutationField("logoff", (t) =>
  t.field({
    subGraphs: ["management"],
    authScopes: { managementToken: true },
    type: LogoffPayload,
    description: "Ends the calling token's session: its refresh-token object and both token pairs stop working at once.",
    resolve: async (_root, _args, context) => ({ refreshTokenId: await logoff(context) }),
  }),
);

const ChangePasswordInput = builder.inputType("ChangePasswordInput", {
  description: "The current and the new password of the calling member.",
  subGraphs: ["management"],
  fields: (t) => ({
    oldPassword: t.string({ required: true, description: "The current password." }),
    newPassword: t.string({ required: true, description: "The new password: 12 to 256 characters." }),
  }),
});

const ChangePasswordPayload = builder.simpleObject("ChangePasswordPayload", {
  description: "Result of a password change. The member's other logon sessions have ended.",
  subGraphs: ["management"],
  fields: (t) => ({ changed: t.boolean({ description: "Always true; failures are errors." }) }),
});

builder.mutationField("changePassword", (t) =>
  t.field({
    subGraphs: ["management"],
    authScopes: { managementToken: true },
    type: ChangePasswordPayload,
    description: "Changes the calling member's password and ends their other logon sessions.",
    args: { input: t.arg({ type: ChangePasswordInput, required: true, description: "The current and the new password." }) },
    resolve: async (_root, { input }, context) => {
      await changePassword(context, input);
      return { changed: true };
    },
  }),
);
