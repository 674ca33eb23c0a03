/** Creating, changing and deleting members. Role bindings never exceed the calling token's authority. */
import { builder, managementField } from "./builder.ts";
import { MemberKindEnum, MemberRef, MemberStateEnum } from "./member.ts";
import { createMember, deleteMember, updateMember } from "../src/services/members.ts";

const roleIdsDescription =
  "Roles of the organization (NOT_FOUND for any other id). Each must grant no more than the calling token holds, else FORBIDDEN and nothing changes.";

const CreateMemberInput = builder.inputType("CreateMemberInput", {
  description: "A new member.",
  subGraphs: ["management"],
  fields: (t) => ({
    email: t.string({ required: true, description: "Email address, unique in the organization (compared lower-case)." }),
    fullname: t.string({ description: "Human-readable name; defaults to the email address." }),
    kind: t.field({ type: MemberKindEnum, description: "Person or service account; defaults to PERSONAL." }),
    password: t.string({
      description: "Required for PERSONAL members, refused for SERVICE members: 12 to 256 characters. Stored only as an Argon2id hash.",
    }),
    roleIds: t.idList({ description: `${roleIdsDescription} Defaults to none.` }),
  }),
});

const MemberPayload = builder.simpleObject("MemberPayload", {
  description: "The member after the change.",
  subGraphs: ["management"],
  fields: (t) => ({ member: t.field({ type: MemberRef, description: "The member." }) }),
});

builder.mutationField("createMember", (t) =>
  t.field({
    ...managementField("members:write"),
    type: MemberPayload,
    description: "Adds a member to the organization. CONFLICT if the email is taken.",
    args: { input: t.arg({ type: CreateMemberInput, required: true, description: "The new member." }) },
    resolve: async (_root, { input }, context) => ({ member: await createMember(context, { ...input, roleIds: input.roleIds?.map(String) }) }),
  }),
);

const UpdateMemberInput = builder.inputType("UpdateMemberInput", {
  description: "Changes to a member; omitted fields stay as they are. Disabling it or changing its roles ends its sessions at once.",
  subGraphs: ["management"],
  fields: (t) => ({
    id: t.id({ required: true, description: "Member id." }),
    fullname: t.string({ description: "New human-readable name." }),
    state: t.field({ type: MemberStateEnum, description: "New state. A member cannot disable itself." }),
    roleIds: t.idList({ description: `Replaces the member's roles. ${roleIdsDescription}` }),
  }),
});

builder.mutationField("updateMember", (t) =>
  t.field({
    ...managementField("members:write"),
    type: MemberPayload,
    description:
      "Updates a member. BAD_USER_INPUT if the organization would lose its last active administrator; FORBIDDEN if the member holds, or would be given, roles beyond the calling token.",
    args: { input: t.arg({ type: UpdateMemberInput, required: true, description: "The changes." }) },
    resolve: async (_root, { input }, context) => ({
      member: await updateMember(context, String(input.id), { ...input, roleIds: input.roleIds?.map(String) }),
    }),
  }),
);

const DeleteMemberInput = builder.inputType("DeleteMemberInput", {
  description: "The member to delete.",
  subGraphs: ["management"],
  fields: (t) => ({ id: t.id({ required: true, description: "Member id." }) }),
});

const DeleteMemberPayload = builder.simpleObject("DeleteMemberPayload", {
  description: "The deleted member's id.",
  subGraphs: ["management"],
  fields: (t) => ({ id: t.id({ description: "Member id." }) }),
});

builder.mutationField("deleteMember", (t) =>
  t.field({
    ...managementField("members:write"),
    type: DeleteMemberPayload,
    description:
      "Deletes a member with its tokens, which fail on the next request. A member cannot delete itself, nor the last active administrator; FORBIDDEN if it holds roles beyond the calling token.",
    args: { input: t.arg({ type: DeleteMemberInput, required: true, description: "The member to delete." }) },
    resolve: async (_root, { input }, context) => ({ id: (await deleteMember(context, String(input.id))).id }),
  }),
);
