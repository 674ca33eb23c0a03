/** Creating, changing and deleting custom roles. A role never grants more than the calling token holds. */
import { builder, managementField } from "./builder.ts";
import { PermissionSetEnum } from "./common.ts";
import { RoleRef } from "./role.ts";
import type { PermissionSetId } from "../src/auth/permissions.ts";
import { createRole, deleteRole, updateRole } from "../src/services/roles.ts";

const accountIdsDescription =
  "Restricts the role to these accounts of the organization (NOT_FOUND for any other id); empty: every account. A caller restricted to some accounts can only create roles restricted to those.";

const CreateRoleInput = builder.inputType("CreateRoleInput", {
  description: "A new custom role. It may grant no more than the calling token holds.",
  subGraphs: ["management"],
  fields: (t) => ({
    name: t.string({ required: true, description: "Slug, unique in the organization: lower-case letters, digits, hyphens." }),
    description: t.string({ description: "What the role is for (at most 1000 characters); defaults to empty." }),
    permissionSet: t.field({ type: PermissionSetEnum, required: true, description: "The permission set the role grants." }),
    accountIds: t.idList({ description: `${accountIdsDescription} Defaults to every account.` }),
  }),
});

const RolePayload = builder.simpleObject("RolePayload", {
  description: "The role after the change.",
  subGraphs: ["management"],
  fields: (t) => ({ role: t.field({ type: RoleRef, description: "The role." }) }),
});

builder.mutationField("createRole", (t) =>
  t.field({
    ...managementField("roles:write"),
    type: RolePayload,
    description: "Creates a custom role. CONFLICT if the name is taken; FORBIDDEN if it would grant more than the calling token holds.",
    args: { input: t.arg({ type: CreateRoleInput, required: true, description: "The new role." }) },
    resolve: async (_root, { input }, context) => ({
      role: await createRole(context, { ...input, permissionSet: input.permissionSet as PermissionSetId, accountIds: input.accountIds?.map(String) }),
    }),
  }),
);

const UpdateRoleInput = builder.inputType("UpdateRoleInput", {
  description: "Changes to a custom role; omitted fields stay as they are. Changing what it grants ends the sessions of its members.",
  subGraphs: ["management"],
  fields: (t) => ({
    id: t.id({ required: true, description: "Role id." }),
    name: t.string({ description: "New slug." }),
    description: t.string({ description: "New description." }),
    permissionSet: t.field({ type: PermissionSetEnum, description: "New permission set." }),
    accountIds: t.idList({ description: `Replaces the account restriction. ${accountIdsDescription}` }),
  }),
});

builder.mutationField("updateRole", (t) =>
  t.field({
    ...managementField("roles:write"),
    type: RolePayload,
    description:
      "Updates a custom role. BAD_USER_INPUT for a built-in role or if the organization would lose its last administrator; FORBIDDEN if the role, before or after, grants more than the calling token holds.",
    args: { input: t.arg({ type: UpdateRoleInput, required: true, description: "The changes." }) },
    resolve: async (_root, { input }, context) => ({
      role: await updateRole(context, String(input.id), {
        ...input,
        permissionSet: input.permissionSet as PermissionSetId | null | undefined,
        accountIds: input.accountIds?.map(String),
      }),
    }),
  }),
);

const DeleteRoleInput = builder.inputType("DeleteRoleInput", {
  description: "The role to delete.",
  subGraphs: ["management"],
  fields: (t) => ({ id: t.id({ required: true, description: "Role id." }) }),
});

const DeleteRolePayload = builder.simpleObject("DeleteRolePayload", {
  description: "The deleted role's id.",
  subGraphs: ["management"],
  fields: (t) => ({ id: t.id({ description: "Role id." }) }),
});

builder.mutationField("deleteRole", (t) =>
  t.field({
    ...managementField("roles:write"),
    type: DeleteRolePayload,
    description:
      "Deletes a custom role: its members lose what it granted and their sessions end. BAD_USER_INPUT for a built-in role or the last administrator's role.",
    args: { input: t.arg({ type: DeleteRoleInput, required: true, description: "The role to delete." }) },
    resolve: async (_root, { input }, context) => ({ id: (await deleteRole(context, String(input.id))).id }),
  }),
);
