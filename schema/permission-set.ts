/** Permission sets: the built-in bundles of management permissions that roles and tokens are made from. Read-only; defined in code. */
import { builder, managementField } from "./builder.ts";
import { PermissionSetEnum } from "./common.ts";
import { permissionSetIds, permissionSets, type Permission, type PermissionSetId } from "../src/auth/permissions.ts";

interface PermissionSetShape {
  id: PermissionSetId;
  description: string;
  permissions: readonly Permission[];
}

const toPermissionSet = (id: PermissionSetId): PermissionSetShape => ({ id, ...permissionSets[id] });

export const PermissionSetRef = builder.objectRef<PermissionSetShape>("PermissionSet").implement({
  description: "A built-in bundle of management permissions. A role grants exactly one permission set; tokens are minted from one too.",
  subGraphs: ["management"],
  authScopes: { permission: "roles:read" },
  fields: (t) => ({
    id: t.field({ type: PermissionSetEnum, description: "The permission set's id.", resolve: (set) => set.id }),
    description: t.exposeString("description", { description: "What holders of this permission set may do." }),
    permissions: t.stringList({
      description: "Every permission in the set, e.g. `accounts:read`; `<resource>:write` never implies `<resource>:read`.",
      resolve: (set) => [...set.permissions],
    }),
  }),
});

builder.queryField("permissionSets", (t) =>
  t.field({
    ...managementField("roles:read"),
    type: [PermissionSetRef],
    description: "Every built-in permission set, in a fixed order with `ADMINISTRATOR` first.",
    resolve: () => permissionSetIds.map(toPermissionSet),
  }),
);

builder.queryField("permissionSet", (t) =>
  t.field({
    ...managementField("roles:read"),
    type: PermissionSetRef,
    description: "One built-in permission set.",
    args: { id: t.arg({ type: PermissionSetEnum, required: true, description: "The permission set's id." }) },
    resolve: (_root, args) => toPermissionSet(args.id as PermissionSetId),
  }),
);
