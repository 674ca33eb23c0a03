import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/index.ts";
import { createAccount, createIntegration, seedAdminToken } from "../helpers/flows.ts";
import { errorCode, gql, startGateway, type TestGateway } from "../helpers/gateway.ts";
import { decideIntegrationPointAllows } from "../../src/services/integration-points.ts";
import { narrowedToken } from "./support.ts";

const CreateIntegrationPointMutation = graphql(`
  mutation CreateIntegrationPointForTest($input: CreateIntegrationPointInput!) {
    createIntegrationPoint(input: $input) {
      integrationPoint { id name fullname description connector testProviders prodProviders integrationCount createdAt updatedAt }
    }
  }
`);

const UpdateIntegrationPointMutation = graphql(`
  mutation UpdateIntegrationPointForTest($input: UpdateIntegrationPointInput!) {
    updateIntegrationPoint(input: $input) { integrationPoint { id name fullname description connector testProviders prodProviders } }
  }
`);

const DeleteIntegrationPointMutation = graphql(`
  mutation DeleteIntegrationPointForTest($input: DeleteIntegrationPointInput!) {
    deleteIntegrationPoint(input: $input) { id }
  }
`);

const IntegrationPointQuery = graphql(`
  query IntegrationPointForTest($id: ID!) {
    integrationPoint(id: $id) { id name connector testProviders prodProviders integrationCount }
  }
`);

