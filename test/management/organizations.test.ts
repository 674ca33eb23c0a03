import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/index.ts";
import { createAccount, LogonMutation, logon, seedAdminToken } from "../helpers/flows.ts";
import { errorCode, gql, seedTenant, startGateway, type SeededTenant, type TestGateway } from "../helpers/gateway.ts";
import { createTenant } from "../../src/services/tenants.ts";
import { narrowedToken } from "./support.ts";

const OrganizationQuery = graphql(`
  query OrganizationForOrganizationsTest {
    organization { id tenantId name fullname parentId }
  }
`);

const UpdateOrganizationMutation = graphql(`
  mutation UpdateOrganizationForOrganizationsTest($input: UpdateOrganizationInput!) {
    updateOrganization(input: $input) { organization { id name fullname } }
  }
`);

const CreateSubOrganizationMutation = graphql(`
  mutation CreateSubOrganizationForOrganizationsTest($input: CreateSubOrganizationInput!) {
    createSubOrganization(input: $input) { organization { id tenantId name fullname parentId } adminMemberId }
  }
`);

const DeleteSubOrganizationMutation = graphql(`
  mutation DeleteSubOrganizationForOrganizationsTest($input: DeleteSubOrganizationInput!) {
    deleteSubOrganization(input: $input) { id }
  }
`);

