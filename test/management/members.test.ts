import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/index.ts";
import { createAccount, LogonMutation, logon, seedAdminToken } from "../helpers/flows.ts";
import { errorCode, gql, seedTenant, startGateway, type SeededTenant, type TestGateway } from "../helpers/gateway.ts";
import { permissionSets } from "../../src/auth/permissions.ts";
import { narrowedToken } from "./support.ts";

const CreateMemberMutation = graphql(`
  mutation CreateMemberForMembersTest($input: CreateMemberInput!) {
    createMember(input: $input) { member { id email fullname kind state roles { id name } createdAt updatedAt } }
  }
`);

const UpdateMemberMutation = graphql(`
  mutation UpdateMemberForMembersTest($input: UpdateMemberInput!) {
    updateMember(input: $input) { member { id fullname state roles { name } } }
  }
`);

const DeleteMemberMutation = graphql(`
  mutation DeleteMemberForMembersTest($input: DeleteMemberInput!) {
    deleteMember(input: $input) { id }
  }
`);

const MemberQuery = graphql(`
  query MemberForMembersTest($id: ID!) {
    member(id: $id) { id email fullname kind state roles { name permissionSet } }
  }
`);

const MembersQuery = graphql(`
  query MembersForMembersTest($first: Int, $after: String, $filter: MemberFilter, $orderBy: MemberOrder) {
    members(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      edges { node { id email kind state } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const RoleIdsQuery = graphql(`
  query RoleIdsForMembersTest {
    roles(first: 50) { edges { node { id name } } }
  }
`);

const MemberAuditQuery = graphql(`
  query MemberAuditForMembersTest($filter: AuditEventFilter) {
    auditEvents(filter: $filter) { edges { node { action resourceId outcome reason } } }
  }
`);

const AccountsCountQuery = graphql(`
  query AccountsCountForMembersTest {
    accounts { totalCount }
  }
`);

const password = "another-long-password";
const claims = (accessToken: string) => JSON.parse(Buffer.from(accessToken.split(".")[1] ?? "", "base64url").toString()) as Record<string, unknown>;

describe("members", () => {
  let gateway: TestGateway;
  let tenant: SeededTenant;
  let admin: string;
  let otherAdmin: string;
  let roleIds: Record<string, string>;

  const create = (token: string, input: Record<string, unknown>) => gql(gateway, CreateMemberMutation, { token, variables: { input: input as never } });
  const update = (token: string, input: Record<string, unknown>) => gql(gateway, UpdateMemberMutation, { token, variables: { input: input as never } });
  const remove = (token: string, id: string) => gql(gateway, DeleteMemberMutation, { token, variables: { input: { id } } });

  async function createMember(email: string, roles: string[] = [], extra: Record<string, unknown> = {}) {
    const response = await create(admin, { email, password, roleIds: roles.map((name) => roleIds[name]), ...extra });
    expect(response.body.errors).toBeUndefined();
    const member = response.body.data?.createMember.member;
    if (!member) throw new Error("createMember failed");
    return member;
  }

  const logonAs = (email: string) =>
    gql(gateway, LogonMutation, { variables: { input: { organizationId: tenant.organizationId, email, password } } });

  async function accessTokenOf(email: string) {
    const response = await logonAs(email);
    expect(response.body.errors).toBeUndefined();
    return response.body.data?.logon.tokens.accessToken ?? "";
  }

  beforeAll(async () => {
    gateway = await startGateway();
    tenant = await seedTenant(gateway);
    admin = (await logon(gateway, tenant)).accessToken;
    otherAdmin = await seedAdminToken(gateway);
    const roles = await gql(gateway, RoleIdsQuery, { token: admin });
    roleIds = Object.fromEntries((roles.body.data?.roles.edges ?? []).map(({ node }) => [node.name, node.id]));
  });
  afterAll(() => gateway.stop());

  it("creates a personal member who logs on with its password and gets exactly its roles' permissions", async () => {
    const member = await createMember("Ada@Example.test", ["viewer"], { fullname: "Ada Lovelace" });
    expect(member).toMatchObject({ email: "ada@example.test", fullname: "Ada Lovelace", kind: "PERSONAL", state: "ACTIVE", roles: [{ name: "viewer" }] });

    const token = await accessTokenOf("ada@example.test");
    expect(new Set(claims(token).perm as string[])).toEqual(new Set(permissionSets.viewer.permissions));
    expect(claims(token).acc).toBeNull();
    expect((await gql(gateway, AccountsCountQuery, { token })).body.data?.accounts.totalCount).toBe(0);
    expect(errorCode(await create(token, { email: "by-viewer@example.test", password }))).toBe("FORBIDDEN");

    const fetched = await gql(gateway, MemberQuery, { token: admin, variables: { id: member.id } });
    expect(fetched.body.data?.member).toMatchObject({ email: "ada@example.test", roles: [{ name: "viewer", permissionSet: "VIEWER" }] });
    expect(errorCode(await gql(gateway, `query { member(id: "${member.id}") { passwordHash } }`, { token: admin }))).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("creates a service member without password; it cannot log on", async () => {
    const service = await createMember("robot@example.test", ["member"], { kind: "SERVICE", password: null });
    expect(service.kind).toBe("SERVICE");
    expect(errorCode(await gql(gateway, LogonMutation, { variables: { input: { organizationId: tenant.organizationId, email: "robot@example.test", password } } }))).toBe(
      "UNAUTHENTICATED",
    );
  });

  it("validates input, naming the field", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ email: "not-an-email", password }, "email"],
      [{ email: "h\u0001@example.com", password }, "email"],
      [{ email: "x\u0001y@example.com", fullname: "X Y", password }, "email"],
      [{ email: "<script>@x", password }, "email"],
      [{ email: "short@example.test", password: "too-short" }, "password"],
      [{ email: "nopass@example.test" }, "password"],
      [{ email: "svc@example.test", kind: "SERVICE", password }, "password"],
      [{ email: "name@example.test", password, fullname: "bad\u0000name" }, "fullname"],
    ];
    for (const [input, field] of cases) {
      expect((await create(admin, input)).body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    await createMember("taken@example.test");
    const taken = await create(admin, { email: "TAKEN@example.test", password });
    expect(taken.body.errors?.[0]).toMatchObject({ message: "Member with this email already exists", extensions: { code: "CONFLICT" } });
  });

  it("lists members with filters, ordering, paging and a total count", async () => {
    for (const email of ["list-b@example.test", "list-a@example.test", "list-c@example.test"]) await createMember(email);
    const page = await gql(gateway, MembersQuery, {
      token: admin,
      variables: { filter: { email: { startsWith: "list-" } }, orderBy: { field: "EMAIL", direction: "ASC" }, first: 2 },
    });
    expect(page.body.data?.members.totalCount).toBe(3);
    expect(page.body.data?.members.edges.map((edge) => edge.node.email)).toEqual(["list-a@example.test", "list-b@example.test"]);
    const next = await gql(gateway, MembersQuery, {
      token: admin,
      variables: { filter: { email: { startsWith: "list-" } }, orderBy: { field: "EMAIL", direction: "ASC" }, after: page.body.data?.members.pageInfo.endCursor },
    });
    expect(next.body.data?.members.edges.map((edge) => edge.node.email)).toEqual(["list-c@example.test"]);

    const services = await gql(gateway, MembersQuery, { token: admin, variables: { filter: { kind: "SERVICE" } } });
    expect(services.body.data?.members.edges.every((edge) => edge.node.kind === "SERVICE")).toBe(true);
    expect(errorCode(await gql(gateway, MembersQuery, { token: admin, variables: { first: 101 } }))).toBe("BAD_USER_INPUT");
  });

  it("lets an administrator manage members, but not a viewer or an account-manager token", async () => {
    const viewer = await narrowedToken(gateway, admin, { permissionSet: "VIEWER" });
    const accountManager = await narrowedToken(gateway, admin, { permissionSet: "ACCOUNT_MANAGER" });
    const target = await createMember("managed@example.test", ["viewer"]);

    expect((await gql(gateway, MemberQuery, { token: viewer, variables: { id: target.id } })).body.data?.member.email).toBe("managed@example.test");
    for (const token of [viewer, accountManager]) {
      expect(errorCode(await create(token, { email: "denied@example.test", password }))).toBe("FORBIDDEN");
      expect(errorCode(await update(token, { id: target.id, fullname: "Renamed" }))).toBe("FORBIDDEN");
      expect(errorCode(await remove(token, target.id))).toBe("FORBIDDEN");
    }
    expect(errorCode(await gql(gateway, MembersQuery, { token: accountManager }))).toBe("FORBIDDEN");

    const renamed = await update(admin, { id: target.id, fullname: "Renamed" });
    expect(renamed.body.data?.updateMember.member.fullname).toBe("Renamed");
  });

  it("refuses role bindings beyond the caller's own authority, audits the refusal and changes nothing", async () => {
    const membersOnly = await narrowedToken(gateway, admin, {
      permissionSet: "ADMINISTRATOR",
      permissions: ["members:read", "members:write", "roles:read"],
    });
    const refused = await create(membersOnly, { email: "escalated@example.test", password, roleIds: [roleIds.viewer] });
    expect(errorCode(refused)).toBe("FORBIDDEN");
    expect(refused.body.errors?.[0]?.message).toContain("exceed");
    const allowed = await create(membersOnly, { email: "no-roles@example.test", password });
    expect(allowed.body.data?.createMember.member.roles).toEqual([]);
    expect(errorCode(await update(membersOnly, { id: allowed.body.data?.createMember.member.id, roleIds: [roleIds.administrator] }))).toBe("FORBIDDEN");

    const found = await gql(gateway, MembersQuery, { token: admin, variables: { filter: { email: { eq: "escalated@example.test" } } } });
    expect(found.body.data?.members.totalCount).toBe(0);
    const denied = await gql(gateway, MemberAuditQuery, { token: admin, variables: { filter: { action: { eq: "members.create" }, outcome: ["DENIED"] } } });
    expect(denied.body.data?.auditEvents.edges[0]?.node.reason).toContain("exceed");

    // Nor may such a token touch a member who holds more than it does.
    const viewerMember = await createMember("beyond@example.test", ["viewer"]);
    expect(errorCode(await update(membersOnly, { id: viewerMember.id, state: "DISABLED" }))).toBe("FORBIDDEN");
    expect(errorCode(await remove(membersOnly, viewerMember.id))).toBe("FORBIDDEN");
  });

  it("refuses an account-restricted administrator an unrestricted role", async () => {
    const account = await createAccount(gateway, admin, "restricted-home");
    const restricted = await narrowedToken(gateway, admin, { permissionSet: "ADMINISTRATOR", accountIds: [account.id] });
    const refused = await create(restricted, { email: "restricted-admin@example.test", password, roleIds: [roleIds.administrator] });
    expect(errorCode(refused)).toBe("FORBIDDEN");
  });

  it("protects the caller itself and the last administrator", async () => {
    const self = tenant.memberId;
    expect((await update(admin, { id: self, state: "DISABLED" })).body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "state" });
    expect((await remove(admin, self)).body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    const demote = await update(admin, { id: self, roleIds: [roleIds.viewer] });
    expect(demote.body.errors?.[0]).toMatchObject({
      message: "roleIds: this would remove the organization's last active administrator",
      extensions: { code: "BAD_USER_INPUT", field: "roleIds" },
    });

    // With a second administrator, either may demote the other; the last one left stays protected.
    const second = await createMember("second-admin@example.test", ["administrator"]);
    const secondToken = await accessTokenOf("second-admin@example.test");
    const demoted = await update(secondToken, { id: self, roleIds: [roleIds.viewer] });
    expect(demoted.body.errors).toBeUndefined();
    expect(demoted.body.data?.updateMember.member.roles).toEqual([{ name: "viewer" }]);
    expect(errorCode(await update(secondToken, { id: second.id, roleIds: [roleIds.viewer] }))).toBe("BAD_USER_INPUT");
    expect(errorCode(await update(secondToken, { id: self, roleIds: [roleIds.administrator] }))).toBeUndefined();
    // The role changes ended the first administrator's session; later tests use the new one.
    admin = (await logon(gateway, tenant)).accessToken;
    expect((await remove(admin, second.id)).body.data?.deleteMember.id).toBe(second.id);
  });

  it("ends a member's sessions when it is disabled or its roles change, and deletes them with it", async () => {
    const member = await createMember("sessions@example.test", ["viewer"]);
    let token = await accessTokenOf("sessions@example.test");
    expect((await gql(gateway, AccountsCountQuery, { token })).status).toBe(200);

    await update(admin, { id: member.id, roleIds: [roleIds.member] });
    expect((await gql(gateway, AccountsCountQuery, { token })).status).toBe(401);
    token = await accessTokenOf("sessions@example.test");
    expect(claims(token).perm).toEqual(expect.arrayContaining(["accounts:write"]));

    const disabled = await update(admin, { id: member.id, state: "DISABLED" });
    expect(disabled.body.data?.updateMember.member.state).toBe("DISABLED");
    const rejected = await gql(gateway, AccountsCountQuery, { token });
    expect(rejected.status).toBe(401);
    expect(errorCode(rejected)).toBe("UNAUTHENTICATED");
    expect(errorCode(await logonAs("sessions@example.test"))).toBe("UNAUTHENTICATED");

    await update(admin, { id: member.id, state: "ACTIVE" });
    token = await accessTokenOf("sessions@example.test");
    const deleted = await remove(admin, member.id);
    expect(deleted.body.data?.deleteMember.id).toBe(member.id);
    expect((await gql(gateway, AccountsCountQuery, { token })).status).toBe(401);
    expect(errorCode(await gql(gateway, MemberQuery, { token: admin, variables: { id: member.id } }))).toBe("NOT_FOUND");

    const audit = await gql(gateway, MemberAuditQuery, { token: admin, variables: { filter: { resourceId: member.id } } });
    expect(audit.body.data?.auditEvents.edges.map((edge) => [edge.node.action, edge.node.outcome])).toEqual(
      expect.arrayContaining([
        ["members.create", "SUCCESS"],
        ["members.update", "SUCCESS"],
        ["members.delete", "SUCCESS"],
      ]),
    );
  });

  it("answers NOT_FOUND for another tenant's members and roles and for malformed ids", async () => {
    const member = await createMember("private@example.test", ["viewer"]);
    for (const [token, id] of [
      [otherAdmin, member.id],
      [admin, "not-a-uuid"],
      [admin, "00000000-0000-7000-8000-000000000000"],
    ] as const) {
      expect(errorCode(await gql(gateway, MemberQuery, { token, variables: { id } }))).toBe("NOT_FOUND");
      expect(errorCode(await update(token, { id, fullname: "x" }))).toBe("NOT_FOUND");
      expect(errorCode(await remove(token, id))).toBe("NOT_FOUND");
    }
    expect(errorCode(await create(otherAdmin, { email: "foreign-role@example.test", password, roleIds: [roleIds.viewer] }))).toBe("NOT_FOUND");
    const foreignList = await gql(gateway, MembersQuery, { token: otherAdmin, variables: { filter: { email: { eq: "private@example.test" } } } });
    expect(foreignList.body.data?.members.totalCount).toBe(0);
  });
});
