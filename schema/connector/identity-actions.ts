/** Identity connector actions on one user: enable, disable, force a password reset, expire all sessions. */
import { builder, connectorField } from "../builder.ts";
import type { Context } from "../../src/context.ts";
import { callConnector } from "../../src/services/connector-calls.ts";
import type { OperationId } from "../../providers/operations.ts";
import type { IdentityAdapter, IdentityDisableMode } from "../../providers/types.ts";

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

const IdentityUserDisableMode = builder.enumType("IdentityUserDisableMode", {
  description: "How `disableIdentityUser` stops a user signing in.",
  subGraphs: ["connector"],
  values: {
    SUSPEND: {
      description:
        "Suspend: the user keeps their app and group assignments, and `enableIdentityUser` undoes it fully. Okta (and the mock provider) suspend only ACTIVE users, so a user in another status who could still sign in (LOCKED_OUT, PASSWORD_EXPIRED, PROVISIONED, RECOVERY) is refused with BAD_USER_INPUT. A STAGED, SUSPENDED or DEPROVISIONED user cannot sign in already and is left as is.",
    },
    DEACTIVATE: {
      description:
        "Deactivate: works from every status, and the user becomes DEPROVISIONED. Destructive: the provider deprovisions the user from every app, which can delete their accounts and data there; `enableIdentityUser` activates the user again but cannot restore that. A user already DEPROVISIONED is left as is.",
    },
  } satisfies Record<IdentityDisableMode, { description: string }>,
});

async function actOnUser(context: Context, operation: OperationId, userId: string, act: (adapter: IdentityAdapter) => Promise<void>) {
  await callConnector(context, "identity", operation, act);
  context.loaders.identityUser.clear(userId);
  return { userId };
}

const actions: [string, OperationId, "enableUser" | "forcePasswordReset" | "expireAllSessions", string][] = [
  ["enableIdentityUser", "identity_enable_user", "enableUser", "Enables a user: activates a staged or deactivated user, unsuspends a suspended one, unlocks a locked-out one."],
  ["forceIdentityUserPasswordReset", "identity_force_password_reset", "forcePasswordReset", "Expires the user's password: they must choose a new one at next sign-in."],
  ["expireIdentityUserSessions", "identity_expire_sessions", "expireAllSessions", "Ends every session of the user, including OAuth tokens."],
];

for (const [name, operation, method, description] of actions) {
  builder.mutationField(name, (t) =>
    t.field({
      ...connectorField("identity"),
      type: IdentityUserActionPayload,
      description: `${description} Operation \`${operation}\`.`,
      args: { input: t.arg({ type: IdentityUserActionInput, required: true, description: "The user to act on." }) },
      resolve: (_root, { input }, context) => actOnUser(context, operation, String(input.userId), (adapter) => adapter[method](String(input.userId))),
    }),
  );
}

builder.mutationField("disableIdentityUser", (t) =>
  t.field({
    ...connectorField("identity"),
    type: IdentityUserActionPayload,
    description:
      "Disables a user so they cannot sign in, by suspending (the default) or deactivating them; see `IdentityUserDisableMode`. A user the mode leaves as is (see its values) gets a success and no change. Operation `identity_disable_user`.",
    args: {
      input: t.arg({ type: IdentityUserActionInput, required: true, description: "The user to act on." }),
      mode: t.arg({ type: IdentityUserDisableMode, required: true, defaultValue: "SUSPEND", description: "Suspend (reversible) or deactivate (destructive)." }),
    },
    resolve: (_root, { input, mode }, context) => actOnUser(context, "identity_disable_user", String(input.userId), (adapter) => adapter.disableUser(String(input.userId), mode)),
  }),
);