const SubOrganizationsQuery = graphql(`
  query SubOrganizationsForOrganizationsTest($first: Int, $after: String, $filter: SubOrganizationFilter, $orderBy: SubOrganizationOrder) {
    subOrganizations(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      edges { node { id name } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const SubOrganizationQuery = graphql(`
  query SubOrganizationForOrganizationsTest($id: ID!) {
    subOrganization(id: $id) { id name parentId }
  }
`);

const ChildViewQuery = graphql(`
  query ChildViewForOrganizationsTest {
    accounts { totalCount }
    members { edges { node { id email roles { name } } } }
    roles(filter: { builtIn: true }) { totalCount }
  }
`);

const AccountForOrganizationsTest = graphql(`
  query AccountForOrganizationsTest($id: ID!) {
    account(id: $id) { id }
  }
`);

const OrganizationAuditQuery = graphql(`
  query OrganizationAuditForOrganizationsTest($filter: AuditEventFilter) {
    auditEvents(filter: $filter) { edges { node { action resourceId outcome } } }
  }
`);

const adminPassword = "sub-organization-password";

describe("organization and sub-organizations", () => {
  let gateway: TestGateway;
  let tenant: SeededTenant;
  let admin: string;
  let otherAdmin: string;

  const createSub = (token: string, input: Record<string, unknown>) =>
    gql(gateway, CreateSubOrganizationMutation, { token, variables: { input: input as never } });
  const deleteSub = (token: string, id: string) => gql(gateway, DeleteSubOrganizationMutation, { token, variables: { input: { id } } });

  async function createSubOrganization(name: string) {
    const response = await createSub(admin, { name, fullname: `Sub ${name}`, adminEmail: `admin@${name}.test`, adminPassword });
    expect(response.body.errors).toBeUndefined();
    const created = response.body.data?.createSubOrganization;
    if (!created) throw new Error("createSubOrganization failed");
    return created;
  }

  const logonToSub = (organizationId: string, name: string) =>
    gql(gateway, LogonMutation, { variables: { input: { organizationId, email: `admin@${name}.test`, password: adminPassword } } });

  beforeAll(async () => {
    gateway = await startGateway();
    tenant = await seedTenant(gateway);
    admin = (await logon(gateway, tenant)).accessToken;
    otherAdmin = await seedAdminToken(gateway);
  });
  afterAll(() => gateway.stop());

  it("renames the organization; a viewer may read it but not change it", async () => {
    const updated = await gql(gateway, UpdateOrganizationMutation, { token: admin, variables: { input: { fullname: "Acme Corporation" } } });
    expect(updated.body.data?.updateOrganization.organization).toMatchObject({ id: tenant.organizationId, fullname: "Acme Corporation" });
    const renamed = await gql(gateway, UpdateOrganizationMutation, { token: admin, variables: { input: { name: `acme-${Date.now()}` } } });
    expect(renamed.body.errors).toBeUndefined();

    const viewer = await narrowedToken(gateway, admin, { permissionSet: "VIEWER" });
    expect((await gql(gateway, OrganizationQuery, { token: viewer })).body.data?.organization.fullname).toBe("Acme Corporation");
    expect(errorCode(await gql(gateway, UpdateOrganizationMutation, { token: viewer, variables: { input: { fullname: "Hijacked" } } }))).toBe("FORBIDDEN");

    const badName = await gql(gateway, UpdateOrganizationMutation, { token: admin, variables: { input: { name: "Not A Slug" } } });
    expect(badName.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "name" });
    await createSubOrganization("taken-name");
    expect(errorCode(await gql(gateway, UpdateOrganizationMutation, { token: admin, variables: { input: { name: "taken-name" } } }))).toBe("CONFLICT");
  });

  it("creates a sub-organization whose administrator logs on to it and cannot see the parent's accounts", async () => {
    const parentAccount = await createAccount(gateway, admin, "parent-only");
    const { organization, adminMemberId } = await createSubOrganization("emea");
    expect(organization).toMatchObject({ tenantId: tenant.tenantId, name: "emea", fullname: "Sub emea", parentId: tenant.organizationId });

    const logged = await logonToSub(organization.id, "emea");
    expect(logged.body.errors).toBeUndefined();
    const child = logged.body.data?.logon.tokens.accessToken ?? "";
    expect((await gql(gateway, OrganizationQuery, { token: child })).body.data?.organization).toMatchObject({ id: organization.id, parentId: tenant.organizationId });

    const view = await gql(gateway, ChildViewQuery, { token: child });
    expect(view.body.data?.accounts.totalCount).toBe(0);
    expect(view.body.data?.members.edges.map((edge) => edge.node)).toEqual([{ id: adminMemberId, email: "admin@emea.test", roles: [{ name: "administrator" }] }]);
    expect(view.body.data?.roles.totalCount).toBe(6);
    expect(errorCode(await gql(gateway, AccountForOrganizationsTest, { token: child, variables: { id: parentAccount.id } }))).toBe("NOT_FOUND");
    expect(errorCode(await gql(gateway, SubOrganizationQuery, { token: child, variables: { id: tenant.organizationId } }))).toBe("NOT_FOUND");

    // The parent sees the child organization, but none of the child's members.
    const parentView = await gql(gateway, ChildViewQuery, { token: admin });
    expect(parentView.body.data?.members.edges.map((edge) => edge.node.id)).not.toContain(adminMemberId);
    expect((await gql(gateway, SubOrganizationQuery, { token: admin, variables: { id: organization.id } })).body.data?.subOrganization.name).toBe("emea");
  });

  it("lists direct sub-organizations with filters, ordering and paging", async () => {
    for (const name of ["list-b", "list-a", "list-c"]) await createSubOrganization(name);
    const page = await gql(gateway, SubOrganizationsQuery, {
      token: admin,
      variables: { filter: { name: { startsWith: "list-" } }, orderBy: { field: "NAME", direction: "DESC" }, first: 2 },
    });
    expect(page.body.data?.subOrganizations.totalCount).toBe(3);
    expect(page.body.data?.subOrganizations.edges.map((edge) => edge.node.name)).toEqual(["list-c", "list-b"]);
    const next = await gql(gateway, SubOrganizationsQuery, {
      token: admin,
      variables: { filter: { name: { startsWith: "list-" } }, orderBy: { field: "NAME", direction: "DESC" }, after: page.body.data?.subOrganizations.pageInfo.endCursor },
    });
    expect(next.body.data?.subOrganizations.edges.map((edge) => edge.node.name)).toEqual(["list-a"]);
    const all = await gql(gateway, SubOrganizationsQuery, { token: admin });
    expect(all.body.data?.subOrganizations.edges.map((edge) => edge.node.id)).not.toContain(tenant.organizationId);
    expect(errorCode(await gql(gateway, SubOrganizationsQuery, { token: admin, variables: { first: 101 } }))).toBe("BAD_USER_INPUT");
  });

  it("validates a new sub-organization, naming the field, and answers CONFLICT for a name taken in the tenant", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "Bad Name", adminEmail: "a@b.test", adminPassword }, "name"],
      [{ name: "bad-email", adminEmail: "nope", adminPassword }, "adminEmail"],
      [{ name: "bad-password", adminEmail: "a@b.test", adminPassword: "short" }, "adminPassword"],
    ];
    for (const [input, field] of cases) {
      expect((await createSub(admin, input)).body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    await createSubOrganization("duplicate");
    expect(errorCode(await createSub(admin, { name: "duplicate", adminEmail: "x@duplicate.test", adminPassword }))).toBe("CONFLICT");
  });

  it("refuses sub-organization changes to viewers and account-restricted tokens", async () => {
    const existing = await createSubOrganization("guarded");
    const viewer = await narrowedToken(gateway, admin, { permissionSet: "VIEWER" });
    const account = await createAccount(gateway, admin, "restricted-home");
    const restricted = await narrowedToken(gateway, admin, { permissionSet: "ADMINISTRATOR", accountIds: [account.id] });
    for (const token of [viewer, restricted]) {
      expect(errorCode(await createSub(token, { name: "denied", adminEmail: "a@denied.test", adminPassword }))).toBe("FORBIDDEN");
      expect(errorCode(await deleteSub(token, existing.organization.id))).toBe("FORBIDDEN");
    }
    expect(errorCode(await gql(gateway, UpdateOrganizationMutation, { token: restricted, variables: { input: { fullname: "Restricted" } } }))).toBe("FORBIDDEN");
    expect((await gql(gateway, SubOrganizationQuery, { token: viewer, variables: { id: existing.organization.id } })).body.data?.subOrganization.name).toBe("guarded");
  });

  it("deletes a sub-organization with everything below it; its tokens fail on the next request", async () => {
    const { organization } = await createSubOrganization("doomed");
    const child = (await logonToSub(organization.id, "doomed")).body.data?.logon.tokens.accessToken ?? "";
    const grandchild = await createSub(child, { name: "doomed-child", adminEmail: "admin@doomed-child.test", adminPassword });
    const grandchildId = grandchild.body.data?.createSubOrganization.organization.id ?? "";
    const grandchildToken = (await logonToSub(grandchildId, "doomed-child")).body.data?.logon.tokens.accessToken ?? "";
    expect((await gql(gateway, OrganizationQuery, { token: grandchildToken })).status).toBe(200);

    expect((await deleteSub(admin, organization.id)).body.data?.deleteSubOrganization.id).toBe(organization.id);
    expect((await gql(gateway, OrganizationQuery, { token: child })).status).toBe(401);
    expect((await gql(gateway, OrganizationQuery, { token: grandchildToken })).status).toBe(401);
    expect(errorCode(await gql(gateway, SubOrganizationQuery, { token: admin, variables: { id: organization.id } }))).toBe("NOT_FOUND");
    expect(errorCode(await logonToSub(organization.id, "doomed"))).toBe("UNAUTHENTICATED");

    const audit = await gql(gateway, OrganizationAuditQuery, { token: admin, variables: { filter: { resourceId: organization.id } } });
    expect(audit.body.data?.auditEvents.edges.map((edge) => [edge.node.action, edge.node.outcome])).toEqual([
      ["sub-organizations.delete", "SUCCESS"],
      ["sub-organizations.create", "SUCCESS"],
    ]);
  });

  it("answers NOT_FOUND for the caller's own organization, another tenant's and malformed ids", async () => {
    const { organization } = await createSubOrganization("private-sub");
    for (const [token, id] of [
      [otherAdmin, organization.id],
      [admin, tenant.organizationId],
      [admin, "not-a-uuid"],
      [admin, "00000000-0000-7000-8000-000000000000"],
    ] as const) {
      expect(errorCode(await gql(gateway, SubOrganizationQuery, { token, variables: { id } }))).toBe("NOT_FOUND");
      expect(errorCode(await deleteSub(token, id))).toBe("NOT_FOUND");
    }
    expect((await gql(gateway, SubOrganizationsQuery, { token: otherAdmin })).body.data?.subOrganizations.totalCount).toBe(0);
  });

  it("still creates tenants from the CLI path with the same shared steps", async () => {
    const created = await createTenant(gateway.app.database.prisma, { name: "cli-tenant", adminEmail: "Root@CLI.test", adminPassword });
    expect(created).toEqual({ tenantId: created.organizationId, organizationId: expect.any(String), memberId: expect.any(String), adminEmail: "root@cli.test" });
    const logged = await gql(gateway, LogonMutation, { variables: { input: { organizationId: created.organizationId, email: "root@cli.test", password: adminPassword } } });
    const token = logged.body.data?.logon.tokens.accessToken ?? "";
    expect((await gql(gateway, OrganizationQuery, { token })).body.data?.organization).toMatchObject({ tenantId: created.tenantId, parentId: null, name: "cli-tenant" });
  });
});
