import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/index.ts";
import type { JiraTicketsQuery } from "../generated/graphql.ts";
import { createAccount, createIntegration, logon } from "../helpers/flows.ts";
import { errorCode, gql, seedTenant, startGateway, type TestGateway } from "../helpers/gateway.ts";
import { startJiraSimulator, type JiraSimulator } from "../simulators/jira/index.ts";

const TicketsQuery = graphql(`
  query JiraTickets($first: Int, $after: String, $filter: TicketFilter) {
    tickets(first: $first, after: $after, filter: $filter) {
      edges { node { id key summary status priority description tags project { key } parent { key } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const UpdateTicketMutation = graphql(`
  mutation JiraUpdateTicket($input: UpdateTicketInput!) {
    updateTicket(input: $input) { ticket { key status summary } }
  }
`);

const CreateTicketMutation = graphql(`
  mutation JiraCreateTicket($input: CreateTicketInput!) {
    createTicket(input: $input) { ticket { id key summary description priority } }
  }
`);

const CommentsQuery = graphql(`
  query JiraComments($ticketId: ID!) {
    ticketComments(ticketId: $ticketId, first: 10) { edges { node { id body } } }
    projects(first: 10) { edges { node { key name } } }
  }
`);

const VerifyMutation = graphql(`
  mutation JiraVerify($input: VerifyIntegrationInput!) {
    verifyIntegration(input: $input) { result { ok code message } }
  }
`);

const UpdateIntegrationMutation = graphql(`
  mutation JiraUpdateIntegration($input: UpdateIntegrationInput!) {
    updateIntegration(input: $input) { integration { id providerConfig } }
  }
`);

const CreateCredentialMutation = graphql(`
  mutation JiraCreateSharedCredential($input: CreateCredentialInput!) {
    createCredential(input: $input) { credential { id } }
  }
`);

const UpdateCredentialMutation = graphql(`
  mutation JiraRotateSharedCredential($input: UpdateCredentialInput!) {
    updateCredential(input: $input) { credential { id } }
  }
`);

const FailingStatusesQuery = graphql(`
  query JiraFailingStatuses {
    integrationStatuses(first: 10, filter: { health: [FAILING] }) { edges { node { integrationId health } } }
  }
`);

const StatusQuery = graphql(`
  query JiraIntegrationStatus($id: ID!) {
    integration(id: $id) { status { health requests failures lastError } }
    statusEvents(integrationId: $id, first: 50) { edges { node { operation outcome httpStatus latencyMs } } }
  }
`);

describe("Jira through the gateway", () => {
  let gateway: TestGateway;
  let sim: JiraSimulator;
  let adminToken: string;
  let token: string;
  let integrationId: string;

  beforeAll(async () => {
    sim = await startJiraSimulator();
    gateway = await startGateway({ SWITCHYARD_ALLOW_PRIVATE_NETWORKS: "true" });
    const tenant = await seedTenant(gateway);
    adminToken = (await logon(gateway, tenant)).accessToken;
    const account = await createAccount(gateway, adminToken, "globex");
    const created = await createIntegration(gateway, adminToken, account.id, "jira", {
      ticketingJira: { apiBaseUrl: sim.url, credential: { basic: { username: sim.credentials.email, password: sim.credentials.apiToken } } },
    });
    token = created.tokens.accessToken;
    integrationId = created.integration.id;
  });
  afterAll(async () => {
    await gateway.stop();
    await sim.close();
  });

  it("pages through every ticket with Relay cursors and resolves parents", async () => {
    const keys: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const response: Awaited<ReturnType<typeof gql<JiraTicketsQuery>>> = await gql(gateway, TicketsQuery, { token, variables: { first: 4, after } });
      expect(response.body.errors).toBeUndefined();
      const tickets = response.body.data?.tickets;
      keys.push(...(tickets?.edges.map((edge) => edge.node.key) ?? []));
      if (!tickets?.pageInfo.hasNextPage) break;
      after = tickets.pageInfo.endCursor ?? null;
    }
    expect(new Set(keys).size).toBe(10);
    expect(keys.length).toBe(10);
    const all = await gql(gateway, TicketsQuery, { token, variables: { first: 50, filter: { projectKey: ["EX"] } } });
    const subtask = all.body.data?.tickets.edges.find((edge) => edge.node.key === "EX-4");
    expect(subtask?.node.parent?.key).toBe("EX-1");
  });

  it("moves a ticket through the workflow and creates one with Markdown", async () => {
    const moved = await gql(gateway, UpdateTicketMutation, { token, variables: { input: { id: "EX-2", status: "In Progress", summary: "Renamed" } } });
    expect(moved.body.errors).toBeUndefined();
    expect(moved.body.data?.updateTicket.ticket).toMatchObject({ key: "EX-2", status: "In Progress", summary: "Renamed" });

    const unreachable = await gql(gateway, UpdateTicketMutation, { token, variables: { input: { id: "EX-3", status: "Nowhere" } } });
    expect(errorCode(unreachable)).toBe("BAD_USER_INPUT");

    const created = await gql(gateway, CreateTicketMutation, {
      token,
      variables: { input: { projectKey: "EX", issueType: "Task", summary: "New from the gateway", description: "Hello **world**", priority: "HIGH" } },
    });
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data?.createTicket.ticket).toMatchObject({ summary: "New from the gateway", description: "Hello **world**", priority: "HIGH" });
  });

  it("lists comments and projects", async () => {
    const response = await gql(gateway, CommentsQuery, { token, variables: { ticketId: "EX-1" } });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.projects.edges.map((edge) => edge.node.key)).toEqual(expect.arrayContaining(["EX", "OPS"]));
  });

  it("maps a provider that refuses the credential to PROVIDER_UNAUTHORIZED, and records status events", async () => {
    const account = await createAccount(gateway, adminToken, "initech");
    const wrongPassword = "wrong-api-token-canary";
    const bad = await createIntegration(gateway, adminToken, account.id, "jira-bad", {
      ticketingJira: { apiBaseUrl: sim.url, credential: { basic: { username: sim.credentials.email, password: wrongPassword } } },
    });
    const refused = await gql(gateway, TicketsQuery, { token: bad.tokens.accessToken, variables: { first: 1 } });
    expect(errorCode(refused)).toBe("PROVIDER_UNAUTHORIZED");
    expect(JSON.stringify(refused.body)).not.toContain(wrongPassword);

    await gateway.app.services.status.flush();
    const badStatus = await gql(gateway, StatusQuery, { token: adminToken, variables: { id: bad.integration.id } });
    expect(badStatus.body.data?.statusEvents.edges[0]?.node).toMatchObject({ operation: "ticketing_query_tickets", outcome: "FAILURE", httpStatus: 401 });
    expect(badStatus.body.data?.integration.status).toMatchObject({ health: "FAILING", requests: 1, failures: 1, lastError: "PROVIDER_UNAUTHORIZED" });

    const good = await gql(gateway, StatusQuery, { token: adminToken, variables: { id: integrationId } });
    const events = good.body.data?.statusEvents.edges.map((edge) => edge.node) ?? [];
    expect(events.some((event) => event.operation === "ticketing_update_ticket" && event.outcome === "SUCCESS" && event.httpStatus === 200)).toBe(true);
    expect(good.body.data?.integration.status?.health).toBe("HEALTHY");

    const failing = await gql(gateway, FailingStatusesQuery, { token: adminToken });
    expect(failing.body.data?.integrationStatuses.edges.map((edge) => edge.node.integrationId)).toEqual([bad.integration.id]);
  });

  it("verifies an unsaved configuration with a result, not an error", async () => {
    const account = await createAccount(gateway, adminToken, "verify-account");
    const verify = (apiBaseUrl: string, password: string) =>
      gql(gateway, VerifyMutation, {
        token: adminToken,
        variables: { input: { accountId: account.id, provider: { ticketingJira: { apiBaseUrl, credential: { basic: { username: sim.credentials.email, password } } } } } },
      });
    expect((await verify(sim.url, sim.credentials.apiToken)).body.data?.verifyIntegration.result).toMatchObject({ ok: true, code: null });
    const refused = await verify(sim.url, "not-the-token");
    expect(refused.body.data?.verifyIntegration.result).toMatchObject({ ok: false, code: "PROVIDER_UNAUTHORIZED" });
    expect(JSON.stringify(refused.body)).not.toContain("not-the-token");
    const unreachable = await verify("http://127.0.0.1:9", sim.credentials.apiToken);
    expect(unreachable.body.data?.verifyIntegration.result).toMatchObject({ ok: false, code: "PROVIDER_UNAVAILABLE" });
    const invalid = await gql(gateway, VerifyMutation, {
      token: adminToken,
      variables: { input: { accountId: account.id, provider: { ticketingJira: { siteUrl: "ftp://nope", credential: { token: { token: "x" } } } } } },
    });
    expect(errorCode(invalid)).toBe("BAD_USER_INPUT");
  });

  it("calls with a shared credential's new secret from the next call after updateCredential", async () => {
    const account = await createAccount(gateway, adminToken, "shared-rotation");
    const basic = (password: string) => ({ basic: { username: sim.credentials.email, password } });
    const shared = await gql(gateway, CreateCredentialMutation, { token: adminToken, variables: { input: { name: "jira-shared", ownerId: account.id, secret: basic(sim.credentials.apiToken) } } });
    const credentialId = shared.body.data?.createCredential.credential.id as string;
    const integration = await createIntegration(gateway, adminToken, account.id, "jira-shared", { ticketingJira: { apiBaseUrl: sim.url, credential: { id: credentialId } } });
    const call = () => gql(gateway, TicketsQuery, { token: integration.tokens.accessToken, variables: { first: 1 } });
    expect((await call()).body.errors).toBeUndefined();
    const rotate = (password: string) => gql(gateway, UpdateCredentialMutation, { token: adminToken, variables: { input: { id: credentialId, secret: basic(password) } } });
    expect((await rotate("revoked-at-jira")).body.errors).toBeUndefined();
    expect(errorCode(await call())).toBe("PROVIDER_UNAUTHORIZED");
    expect((await rotate(sim.credentials.apiToken)).body.errors).toBeUndefined();
    expect((await call()).body.errors).toBeUndefined();
  });

  it("replaces an integration's credential, which fixes a refused one", async () => {
    const account = await createAccount(gateway, adminToken, "rotation");
    const bad = await createIntegration(gateway, adminToken, account.id, "jira-rotate", {
      ticketingJira: { apiBaseUrl: sim.url, credential: { basic: { username: sim.credentials.email, password: "stale" } } },
    });
    expect(errorCode(await gql(gateway, TicketsQuery, { token: bad.tokens.accessToken, variables: { first: 1 } }))).toBe("PROVIDER_UNAUTHORIZED");
    const updated = await gql(gateway, UpdateIntegrationMutation, {
      token: adminToken,
      variables: {
        input: { id: bad.integration.id, provider: { ticketingJira: { apiBaseUrl: sim.url, credential: { basic: { username: sim.credentials.email, password: sim.credentials.apiToken } } } } },
      },
    });
    expect(updated.body.errors).toBeUndefined();
    const after = await gql(gateway, TicketsQuery, { token: bad.tokens.accessToken, variables: { first: 1 } });
    expect(after.body.errors).toBeUndefined();
    const credentials = await gateway.app.database.prisma.credential.count({ where: { integrationId: bad.integration.id } });
    expect(credentials).toBe(1);
    const otherProvider = await gql(gateway, UpdateIntegrationMutation, { token: adminToken, variables: { input: { id: bad.integration.id, provider: { ticketingMock: {} } } } });
    expect(errorCode(otherProvider)).toBe("BAD_USER_INPUT");
  });
});
