/** Identity connector actions on one user: enable, disable, force a password reset, expire all sessions. */
import { builder, connectorField } from "../builder.ts";
import { callConnector } from "../../src/services/connector-calls.ts";
import type { OperationId } from "../../providers/operations.ts";
import type { IdentityAdapter } from "../../providers/types.ts";

const IdentityUserActionInput = builder.inputType("IdentityUserActionInput", {
  description: "The user to act on.",
  subGraphs: ["connector"],
  fields: (t) => ({ userId: t.id({ required: true, description: "Provider user id." }) }),
});

const IdentityUserActionPayload = builder.simpleObject("IdentityUserActionPayload", {
  description: "The user the action was applied to.",
  subGraphs: ["connector"],
  fields: (t) => ({ userId: t.id({ description: "Provider user id." }) }),
});

const actions: [string, OperationId, keyof IdentityAdapter, string][] = [
  ["enableIdentityUser", "identity_enable_user", "enableUser", "Enables a user: activates a staged or provisioned user, unsuspends a suspended one, unlocks a locked-out one."],
  ["disableIdentityUser", "identity_disable_user", "disableUser", "Disables a user so they cannot sign in."],
  ["forceIdentityUserPasswordReset", "identity_force_password_reset", "forcePasswordReset", "Expires the user's password: they must choose a new one at next sign-in."],
  ["expireIdentityUserSessions", "identity_expire_sessions", "expireAllSessions", "Ends every session of the user, including OAuth tokens."],
];

for (const [name, operation, method, description] of actions) {
  builder.mutationField(name, (t) =>
    t.field({
      ...connectorField("identity"),
      type: IdentityUserActionPayload,
      description: `${description} Operation \`${operation}\`.`,
      args: { input: t.arg({ type: IdentityUserActionInput, required: true }) },
      resolve: async (_root, { input }, context) => {
        const userId = String(input.userId);
        await callConnector(context, "identity", operation, (adapter) => (adapter[method] as (id: string) => Promise<void>)(userId));
        context.loaders.identityUser.clear(userId);
        return { userId };
      },
    }),
  );
}
