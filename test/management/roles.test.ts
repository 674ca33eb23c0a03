import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/index.ts";
import { createAccount, LogonMutation, logon, seedAdminToken } from "../helpers/flows.ts";
import { errorCode, gql, seedTenant, startGateway, type SeededTenant, type TestGateway } from "../helpers/gateway.ts";
import { permissionSetIds, permissionSets, type Permission } from "../../src/auth/permissions.ts";
import { decideRoleGrant } from "../../src/services/member-access.ts";
import { narrowedToken } from "./support.ts";

const PermissionSetsQuery = graphql(`
  query PermissionSetsForRolesTest {
    permissionSets { id description permissions }
    permissionSet(id: ACCOUNT_MANAGER) { id permissions }
  }
`);

const RolesQuery = graphql(`
  query RolesForRolesTest($first: Int, $after: String, $filter: RoleFilter, $orderBy: RoleOrder) {
    roles(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      edges { node { id name permissionSet builtIn memberCount accountIds } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const RoleQuery = graphql(`
  query RoleForRolesTest($id: ID!) {
    role(id: $id) { id name description permissionSet permissions accountIds builtIn memberCount createdAt updatedAt }
  }
`);

const CreateRoleMutation = graphql(`
  mutation CreateRoleForRolesTest($input: CreateRoleInput!) {
    createRole(input: $input) { role { id name description permissionSet permissions accountIds builtIn memberCount } }
  }
`);

const UpdateRoleMutation = graphql(`
  mutation UpdateRoleForRolesTest($input: UpdateRoleInput!) {
    updateRole(input: $input) { role { id name description permissionSet accountIds } }
  }
`);

const DeleteRoleMutation = graphql(`
  mutation DeleteRoleForRolesTest($input: DeleteRoleInput!) {
    deleteRole(input: $input) { id }
  }
`);

const CreateMemberMutation = graphql(`
  mutation CreateMemberForRolesTest($input: CreateMemberInput!) {
    createMember(input: $input) { member { id roles { id } } }
  }
`);

const SetMemberRolesMutation = graphql(`
  mutation SetMemberRolesForRolesTest($id: ID!, $roleIds: [ID!]) {
    updateMember(input: { id: $id, roleIds: $roleIds }) { member { id } }
  }
`);

const RoleAuditQuery = graphql(`
  query RoleAuditForRolesTest($filter: AuditEventFilter) {
    auditEvents(filter: $filter) { edges { node { action resourceId outcome } } }
  }
`);

const password = "another-long-password";
const claims = (accessToken: string) => JSON.parse(Buffer.from(accessToken.split(".")[1] ?? "", "base64url").toString()) as Record<string, unknown>;

describe("decideRoleGrant", () => {
  const caller = (permissions: readonly Permission[], accountIds: string[] | null = null) => ({ permissions: new Set(permissions), accountIds });

  it("allows roles within the caller's permissions and accounts", () => {
    expect(decideRoleGrant(caller(permissionSets.administrator.permissions), [{ permissionSet: "viewer", accountIds: [] }])).toEqual({ allowed: true });
    expect(decideRoleGrant(caller(permissionSets.member.permissions, ["a"]), [{ permissionSet: "viewer", accountIds: ["a"] }])).toEqual({ allowed: true });
    expect(decideRoleGrant(caller([]), [])).toEqual({ allowed: true });
  });
  it("refuses a role with a permission the caller lacks, naming it", () =>
    expect(decideRoleGrant(caller(permissionSets.viewer.permissions), [{ permissionSet: "member", accountIds: [] }])).toMatchObject({
      allowed: false,
      reason: expect.stringContaining("accounts:write"),
    }));
  it("refuses an unrestricted role, or one on other accounts, to an account-restricted caller", () => {
    const restricted = caller(permissionSets.administrator.permissions, ["a"]);
    expect(decideRoleGrant(restricted, [{ permissionSet: "viewer", accountIds: [] }])).toMatchObject({ allowed: false });
    expect(decideRoleGrant(restricted, [{ permissionSet: "viewer", accountIds: ["a", "b"] }])).toMatchObject({ allowed: false });
  });
  it("grants nothing for an unknown permission set", () =>
    expect(decideRoleGrant(caller([]), [{ permissionSet: "retired-set", accountIds: [] }])).toEqual({ allowed: true }));
});

describe("roles and permission sets", () => {
  let gateway: TestGateway;
  let tenant: SeededTenant;
  let admin: string;
  let otherAdmin: string;
  let builtIn: Record<string, string>;

  const create = (token: string, input: Record<string, unknown>) => gql(gateway, CreateRoleMutation, { token, variables: { input: input as never } });
  const update = (token: string, input: Record<string, unknown>) => gql(gateway, UpdateRoleMutation, { token, variables: { input: input as never } });
  const remove = (token: string, id: string) => gql(gateway, DeleteRoleMutation, { token, variables: { input: { id } } });

  async function createRole(input: Record<string, unknown>) {
    const response = await create(admin, input);
    expect(response.body.errors).toBeUndefined();
    const role = response.body.data?.createRole.role;
    if (!role) throw new Error("createRole failed");
    return role;
  }

  async function memberWithRole(email: string, roleId: string) {
    const created = await gql(gateway, CreateMemberMutation, { token: admin, variables: { input: { email, password, roleIds: [roleId] } } });
    expect(created.body.errors).toBeUndefined();
    const logged = await gql(gateway, LogonMutation, { variables: { input: { organizationId: tenant.organizationId, email, password } } });
    return logged.body.data?.logon.tokens.accessToken ?? "";
  }

  beforeAll(async () => {
    gateway = await startGateway();
    tenant = await seedTenant(gateway);
    admin = (await logon(gateway, tenant)).accessToken;
    otherAdmin = await seedAdminToken(gateway);
    const roles = await gql(gateway, RolesQuery, { token: admin, variables: { filter: { builtIn: true } } });
    builtIn = Object.fromEntries((roles.body.data?.roles.edges ?? []).map(({ node }) => [node.name, node.id]));
  });
  afterAll(() => gateway.stop());

  it("lists the permission sets defined in code", async () => {
    const response = await gql(gateway, PermissionSetsQuery, { token: admin });
    const sets = response.body.data?.permissionSets ?? [];
    expect(sets.map((set) => set.permissions)).toEqual(permissionSetIds.map((id) => [...permissionSets[id].permissions]));
    expect(sets[0]).toMatchObject({ id: "ADMINISTRATOR", description: permissionSets.administrator.description });
    expect(response.body.data?.permissionSet).toEqual({ id: "ACCOUNT_MANAGER", permissions: [...permissionSets["account-manager"].permissions] });
  });

  it("lists one built-in role per permission set, the administrator held by the first member", async () => {
    const response = await gql(gateway, RolesQuery, { token: admin, variables: { filter: { builtIn: true }, orderBy: { field: "NAME", direction: "ASC" } } });
    const roles = response.body.data?.roles.edges.map((edge) => edge.node) ?? [];
    expect(roles.map((role) => role.name)).toEqual([...permissionSetIds].sort());
    expect(roles.find((role) => role.name === "administrator")).toMatchObject({ permissionSet: "ADMINISTRATOR", memberCount: 1, accountIds: null });
    const viewers = await gql(gateway, RolesQuery, { token: admin, variables: { filter: { permissionSet: "VIEWER" } } });
    expect(viewers.body.data?.roles.edges.map((edge) => edge.node.name)).toEqual(["viewer"]);
    expect(errorCode(await gql(gateway, RolesQuery, { token: admin, variables: { first: 101 } }))).toBe("BAD_USER_INPUT");
  });

  it("creates a custom role restricted to accounts; its member's token carries exactly that", async () => {
    const account = await createAccount(gateway, admin, "role-east");
    const role = await createRole({ name: "east-support", description: "Support for east", permissionSet: "MEMBER", accountIds: [account.id, account.id] });
    expect(role).toMatchObject({
      name: "east-support",
      description: "Support for east",
      permissionSet: "MEMBER",
      permissions: [...permissionSets.member.permissions],
      accountIds: [account.id],
      builtIn: false,
      memberCount: 0,
    });

    const token = await memberWithRole("east@example.test", role.id);
    expect(new Set(claims(token).perm as string[])).toEqual(new Set(permissionSets.member.permissions));
    expect(claims(token).acc).toEqual([account.id]);
    expect((await gql(gateway, RoleQuery, { token: admin, variables: { id: role.id } })).body.data?.role.memberCount).toBe(1);
  });

  it("validates input, naming the field, and answers CONFLICT for a taken name", async () => {
    expect((await create(admin, { name: "Not A Slug", permissionSet: "VIEWER" })).body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "name" });
    const longDescription = await create(admin, { name: "long", permissionSet: "VIEWER", description: "x".repeat(1_001) });
    expect(longDescription.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "description" });
    expect(errorCode(await create(admin, { name: "viewer", permissionSet: "VIEWER" }))).toBe("CONFLICT");
    expect(errorCode(await create(admin, { name: "unknown-account", permissionSet: "VIEWER", accountIds: ["00000000-0000-7000-8000-000000000000"] }))).toBe("NOT_FOUND");
  });

  it("refuses to change or delete built-in roles", async () => {
    const renamed = await update(admin, { id: builtIn.viewer, description: "changed" });
    expect(renamed.body.errors?.[0]).toMatchObject({ message: "id: built-in roles cannot be changed or deleted", extensions: { code: "BAD_USER_INPUT", field: "id" } });
    expect(errorCode(await remove(admin, builtIn.administrator ?? ""))).toBe("BAD_USER_INPUT");
  });

  it("lets an administrator manage roles, but not a viewer or an account-manager token", async () => {
    const viewer = await narrowedToken(gateway, admin, { permissionSet: "VIEWER" });
    const accountManager = await narrowedToken(gateway, admin, { permissionSet: "ACCOUNT_MANAGER" });
    const role = await createRole({ name: "guarded", permissionSet: "VIEWER" });
    expect((await gql(gateway, RoleQuery, { token: viewer, variables: { id: role.id } })).body.data?.role.name).toBe("guarded");
    for (const token of [viewer, accountManager]) {
      expect(errorCode(await create(token, { name: "denied", permissionSet: "VIEWER" }))).toBe("FORBIDDEN");
      expect(errorCode(await update(token, { id: role.id, description: "denied" }))).toBe("FORBIDDEN");
      expect(errorCode(await remove(token, role.id))).toBe("FORBIDDEN");
    }
    expect(errorCode(await gql(gateway, RolesQuery, { token: accountManager }))).toBe("FORBIDDEN");
    expect(errorCode(await gql(gateway, PermissionSetsQuery, { token: accountManager }))).toBe("FORBIDDEN");
  });

  it("refuses roles wider than the caller: more permissions, or more accounts", async () => {
    const rolesOnly = await narrowedToken(gateway, admin, { permissionSet: "ADMINISTRATOR", permissions: ["roles:read", "roles:write"] });
    expect(errorCode(await create(rolesOnly, { name: "escalated", permissionSet: "VIEWER" }))).toBe("FORBIDDEN");

    const [east, west] = [await createAccount(gateway, admin, "wide-east"), await createAccount(gateway, admin, "wide-west")];
    const eastAdmin = await narrowedToken(gateway, admin, { permissionSet: "ADMINISTRATOR", accountIds: [east.id] });
    expect(errorCode(await create(eastAdmin, { name: "everywhere", permissionSet: "VIEWER" }))).toBe("FORBIDDEN");
    expect(errorCode(await create(eastAdmin, { name: "west-too", permissionSet: "VIEWER", accountIds: [east.id, west.id] }))).toBe("FORBIDDEN");
    const allowed = await create(eastAdmin, { name: "east-only", permissionSet: "VIEWER", accountIds: [east.id] });
    expect(allowed.body.data?.createRole.role.accountIds).toEqual([east.id]);
    const widened = await update(eastAdmin, { id: allowed.body.data?.createRole.role.id, accountIds: [] });
    expect(errorCode(widened)).toBe("FORBIDDEN");

    const names = await gql(gateway, RolesQuery, { token: admin, variables: { filter: { name: { in: ["escalated", "everywhere", "west-too"] } } } });
    expect(names.body.data?.roles.totalCount).toBe(0);
    const denied = await gql(gateway, RoleAuditQuery, { token: admin, variables: { filter: { action: { startsWith: "roles." }, outcome: ["DENIED"] } } });
    // The newest four are this test's; older ones are the permission denials of the test above.
    expect(denied.body.data?.auditEvents.edges.slice(0, 4).map((edge) => edge.node.action)).toEqual(["roles.update", "roles.create", "roles.create", "roles.create"]);
  });

  it("ends the sessions of a role's members when what it grants changes or it is deleted", async () => {
    const role = await createRole({ name: "changing", permissionSet: "VIEWER" });
    const token = await memberWithRole("changing@example.test", role.id);
    const renamed = await update(admin, { id: role.id, name: "renamed", description: "same grant" });
    expect(renamed.body.data?.updateRole.role).toMatchObject({ name: "renamed", description: "same grant", permissionSet: "VIEWER" });
    expect((await gql(gateway, RoleQuery, { token, variables: { id: role.id } })).status).toBe(200);

    await update(admin, { id: role.id, permissionSet: "ACCOUNT_MANAGER" });
    expect((await gql(gateway, RoleQuery, { token, variables: { id: role.id } })).status).toBe(401);

    const second = await memberWithRole("deleted-role@example.test", role.id);
    expect((await remove(admin, role.id)).body.data?.deleteRole.id).toBe(role.id);
    expect((await gql(gateway, RolesQuery, { token: second })).status).toBe(401);
    expect(errorCode(await gql(gateway, RoleQuery, { token: admin, variables: { id: role.id } }))).toBe("NOT_FOUND");

    const audit = await gql(gateway, RoleAuditQuery, { token: admin, variables: { filter: { resourceId: role.id } } });
    expect(audit.body.data?.auditEvents.edges.map((edge) => edge.node.action)).toEqual(["roles.delete", "roles.update", "roles.update", "roles.create"]);
  });

  it("keeps an administrator: a custom administrator role held by the last administrator cannot be narrowed or deleted", async () => {
    const role = await createRole({ name: "custom-admin", permissionSet: "ADMINISTRATOR" });
    const custom = await memberWithRole("custom-admin@example.test", role.id);
    const demote = await gql(gateway, SetMemberRolesMutation, { token: custom, variables: { id: tenant.memberId, roleIds: [] } });
    expect(demote.body.errors).toBeUndefined();
    expect((await update(custom, { id: role.id, permissionSet: "VIEWER" })).body.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "permissionSet",
    });
    expect(errorCode(await remove(custom, role.id))).toBe("BAD_USER_INPUT");
    const restore = await gql(gateway, SetMemberRolesMutation, { token: custom, variables: { id: tenant.memberId, roleIds: [builtIn.administrator ?? ""] } });
    expect(restore.body.errors).toBeUndefined();
    admin = (await logon(gateway, tenant)).accessToken;
    expect((await remove(admin, role.id)).body.data?.deleteRole.id).toBe(role.id);
  });

  it("answers NOT_FOUND for another tenant's roles and for malformed ids", async () => {
    const role = await createRole({ name: "private-role", permissionSet: "VIEWER" });
    for (const [token, id] of [
      [otherAdmin, role.id],
      [admin, "not-a-uuid"],
      [admin, "00000000-0000-7000-8000-000000000000"],
    ] as const) {
      expect(errorCode(await gql(gateway, RoleQuery, { token, variables: { id } }))).toBe("NOT_FOUND");
      expect(errorCode(await update(token, { id, description: "x" }))).toBe("NOT_FOUND");
      expect(errorCode(await remove(token, id))).toBe("NOT_FOUND");
    }
    const foreignAccount = await createAccount(gateway, otherAdmin, "foreign");
    expect(errorCode(await create(admin, { name: "foreign-account", permissionSet: "VIEWER", accountIds: [foreignAccount.id] }))).toBe("NOT_FOUND");
    expect((await gql(gateway, RolesQuery, { token: otherAdmin, variables: { filter: { name: { eq: "private-role" } } } })).body.data?.roles.totalCount).toBe(0);
  });
});
