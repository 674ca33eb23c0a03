/** Every operation of every mock provider, end to end through the gateway with integration tokens; each integration keeps its own state. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createIntegration, logon } from "../helpers/flows.ts";
import { errorCode, gql, seedTenant, startGateway, type TestGateway } from "../helpers/gateway.ts";
import { connectorClient, pageThrough } from "./connector-api.ts";
import * as doc from "./mock-documents.ts";

describe("the mock providers through the gateway", () => {
  let gateway: TestGateway;
  let adminToken: string;
  const tokens = { ticketing: "", otherTicketing: "", identity: "", otherIdentity: "", notifications: "", cloudsecurity: "", otherCloudsecurity: "" };
  const call = connectorClient(() => gateway, () => tokens.ticketing);

  beforeAll(async () => {
    gateway = await startGateway({ SWITCHYARD_ALLOW_PRIVATE_NETWORKS: "true" });
    const tenant = await seedTenant(gateway);
    adminToken = (await logon(gateway, tenant)).accessToken;
    const account = await createAccount(gateway, adminToken, "mocks");
    const create = async (name: string, provider: Parameters<typeof createIntegration>[4]) =>
      (await createIntegration(gateway, adminToken, account.id, name, provider)).tokens.accessToken;
    tokens.ticketing = await create("tickets", { ticketingMock: {} });
    tokens.otherTicketing = await create("other-tickets", { ticketingMock: {} });
    tokens.identity = await create("identity", { identityMock: {} });
    tokens.otherIdentity = await create("other-identity", { identityMock: {} });
    tokens.notifications = await create("notifications", { notificationsMock: {} });
    tokens.cloudsecurity = await create("cloudsecurity", { cloudsecurityMock: { label: "dev" } });
    tokens.otherCloudsecurity = await create("other-cloudsecurity", { cloudsecurityMock: {} });
  });
  afterAll(async () => {
    await gateway.stop();
  });

  it("advertise every operation of their connector in the capabilities", async () => {
    const capabilities = await gql(gateway, doc.ProvidersQuery, { token: adminToken });
    const byId = new Map(capabilities.body.data?.providers.map((provider) => [provider.id, provider.operations]));
    expect(byId.get("ticketing_mock")?.map((operation) => operation.id)).toHaveLength(8);
    expect(byId.get("identity_mock")?.map((operation) => operation.id)).toHaveLength(10);
    expect(byId.get("cloudsecurity_mock")?.map((operation) => operation.id)).toHaveLength(3);
    expect(byId.get("ticketing_mock")?.find((operation) => operation.id === "ticketing_query_tickets")).toEqual({
      id: "ticketing_query_tickets",
      filters: ["status", "priority", "assigneeId", "projectKey", "tags", "createdAfter", "createdBefore", "updatedAfter", "updatedBefore"],
      orders: ["CREATED_AT", "UPDATED_AT", "PRIORITY", "DUE_DATE"],
    });
  });

  it("answers one provider by id, and NOT_FOUND for an id that names none, as every by-id lookup does", async () => {
    const ProviderQuery = "query($id: String!) { provider(id: $id) { id connector } }";
    const found = await gql<{ provider: { id: string; connector: string } }>(gateway, ProviderQuery, { token: adminToken, variables: { id: "ticketing_mock" } });
    expect(found.body).toEqual({ data: { provider: { id: "ticketing_mock", connector: "TICKETING" } } });
    for (const id of ["nope", "ticketingMock", ""]) {
      const unknown = await gql(gateway, ProviderQuery, { token: adminToken, variables: { id } });
      expect(unknown.body.errors?.[0]).toMatchObject({ message: "Provider not found", extensions: { code: "NOT_FOUND" } });
    }
  });

  describe("ticketing_mock", () => {
    it("pages through tickets oldest first, filters and orders them, reads one and lists projects", async () => {
      const { nodes, pages } = await pageThrough(
        (after) => call(doc.TicketsQuery, { first: 5, after }, tokens.otherTicketing),
        (data) => data.tickets,
      );
      expect(pages).toBe(3);
      expect(nodes.map((ticket) => ticket.key)).toEqual(Array.from({ length: 12 }, (_, index) => `MOCK-${index + 1}`));

      const done = await call(doc.TicketsQuery, { first: 50, filter: { status: ["Done"] }, orderBy: { field: "CREATED_AT", direction: "DESC" } }, tokens.otherTicketing);
      expect(done.body.data?.tickets.edges.map((edge) => edge.node.key)).toEqual(["MOCK-11", "MOCK-8", "MOCK-5", "MOCK-2"]);
      const mine = await call(doc.TicketsQuery, { first: 50, filter: { assigneeId: ["user-1"], createdAfter: "2026-01-05T00:00:00Z" }, orderBy: { field: "PRIORITY", direction: "DESC" } }, tokens.otherTicketing);
      expect(mine.body.data?.tickets.edges.map((edge) => [edge.node.key, edge.node.priority])).toEqual([["MOCK-10", "URGENT"], ["MOCK-7", "MEDIUM"]]);

      const ticket = await call(doc.TicketQuery, { id: "MOCK-2" }, tokens.otherTicketing);
      expect(ticket.body.data?.ticket).toMatchObject({ id: "10002", key: "MOCK-2", summary: "Mock ticket 2", project: { key: "MOCK" } });
      expect(errorCode(await call(doc.TicketQuery, { id: "MOCK-99" }, tokens.otherTicketing))).toBe("NOT_FOUND");

      const projects = await call(doc.ProjectsQuery, {}, tokens.otherTicketing);
      expect(projects.body.data?.projects.edges.map((edge) => edge.node.key)).toEqual(["MOCK", "OPS"]);
    });

    it("creates and updates tickets along the workflow; the other integration sees none of it", async () => {
      const created = await call(doc.CreateTicketMutation, { input: { projectKey: "OPS", issueType: "Task", summary: "Rotate keys", assigneeId: "user-1", parentId: "MOCK-1" } });
      expect(created.body.data?.createTicket.ticket).toEqual({ id: "10013", key: "OPS-13", status: "To Do", project: { key: "OPS" }, assignee: { id: "user-1" }, parent: { key: "MOCK-1" } });
      const refused = await call(doc.CreateTicketMutation, { input: { projectKey: "NOPE", issueType: "Task", summary: "x" } });
      expect(errorCode(refused)).toBe("BAD_USER_INPUT");

      const skipped = await call(doc.UpdateTicketMutation, { input: { id: "OPS-13", status: "Done" } });
      expect(errorCode(skipped)).toBe("BAD_USER_INPUT");
      expect(skipped.body.errors?.[0]?.message).toBe('The issue\'s workflow has no transition to "Done" from its current status; reachable: In Progress');
      for (const status of ["In Progress", "Done", "In Progress", "To Do"]) {
        const moved = await call(doc.UpdateTicketMutation, { input: { id: "OPS-13", status, summary: `Rotate keys (${status})` } });
        expect(moved.body.data?.updateTicket.ticket).toEqual({ id: "10013", key: "OPS-13", status, summary: `Rotate keys (${status})` });
      }

      const ops = await call(doc.TicketsQuery, { first: 10, filter: { projectKey: ["OPS"] } });
      expect(ops.body.data?.tickets.edges.map((edge) => [edge.node.key, edge.node.status])).toEqual([["OPS-13", "To Do"]]);
      expect(errorCode(await call(doc.TicketQuery, { id: "OPS-13" }, tokens.otherTicketing))).toBe("NOT_FOUND");
    });

    it("lists, creates and deletes comments", async () => {
      const added = await call(doc.CreateCommentMutation, { input: { ticketId: "MOCK-4", body: "Looking into it" } });
      const comment = added.body.data?.createTicketComment.comment;
      expect(comment).toMatchObject({ ticketId: "10004", body: "Looking into it", author: { id: "user-0" } });
      const listed = await call(doc.CommentsQuery, { ticketId: "MOCK-4" });
      expect(listed.body.data?.ticketComments.edges.map((edge) => edge.node)).toEqual([{ id: comment?.id, ticketId: "10004", body: "Looking into it" }]);
      expect((await call(doc.CommentsQuery, { ticketId: "MOCK-4" }, tokens.otherTicketing)).body.data?.ticketComments.edges).toEqual([]);

      const deleted = await call(doc.DeleteCommentMutation, { input: { ticketId: "MOCK-4", commentId: comment?.id ?? "" } });
      expect(deleted.body.data?.deleteTicketComment.commentId).toBe(comment?.id);
      expect((await call(doc.CommentsQuery, { ticketId: "MOCK-4" })).body.data?.ticketComments.edges).toEqual([]);
      expect(errorCode(await call(doc.DeleteCommentMutation, { input: { ticketId: "MOCK-4", commentId: comment?.id ?? "" } }))).toBe("NOT_FOUND");
    });
  });

  describe("identity_mock", () => {
    it("pages through users, filters them, and reads one", async () => {
      const { nodes } = await pageThrough(
        (after) => call(doc.UsersQuery, { first: 3, after }, tokens.otherIdentity),
        (data) => data.identityUsers,
      );
      expect(nodes.map((user) => user.status)).toEqual(["ACTIVE", "STAGED", "PROVISIONED", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT", "SUSPENDED", "DEPROVISIONED"]);

      const ids = async (filter: Record<string, unknown>) => (await call(doc.UsersQuery, { first: 10, filter }, tokens.otherIdentity)).body.data?.identityUsers.edges.map((edge) => edge.node.id);
      expect(await ids({ status: ["DEPROVISIONED"] })).toEqual(["00u7mock"]);
      expect(await ids({ email: "person2@example.test" })).toEqual(["00u2mock"]);
      expect(await ids({ login: "person3@example.test" })).toEqual(["00u3mock"]);
      expect(await ids({ search: "person4" })).toEqual(["00u4mock"]);
      // At or after: 00u6mock was updated at exactly that instant.
      expect(await ids({ updatedAfter: "2026-01-09T09:30:00Z" })).toEqual(["00u6mock", "00u7mock"]);

      const user = await call(doc.UserQuery, { id: "00u0mock" }, tokens.otherIdentity);
      expect(user.body.data?.identityUser).toEqual({ id: "00u0mock", login: "person0@example.test", status: "ACTIVE", displayName: "Person 0" });
      expect(errorCode(await call(doc.UserQuery, { id: "00u9mock" }, tokens.otherIdentity))).toBe("NOT_FOUND");
    });

    it("lists and reads groups and their members", async () => {
      const groups = await call(doc.GroupsQuery, { filter: { name: "Eng" } }, tokens.otherIdentity);
      expect(groups.body.data?.identityGroups.edges.map((edge) => edge.node.name)).toEqual(["Engineering", "Engineering managers"]);
      expect((await call(doc.GroupQuery, { id: "00g3mock" }, tokens.otherIdentity)).body.data?.identityGroup).toEqual({ id: "00g3mock", name: "Salesforce users", type: "APP_GROUP" });
      const members = await call(doc.GroupMembersQuery, { groupId: "00g1mock" }, tokens.otherIdentity);
      expect(members.body.data?.identityGroupMembers.edges.map((edge) => edge.node.id)).toEqual(["00u0mock", "00u1mock", "00u3mock", "00u5mock"]);
      expect(errorCode(await call(doc.GroupQuery, { id: "00g9mock" }, tokens.otherIdentity))).toBe("NOT_FOUND");
    });

    it("runs the lifecycle actions, shows them in later reads and the audit log, and leaves the other integration alone", async () => {
      const as = tokens.identity;
      expect((await call(doc.DisableMutation, { input: { userId: "00u0mock" } }, as)).body.data?.disableIdentityUser.userId).toBe("00u0mock");
      expect((await call(doc.UserQuery, { id: "00u0mock" }, as)).body.data?.identityUser.status).toBe("SUSPENDED");
      expect((await call(doc.UserQuery, { id: "00u0mock" }, tokens.otherIdentity)).body.data?.identityUser.status).toBe("ACTIVE");

      await call(doc.EnableMutation, { input: { userId: "00u0mock" } }, as);
      await call(doc.ForcePasswordResetMutation, { input: { userId: "00u0mock" } }, as);
      expect((await call(doc.ExpireSessionsMutation, { input: { userId: "00u0mock" } }, as)).body.data?.expireIdentityUserSessions.userId).toBe("00u0mock");
      expect((await call(doc.UserQuery, { id: "00u0mock" }, as)).body.data?.identityUser.status).toBe("PASSWORD_EXPIRED");

      const refused = await call(doc.DisableMutation, { input: { userId: "00u5mock" } }, as);
      expect(errorCode(refused)).toBe("BAD_USER_INPUT");
      expect(errorCode(await call(doc.EnableMutation, { input: { userId: "00u9mock" } }, as))).toBe("NOT_FOUND");

      const window = "query($since: DateTime, $until: DateTime) { identityAuditLog(first: 5, since: $since, until: $until) { edges { node { typeUid } } } }";
      const backwards = await gql(gateway, window, { token: as, variables: { since: "2026-06-02T00:00:00Z", until: "2026-06-01T00:00:00Z" } });
      expect(backwards.body.errors?.[0]).toMatchObject({ message: "since: must not be later than `until`", extensions: { code: "BAD_USER_INPUT", field: "since" } });

      const recent = await call(doc.AuditLogQuery, { since: "2026-06-01T00:00:00Z" }, as);
      expect(recent.body.data?.identityAuditLog.edges.map((edge) => [edge.node.typeUid, edge.node.user?.uid, edge.node.actor?.name])).toEqual([
        [300202, "00u0mock", "admin@example.test"],
        [300104, "00u0mock", "admin@example.test"],
        [300102, "00u0mock", "admin@example.test"],
        [300105, "00u0mock", "admin@example.test"],
      ]);
      expect((await call(doc.AuditLogQuery, { since: "2026-06-01T00:00:00Z" }, tokens.otherIdentity)).body.data?.identityAuditLog.edges).toEqual([]);
    });

    it("serves the seeded audit log as OCSF events, filtered by event type", async () => {
      const logons = await call(doc.AuditLogQuery, { eventTypes: ["user.session.start"] }, tokens.otherIdentity);
      expect(logons.body.data?.identityAuditLog.edges.map((edge) => ({ ...edge.node, ocsf: undefined }))).toEqual([
        { classUid: 3002, activityId: 1, typeUid: 300201, statusId: 2, time: "2026-01-05T09:30:00.000Z", user: { uid: "00u5mock" }, actor: { name: "person5@example.test" }, ocsf: undefined },
        { classUid: 3002, activityId: 1, typeUid: 300201, statusId: 1, time: "2026-01-04T09:30:00.000Z", user: { uid: "00u0mock" }, actor: { name: "person0@example.test" }, ocsf: undefined },
      ]);
      expect(logons.body.data?.identityAuditLog.edges[0]?.node.ocsf).toMatchObject({ class_name: "Authentication", metadata: { version: "1.3.0", uid: "mock-log-3" } });
    });
  });

  describe("notifications_mock", () => {
    it("creates, reads, updates and clears a message; a cleared one is NOT_FOUND", async () => {
      const created = await call(doc.CreateNotificationMutation, { input: { text: "Hello from the mock" } }, tokens.notifications);
      expect(created.body.errors).toBeUndefined();
      const message = created.body.data?.createNotification.notification;
      expect(message).toMatchObject({ channel: "mock-channel", text: "Hello from the mock" });
      const id = message?.id ?? "";

      expect((await call(doc.NotificationQuery, { id }, tokens.notifications)).body.data?.notification).toEqual({ id, channel: "mock-channel", text: "Hello from the mock" });
      const updated = await call(doc.UpdateNotificationMutation, { input: { id, text: "Edited" } }, tokens.notifications);
      expect(updated.body.data?.updateNotification.notification).toEqual({ id, text: "Edited" });
      expect((await call(doc.NotificationQuery, { id }, tokens.notifications)).body.data?.notification.text).toBe("Edited");

      const cleared = await call(doc.ClearNotificationMutation, { input: { id } }, tokens.notifications);
      expect(cleared.body.data?.clearNotification.id).toBe(id);
      const notFound = { message: "Notification message not found", extensions: { code: "NOT_FOUND" } };
      expect((await call(doc.NotificationQuery, { id }, tokens.notifications)).body.errors?.[0]).toMatchObject(notFound);
      expect((await call(doc.UpdateNotificationMutation, { input: { id, text: "Again" } }, tokens.notifications)).body.errors?.[0]).toMatchObject(notFound);

      const named = await call(doc.CreateNotificationMutation, { input: { channel: "ops", text: "To ops" } }, tokens.notifications);
      expect(named.body.data?.createNotification.notification.channel).toBe("ops");
    });
  });

  describe("cloudsecurity_mock", () => {
    it("pages through compliance findings newest first and filters them", async () => {
      const { nodes } = await pageThrough(
        (after) => call(doc.ComplianceQuery, { first: 2, after }, tokens.otherCloudsecurity),
        (data) => data.complianceFindings,
      );
      expect(nodes.map((finding) => finding.severity)).toEqual(["INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL"]);
      expect(nodes.every((finding) => finding.classUid === 2003 && finding.status === "NEW")).toBe(true);

      const ids = async (filter: Record<string, unknown>) => (await call(doc.ComplianceQuery, { first: 10, filter }, tokens.otherCloudsecurity)).body.data?.complianceFindings.edges.map((edge) => edge.node.id);
      expect(await ids({ severity: ["CRITICAL"] })).toEqual(["mock-finding-0"]);
      expect(await ids({ status: ["RESOLVED"] })).toEqual([]);
      expect(await ids({ resourceType: ["AwsIamUser"] })).toEqual(["mock-finding-2"]);
      // At or after the first instant, before (not at) the second: mock-finding-4 was updated at 2026-01-06T09:30.
      expect(await ids({ updatedAfter: "2026-01-05T09:30:00Z", updatedBefore: "2026-01-06T09:30:00Z" })).toEqual(["mock-finding-3"]);
    });

    it("serves threat detections", async () => {
      const detections = await call(doc.DetectionQuery, { filter: { resourceType: ["AwsEc2Instance"] } }, tokens.otherCloudsecurity);
      expect(detections.body.data?.detectionFindings.edges.map((edge) => edge.node)).toEqual([
        { id: "mock-detection-3", severity: "LOW", status: "NEW", classUid: 2004, resources: [{ type: "AwsEc2Instance" }] },
        { id: "mock-detection-0", severity: "CRITICAL", status: "NEW", classUid: 2004, resources: [{ type: "AwsEc2Instance" }] },
      ]);
    });

    it("changes a finding's workflow status, visible in later queries of that integration only", async () => {
      const updated = await call(doc.UpdateFindingMutation, { input: { id: "mock-finding-0", status: "RESOLVED", note: "Bucket made private" } }, tokens.cloudsecurity);
      expect(updated.body.data?.updateFindingStatus.finding).toMatchObject({ id: "mock-finding-0", status: "RESOLVED", ocsf: { status_id: 4, status: "Resolved" } });
      const resolved = await call(doc.ComplianceQuery, { first: 10, filter: { status: ["RESOLVED"] } }, tokens.cloudsecurity);
      expect(resolved.body.data?.complianceFindings.edges.map((edge) => edge.node.id)).toEqual(["mock-finding-0"]);
      const elsewhere = await call(doc.ComplianceQuery, { first: 10, filter: { status: ["RESOLVED"] } }, tokens.otherCloudsecurity);
      expect(elsewhere.body.data?.complianceFindings.edges).toEqual([]);
      expect(errorCode(await call(doc.UpdateFindingMutation, { input: { id: "mock-finding-9", status: "RESOLVED" } }, tokens.cloudsecurity))).toBe("NOT_FOUND");
    });
  });

  describe("tokens and connectors", () => {
    it("serves each integration token only its own connector's fields", async () => {
      const own = await call(doc.TicketsQuery, { first: 1 }, tokens.ticketing);
      expect(own.body.errors).toBeUndefined();
      const crossings = [
        call(doc.UsersQuery, { first: 1 }, tokens.ticketing),
        call(doc.TicketsQuery, { first: 1 }, tokens.identity),
        call(doc.CreateNotificationMutation, { input: { text: "x" } }, tokens.cloudsecurity),
        call(doc.ComplianceQuery, { first: 1 }, tokens.notifications),
        call(doc.UpdateFindingMutation, { input: { id: "mock-finding-0", status: "RESOLVED" } }, tokens.identity),
      ];
      for (const crossing of crossings) {
        const response = await crossing;
        expect(errorCode(response)).toBe("FORBIDDEN");
        expect(response.body.data ?? null).toBeNull();
      }
    });

    it("refuses an organization token on the connector endpoint", async () => {
      const refused = await gql(gateway, doc.TicketsQuery, { token: adminToken, variables: { first: 1 }, path: "/graphql/connector" });
      expect(errorCode(refused)).toBe("FORBIDDEN");
    });
  });
});
