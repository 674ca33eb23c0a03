import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/index.ts";
import { createAccount, createIntegration, logon } from "../helpers/flows.ts";
import { errorCode, gql, seedTenant, startGateway, type TestGateway } from "../helpers/gateway.ts";
import { connectorClient, pageThrough } from "./connector-api.ts";

const TicketsQuery = graphql(`
  query MockTickets($first: Int, $after: String, $filter: TicketFilter) {
    tickets(first: $first, after: $after, filter: $filter) {
      edges { node { id key summary status priority tags } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);
const TicketQuery = graphql(`
  query MockTicket($id: ID!) { ticket(id: $id) { id key summary status project { key } } }
`);
const ProjectsQuery = graphql(`
  query MockProjects { projects(first: 10) { edges { node { id key name } } } }
`);
const CreateTicketMutation = graphql(`
  mutation MockCreateTicket($input: CreateTicketInput!) { createTicket(input: $input) { ticket { id } } }
`);
const UpdateTicketMutation = graphql(`
  mutation MockUpdateTicket($input: UpdateTicketInput!) { updateTicket(input: $input) { ticket { id } } }
`);
const CommentsQuery = graphql(`
  query MockTicketComments($ticketId: ID!) { ticketComments(ticketId: $ticketId, first: 5) { edges { node { id } } } }
`);

const UsersQuery = graphql(`
  query MockIdentityUsers($first: Int, $after: String, $filter: IdentityUserFilter) {
    identityUsers(first: $first, after: $after, filter: $filter) {
      edges { node { id login status } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);
const UserQuery = graphql(`
  query MockIdentityUser($id: ID!) { identityUser(id: $id) { id login status displayName } }
`);
const GroupsQuery = graphql(`
  query MockIdentityGroups { identityGroups(first: 5) { edges { node { id } } } }
`);
const DisableMutation = graphql(`
  mutation MockDisableUser($input: IdentityUserActionInput!) { disableIdentityUser(input: $input) { userId } }
`);

const CreateNotificationMutation = graphql(`
  mutation MockCreateNotification($input: CreateNotificationInput!) { createNotification(input: $input) { notification { id channel text } } }
`);
const NotificationQuery = graphql(`
  query MockNotification($id: ID!) { notification(id: $id) { id channel text } }
`);
const UpdateNotificationMutation = graphql(`
  mutation MockUpdateNotification($input: UpdateNotificationInput!) { updateNotification(input: $input) { notification { id text } } }
`);
const ClearNotificationMutation = graphql(`
  mutation MockClearNotification($input: ClearNotificationInput!) { clearNotification(input: $input) { id } }
`);

const ComplianceQuery = graphql(`
  query MockComplianceFindings($first: Int, $after: String, $filter: FindingFilter) {
    complianceFindings(first: $first, after: $after, filter: $filter) {
      edges { node { id severity status classUid } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);
const DetectionQuery = graphql(`
  query MockDetectionFindings { detectionFindings(first: 10) { edges { node { id } } pageInfo { hasNextPage } } }
`);
const UpdateFindingMutation = graphql(`
  mutation MockUpdateFinding($input: UpdateFindingStatusInput!) { updateFindingStatus(input: $input) { finding { id } } }
`);

describe("the mock providers through the gateway", () => {
  let gateway: TestGateway;
  let adminToken: string;
  const tokens = { ticketing: "", identity: "", notifications: "", cloudsecurity: "" };
  const call = connectorClient(() => gateway, () => tokens.ticketing);

  beforeAll(async () => {
    gateway = await startGateway({ SWITCHYARD_ALLOW_PRIVATE_NETWORKS: "true" });
    const tenant = await seedTenant(gateway);
    adminToken = (await logon(gateway, tenant)).accessToken;
    const account = await createAccount(gateway, adminToken, "mocks");
    const create = async (name: string, provider: Parameters<typeof createIntegration>[4]) =>
      (await createIntegration(gateway, adminToken, account.id, name, provider)).tokens.accessToken;
    tokens.ticketing = await create("tickets", { ticketingMock: {} });
    tokens.identity = await create("identity", { identityMock: {} });
    tokens.notifications = await create("notifications", { notificationsMock: {} });
    tokens.cloudsecurity = await create("cloudsecurity", { cloudsecurityMock: { label: "dev" } });
  });
  afterAll(async () => {
    await gateway.stop();
  });

  describe("ticketing_mock", () => {
    it("pages through tickets, filters them, reads one and lists projects", async () => {
      const { nodes, pages } = await pageThrough(
        (after) => call(TicketsQuery, { first: 5, after }),
        (data) => data.tickets,
      );
      expect(pages).toBe(3);
      expect(nodes.map((ticket) => ticket.key)).toEqual(Array.from({ length: 12 }, (_, index) => `MOCK-${index + 1}`));

      const done = await call(TicketsQuery, { first: 50, filter: { status: ["Done"] } });
      expect(done.body.data?.tickets.edges.map((edge) => edge.node.key)).toEqual(["MOCK-2", "MOCK-5", "MOCK-8", "MOCK-11"]);
      const backend = await call(TicketsQuery, { first: 50, filter: { tags: ["backend"], priority: ["MEDIUM"] } });
      expect(backend.body.data?.tickets.edges.map((edge) => edge.node.key)).toEqual(["MOCK-2", "MOCK-12"]);

      const ticket = await call(TicketQuery, { id: "MOCK-2" });
      expect(ticket.body.data?.ticket).toMatchObject({ id: "10002", key: "MOCK-2", summary: "Mock ticket 2", project: { key: "MOCK" } });
      expect(errorCode(await call(TicketQuery, { id: "MOCK-99" }))).toBe("NOT_FOUND");

      const projects = await call(ProjectsQuery, {});
      expect(projects.body.data?.projects.edges.map((edge) => edge.node)).toEqual([{ id: "10000", key: "MOCK", name: "Mock project" }]);
    });

    it("answers UNSUPPORTED_OPERATION, naming provider and operation, for what it does not serve", async () => {
      const created = await call(CreateTicketMutation, { input: { projectKey: "MOCK", issueType: "Task", summary: "Nope" } });
      expect(errorCode(created)).toBe("UNSUPPORTED_OPERATION");
      expect(created.body.errors?.[0]?.message).toBe("The provider ticketing_mock does not support ticketing_create_ticket");
      expect(created.body.errors?.[0]?.extensions?.operation).toBe("ticketing_create_ticket");
      expect(created.body.data).toBeNull();

      const updated = await call(UpdateTicketMutation, { input: { id: "MOCK-1", summary: "Nope" } });
      expect(errorCode(updated)).toBe("UNSUPPORTED_OPERATION");
      expect(updated.body.errors?.[0]?.message).toContain("ticketing_update_ticket");
      const comments = await call(CommentsQuery, { ticketId: "MOCK-1" });
      expect(errorCode(comments)).toBe("UNSUPPORTED_OPERATION");
      expect(comments.body.errors?.[0]?.message).toContain("ticketing_list_comments");
    });
  });

  describe("identity_mock", () => {
    it("pages through users, filters by status, DEPROVISIONED included, and reads one", async () => {
      const { nodes } = await pageThrough(
        (after) => call(UsersQuery, { first: 3, after }, tokens.identity),
        (data) => data.identityUsers,
      );
      expect(nodes.map((user) => user.status)).toEqual(["ACTIVE", "STAGED", "PROVISIONED", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT", "SUSPENDED", "DEPROVISIONED"]);

      const gone = await call(UsersQuery, { first: 10, filter: { status: ["DEPROVISIONED"] } }, tokens.identity);
      expect(gone.body.data?.identityUsers.edges.map((edge) => edge.node)).toEqual([{ id: "00u7mock", login: "person7@example.test", status: "DEPROVISIONED" }]);
      const byEmail = await call(UsersQuery, { first: 10, filter: { email: "person2@example.test" } }, tokens.identity);
      expect(byEmail.body.data?.identityUsers.edges.map((edge) => edge.node.id)).toEqual(["00u2mock"]);

      const user = await call(UserQuery, { id: "00u0mock" }, tokens.identity);
      expect(user.body.data?.identityUser).toEqual({ id: "00u0mock", login: "person0@example.test", status: "ACTIVE", displayName: "Person 0" });
      expect(errorCode(await call(UserQuery, { id: "00u9mock" }, tokens.identity))).toBe("NOT_FOUND");
    });

    it("answers UNSUPPORTED_OPERATION for groups and lifecycle actions", async () => {
      const groups = await call(GroupsQuery, {}, tokens.identity);
      expect(errorCode(groups)).toBe("UNSUPPORTED_OPERATION");
      expect(groups.body.errors?.[0]?.message).toBe("The provider identity_mock does not support identity_query_groups");
      const disabled = await call(DisableMutation, { input: { userId: "00u0mock" } }, tokens.identity);
      expect(errorCode(disabled)).toBe("UNSUPPORTED_OPERATION");
      expect(disabled.body.errors?.[0]?.message).toBe("The provider identity_mock does not support identity_disable_user");
    });
  });

  describe("notifications_mock", () => {
    it("creates, reads, updates and clears a message; a cleared one is NOT_FOUND", async () => {
      const created = await call(CreateNotificationMutation, { input: { text: "Hello from the mock" } }, tokens.notifications);
      expect(created.body.errors).toBeUndefined();
      const message = created.body.data?.createNotification.notification;
      expect(message).toMatchObject({ channel: "mock-channel", text: "Hello from the mock" });
      const id = message?.id ?? "";

      expect((await call(NotificationQuery, { id }, tokens.notifications)).body.data?.notification).toEqual({ id, channel: "mock-channel", text: "Hello from the mock" });
      const updated = await call(UpdateNotificationMutation, { input: { id, text: "Edited" } }, tokens.notifications);
      expect(updated.body.data?.updateNotification.notification).toEqual({ id, text: "Edited" });
      expect((await call(NotificationQuery, { id }, tokens.notifications)).body.data?.notification.text).toBe("Edited");

      const cleared = await call(ClearNotificationMutation, { input: { id } }, tokens.notifications);
      expect(cleared.body.data?.clearNotification.id).toBe(id);
      expect(errorCode(await call(NotificationQuery, { id }, tokens.notifications))).toBe("NOT_FOUND");
      expect(errorCode(await call(UpdateNotificationMutation, { input: { id, text: "Again" } }, tokens.notifications))).toBe("NOT_FOUND");

      const named = await call(CreateNotificationMutation, { input: { channel: "ops", text: "To ops" } }, tokens.notifications);
      expect(named.body.data?.createNotification.notification.channel).toBe("ops");
    });
  });

  describe("cloudsecurity_mock", () => {
    it("pages through compliance findings and filters them; detection findings are empty", async () => {
      const { nodes } = await pageThrough(
        (after) => call(ComplianceQuery, { first: 2, after }, tokens.cloudsecurity),
        (data) => data.complianceFindings,
      );
      expect(nodes.map((finding) => finding.severity)).toEqual(["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL"]);
      expect(nodes.every((finding) => finding.classUid === 2003 && finding.status === "NEW")).toBe(true);

      const critical = await call(ComplianceQuery, { first: 10, filter: { severity: ["CRITICAL"] } }, tokens.cloudsecurity);
      expect(critical.body.data?.complianceFindings.edges.map((edge) => edge.node.id)).toEqual(["mock-finding-0"]);
      const resolved = await call(ComplianceQuery, { first: 10, filter: { status: ["RESOLVED"] } }, tokens.cloudsecurity);
      expect(resolved.body.data?.complianceFindings.edges).toEqual([]);

      const detections = await call(DetectionQuery, {}, tokens.cloudsecurity);
      expect(detections.body.errors).toBeUndefined();
      expect(detections.body.data?.detectionFindings).toEqual({ edges: [], pageInfo: { hasNextPage: false } });
    });

    it("answers UNSUPPORTED_OPERATION for status updates", async () => {
      const updated = await call(UpdateFindingMutation, { input: { id: "mock-finding-0", status: "RESOLVED" } }, tokens.cloudsecurity);
      expect(errorCode(updated)).toBe("UNSUPPORTED_OPERATION");
      expect(updated.body.errors?.[0]?.message).toBe("The provider cloudsecurity_mock does not support cloudsecurity_update_finding");
    });
  });

  describe("tokens and connectors", () => {
    it("serves each integration token only its own connector's fields", async () => {
      const own = await call(TicketsQuery, { first: 1 }, tokens.ticketing);
      expect(own.body.errors).toBeUndefined();
      const crossings = [
        call(UsersQuery, { first: 1 }, tokens.ticketing),
        call(TicketsQuery, { first: 1 }, tokens.identity),
        call(CreateNotificationMutation, { input: { text: "x" } }, tokens.cloudsecurity),
        call(ComplianceQuery, { first: 1 }, tokens.notifications),
        call(UpdateFindingMutation, { input: { id: "mock-finding-0", status: "RESOLVED" } }, tokens.identity),
      ];
      for (const crossing of crossings) {
        const response = await crossing;
        expect(errorCode(response)).toBe("FORBIDDEN");
        expect(response.body.data ?? null).toBeNull();
      }
    });

    it("refuses an organization token on the connector endpoint", async () => {
      const refused = await gql(gateway, TicketsQuery, { token: adminToken, variables: { first: 1 }, path: "/graphql/connector" });
      expect(errorCode(refused)).toBe("FORBIDDEN");
    });
  });
});