const IntegrationPointsQuery = graphql(`
  query IntegrationPointsForTest($first: Int, $after: String, $filter: IntegrationPointFilter, $orderBy: IntegrationPointOrder) {
    integrationPoints(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      edges { node { id name connector } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const PointAuditQuery = graphql(`
  query IntegrationPointAuditForTest($filter: AuditEventFilter) {
    auditEvents(filter: $filter) { edges { node { action resourceType resourceId outcome accountId reason } } }
  }
`);

describe("decideIntegrationPointAllows", () => {
  const point = { name: "helpdesk", connector: "ticketing", testProviders: ["ticketing_mock"], prodProviders: [] as string[] };

  it("allows a provider of the point's connector listed for the account's environment", () =>
    expect(decideIntegrationPointAllows(point, { providerId: "ticketing_mock", environment: "TEST" })).toEqual({ allowed: true }));
  it("refuses the same provider for an environment that does not list it", () =>
    expect(decideIntegrationPointAllows(point, { providerId: "ticketing_mock", environment: "PROD" })).toEqual({
      allowed: false,
      reason: "integration point helpdesk does not allow ticketing_mock for PROD accounts",
    }));
  it("refuses a provider of another connector, whatever the lists say", () =>
    expect(
      decideIntegrationPointAllows({ ...point, testProviders: ["identity_mock"] }, { providerId: "identity_mock", environment: "TEST" }),
    ).toEqual({ allowed: false, reason: "integration point helpdesk is for the ticketing connector, not identity" }));
  it("refuses an unknown provider", () =>
    expect(decideIntegrationPointAllows(point, { providerId: "ticketing_nope", environment: "TEST" })).toMatchObject({ allowed: false }));
});

describe("integration points", () => {
  let gateway: TestGateway;
  let admin: string;
  let viewer: string;
  let otherTenantAdmin: string;

  const create = (token: string, input: Record<string, unknown>) =>
    gql(gateway, CreateIntegrationPointMutation, { token, variables: { input: { connector: "TICKETING", ...input } as never } });

  async function createPoint(name: string, input: Record<string, unknown> = {}) {
    const response = await create(admin, { name, ...input });
    expect(response.body.errors).toBeUndefined();
    const point = response.body.data?.createIntegrationPoint.integrationPoint;
    if (!point) throw new Error("createIntegrationPoint failed");
    return point;
  }

  beforeAll(async () => {
    gateway = await startGateway();
    admin = await seedAdminToken(gateway);
    viewer = await narrowedToken(gateway, admin, { permissionSet: "VIEWER" });
    otherTenantAdmin = await seedAdminToken(gateway);
  });
  afterAll(() => gateway.stop());

  it("creates, reads, updates and deletes a point, auditing each change", async () => {
    const created = await createPoint("helpdesk", {
      fullname: "Help desk",
      description: "Customer ticketing",
      testProviders: ["ticketing_mock", "ticketing_mock"],
      prodProviders: [],
    });
    expect(created).toMatchObject({
      name: "helpdesk",
      fullname: "Help desk",
      description: "Customer ticketing",
      connector: "TICKETING",
      testProviders: ["ticketing_mock"],
      prodProviders: [],
      integrationCount: 0,
    });

    const fetched = await gql(gateway, IntegrationPointQuery, { token: admin, variables: { id: created.id } });
    expect(fetched.body.data?.integrationPoint).toMatchObject({ id: created.id, name: "helpdesk", connector: "TICKETING" });

    const updated = await gql(gateway, UpdateIntegrationPointMutation, {
      token: admin,
      variables: { input: { id: created.id, name: "support-desk", prodProviders: ["ticketing_mock"] } },
    });
    expect(updated.body.data?.updateIntegrationPoint.integrationPoint).toMatchObject({
      name: "support-desk",
      fullname: "Help desk",
      testProviders: ["ticketing_mock"],
      prodProviders: ["ticketing_mock"],
    });

    const deleted = await gql(gateway, DeleteIntegrationPointMutation, { token: admin, variables: { input: { id: created.id } } });
    expect(deleted.body.data?.deleteIntegrationPoint.id).toBe(created.id);
    expect(errorCode(await gql(gateway, IntegrationPointQuery, { token: admin, variables: { id: created.id } }))).toBe("NOT_FOUND");

    const audit = await gql(gateway, PointAuditQuery, { token: admin, variables: { filter: { resourceId: created.id } } });
    expect(audit.body.data?.auditEvents.edges.map((edge) => edge.node)).toEqual(
      ["integration-points.delete", "integration-points.update", "integration-points.create"].map((action) => ({
        action,
        resourceType: "IntegrationPoint",
        resourceId: created.id,
        outcome: "SUCCESS",
        accountId: null,
        reason: null,
      })),
    );
  });

  it("lists points with filters, ordering, paging and a total count", async () => {
    for (const name of ["list-b", "list-a", "list-c"]) await createPoint(name);
    await createPoint("list-identity", { connector: "IDENTITY", testProviders: ["identity_mock"] });

    const byName = await gql(gateway, IntegrationPointsQuery, {
      token: admin,
      variables: { filter: { name: { startsWith: "list-" }, connector: "TICKETING" }, orderBy: { field: "NAME", direction: "DESC" }, first: 2 },
    });
    const page = byName.body.data?.integrationPoints;
    expect(page?.totalCount).toBe(3);
    expect(page?.edges.map((edge) => edge.node.name)).toEqual(["list-c", "list-b"]);
    expect(page?.pageInfo.hasNextPage).toBe(true);

    const next = await gql(gateway, IntegrationPointsQuery, {
      token: admin,
      variables: { filter: { name: { startsWith: "list-" }, connector: "TICKETING" }, orderBy: { field: "NAME", direction: "DESC" }, first: 2, after: page?.pageInfo.endCursor },
    });
    expect(next.body.data?.integrationPoints.edges.map((edge) => edge.node.name)).toEqual(["list-a"]);

    const identity = await gql(gateway, IntegrationPointsQuery, { token: admin, variables: { filter: { connector: "IDENTITY" } } });
    expect(identity.body.data?.integrationPoints.edges.map((edge) => edge.node.name)).toEqual(["list-identity"]);

    expect(errorCode(await gql(gateway, IntegrationPointsQuery, { token: admin, variables: { first: 101 } }))).toBe("BAD_USER_INPUT");
  });

  it("refuses unknown providers and providers of another connector, naming the field", async () => {
    const unknown = await create(admin, { name: "bad-unknown", testProviders: ["ticketing_nope"] });
    expect(errorCode(unknown)).toBe("BAD_USER_INPUT");
    expect(unknown.body.errors?.[0]?.extensions?.field).toBe("testProviders");

    const otherConnector = await create(admin, { name: "bad-connector", prodProviders: ["identity_mock"] });
    expect(errorCode(otherConnector)).toBe("BAD_USER_INPUT");
    expect(otherConnector.body.errors?.[0]?.extensions?.field).toBe("prodProviders");
    expect(otherConnector.body.errors?.[0]?.message).toContain("identity_mock is a identity provider, not ticketing");

    const badName = await create(admin, { name: "Not A Slug" });
    expect(badName.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "name" });

    const point = await createPoint("fixed-connector");
    const update = await gql(gateway, UpdateIntegrationPointMutation, {
      token: admin,
      variables: { input: { id: point.id, testProviders: ["notifications_mock"] } },
    });
    expect(update.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "testProviders" });
  });

  it("answers CONFLICT for a taken name, on create and on rename", async () => {
    await createPoint("taken");
    const other = await createPoint("not-taken");
    const conflict = { message: "Integration point with this name already exists", extensions: { code: "CONFLICT" } };
    expect((await create(admin, { name: "taken" })).body.errors?.[0]).toMatchObject(conflict);
    const rename = await gql(gateway, UpdateIntegrationPointMutation, { token: admin, variables: { input: { id: other.id, name: "taken" } } });
    expect(rename.body.errors?.[0]).toMatchObject(conflict);
  });

  it("lets a viewer read points but not change them", async () => {
    const point = await createPoint("viewer-visible");
    const read = await gql(gateway, IntegrationPointQuery, { token: viewer, variables: { id: point.id } });
    expect(read.body.data?.integrationPoint.name).toBe("viewer-visible");

    expect(errorCode(await create(viewer, { name: "viewer-made" }))).toBe("FORBIDDEN");
    const update = await gql(gateway, UpdateIntegrationPointMutation, { token: viewer, variables: { input: { id: point.id, name: "renamed" } } });
    expect(errorCode(update)).toBe("FORBIDDEN");
    const remove = await gql(gateway, DeleteIntegrationPointMutation, { token: viewer, variables: { input: { id: point.id } } });
    expect(errorCode(remove)).toBe("FORBIDDEN");
    expect(remove.body.data).toBeNull();
  });

  it("answers NOT_FOUND for another tenant's point and for malformed ids, exactly as for unknown ones", async () => {
    const point = await createPoint("private-point");
    for (const id of [point.id, "not-a-uuid", "00000000-0000-7000-8000-000000000000"]) {
      const token = id === point.id ? otherTenantAdmin : admin;
      const notFound = { message: "Integration point not found", extensions: { code: "NOT_FOUND" } };
      expect((await gql(gateway, IntegrationPointQuery, { token, variables: { id } })).body.errors?.[0]).toMatchObject(notFound);
      expect((await gql(gateway, UpdateIntegrationPointMutation, { token, variables: { input: { id, fullname: "x" } } })).body.errors?.[0]).toMatchObject(notFound);
      expect((await gql(gateway, DeleteIntegrationPointMutation, { token, variables: { input: { id } } })).body.errors?.[0]).toMatchObject(notFound);
    }
    const foreignList = await gql(gateway, IntegrationPointsQuery, { token: otherTenantAdmin, variables: {} });
    expect(foreignList.body.data?.integrationPoints.totalCount).toBe(0);
    const untouched = await gql(gateway, IntegrationPointQuery, { token: admin, variables: { id: point.id } });
    expect(untouched.body.data?.integrationPoint.name).toBe("private-point");
  });

  it("refuses to delete a point while integrations use it, and counts only the integrations a token can reach", async () => {
    const point = await createPoint("in-use", { testProviders: ["ticketing_mock"] });
    const [east, west] = [await createAccount(gateway, admin, "in-use-east"), await createAccount(gateway, admin, "in-use-west")];
    const eastIntegration = await createIntegration(gateway, admin, east.id, "tickets");
    const westIntegration = await createIntegration(gateway, admin, west.id, "tickets");
    // createIntegration does not take integration points yet; attach them the way it will.
    await gateway.app.database.prisma.integration.updateMany({
      where: { id: { in: [eastIntegration.integration.id, westIntegration.integration.id] } },
      data: { integrationPointId: point.id },
    });

    const counted = await gql(gateway, IntegrationPointQuery, { token: admin, variables: { id: point.id } });
    expect(counted.body.data?.integrationPoint.integrationCount).toBe(2);
    const eastOnly = await narrowedToken(gateway, admin, { permissionSet: "VIEWER", accountIds: [east.id] });
    const restricted = await gql(gateway, IntegrationPointQuery, { token: eastOnly, variables: { id: point.id } });
    expect(restricted.body.data?.integrationPoint.integrationCount).toBe(1);

    const refused = await gql(gateway, DeleteIntegrationPointMutation, { token: admin, variables: { input: { id: point.id } } });
    expect(errorCode(refused)).toBe("CONFLICT");
    expect(refused.body.errors?.[0]?.message).toBe("The integration point is still used by integrations; delete them first");

    await gateway.app.database.prisma.integration.deleteMany({ where: { integrationPointId: point.id } });
    const deleted = await gql(gateway, DeleteIntegrationPointMutation, { token: admin, variables: { input: { id: point.id } } });
    expect(deleted.body.data?.deleteIntegrationPoint.id).toBe(point.id);
  });

  it("lets an account-restricted token read points but not change what applies to every account", async () => {
    const account = await createAccount(gateway, admin, "restricted-home");
    const restricted = await narrowedToken(gateway, admin, { permissionSet: "MEMBER", accountIds: [account.id] });
    const point = await createPoint("shared-point");

    const read = await gql(gateway, IntegrationPointsQuery, { token: restricted, variables: { filter: { name: { eq: "shared-point" } } } });
    expect(read.body.data?.integrationPoints.edges.map((edge) => edge.node.id)).toEqual([point.id]);

    expect(errorCode(await create(restricted, { name: "restricted-made" }))).toBe("FORBIDDEN");
    const update = await gql(gateway, UpdateIntegrationPointMutation, { token: restricted, variables: { input: { id: point.id, name: "hijacked" } } });
    expect(errorCode(update)).toBe("FORBIDDEN");
    expect(errorCode(await gql(gateway, DeleteIntegrationPointMutation, { token: restricted, variables: { input: { id: point.id } } }))).toBe("FORBIDDEN");

    const denied = await gql(gateway, PointAuditQuery, { token: admin, variables: { filter: { resourceId: point.id, outcome: ["DENIED"] } } });
    expect(denied.body.data?.auditEvents.edges.map((edge) => edge.node.action)).toEqual(["integration-points.delete", "integration-points.update"]);
  });
});
