import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/index.ts";
import { createAccount, createIntegration, logon } from "../helpers/flows.ts";
import { errorCode, seedTenant, startGateway, type GraphQLResponse, type TestGateway } from "../helpers/gateway.ts";
import { startJiraSimulator, type JiraSimulator } from "../simulators/jira/index.ts";
import { connectorClient, expectNoLeak } from "./connector-api.ts";

const TicketQuery = graphql(`
  query FaultsTicket($id: ID!) { ticket(id: $id) { id key summary } }
`);

const issuePath = "/rest/api/3/issue/EX-1";
/** Small enough that a hung provider fails fast, large enough to sit out a one-second Retry-After. */
const totalTimeoutMs = 2_000;

describe("provider faults through the gateway (Jira simulator)", () => {
  let gateway: TestGateway;
  let sim: JiraSimulator;
  let adminToken: string;
  let accountId: string;
  let token: string;
  let serial = 0;
  const call = connectorClient(() => gateway, () => token);
  const issueCalls = () => sim.state.requests.filter((request) => request.path === issuePath).length;

  /** Each test gets its own integration, so one test's failures never open another's circuit breaker. */
  async function freshIntegration(): Promise<void> {
    const created = await createIntegration(gateway, adminToken, accountId, `jira-faults-${++serial}`, {
      ticketingJira: { apiBaseUrl: sim.url, credential: { basic: { username: sim.credentials.email, password: sim.credentials.apiToken } } },
    });
    token = created.tokens.accessToken;
  }

  /** Neither the credential nor any piece of the simulator's raw answers may reach the caller. */
  function expectClean(response: GraphQLResponse<unknown>): void {
    const basic = sim.basicAuthorization.slice("Basic ".length);
    expectNoLeak(response, [
      sim.credentials.apiToken,
      basic,
      "Rate limit exceeded",
      "Service Unavailable",
      "jira-burst-based",
      "errorMessages",
      '"fields":{"summ',
      "<!DOCTYPE",
      "<html",
      "Log in",
    ]);
    for (const error of response.body.errors ?? []) {
      expect(error.extensions?.code).not.toBe("INTERNAL_SERVER_ERROR");
      expect(error.message).not.toMatch(/[<>]/);
    }
  }

  beforeAll(async () => {
    sim = await startJiraSimulator();
    gateway = await startGateway({ SWITCHYARD_ALLOW_PRIVATE_NETWORKS: "true", SWITCHYARD_PROVIDER_TIMEOUT_MS: String(totalTimeoutMs) });
    const tenant = await seedTenant(gateway);
    adminToken = (await logon(gateway, tenant)).accessToken;
    accountId = (await createAccount(gateway, adminToken, "faults")).id;
  });
  afterAll(async () => {
    await gateway.stop();
    await sim.close();
  });

  it("sits out a 429's Retry-After and then succeeds", async () => {
    await freshIntegration();
    sim.inject({ kind: "rate-limit", retryAfterSeconds: 1 }, { path: issuePath });
    const before = issueCalls();
    const started = Date.now();
    const response = await call(TicketQuery, { id: "EX-1" });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.ticket.key).toBe("EX-1");
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(issueCalls() - before).toBe(2);
    expectClean(response);
  });

  it("fails fast with PROVIDER_RATE_LIMITED and the wait when Retry-After outlasts the deadline", async () => {
    await freshIntegration();
    sim.inject({ kind: "rate-limit", retryAfterSeconds: 5 }, { path: issuePath });
    const before = issueCalls();
    const started = Date.now();
    const response = await call(TicketQuery, { id: "EX-1" });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(errorCode(response)).toBe("PROVIDER_RATE_LIMITED");
    expect(response.body.errors?.[0]?.extensions?.retryAfterSeconds).toBe(5);
    expect(issueCalls() - before).toBe(1);
    expectClean(response);
  });

  it("retries a 503 and succeeds; answers PROVIDER_UNAVAILABLE when every retry gets one", async () => {
    await freshIntegration();
    sim.inject({ kind: "unavailable" }, { path: issuePath });
    let before = issueCalls();
    const recovered = await call(TicketQuery, { id: "EX-1" });
    expect(recovered.body.errors).toBeUndefined();
    expect(recovered.body.data?.ticket.key).toBe("EX-1");
    expect(issueCalls() - before).toBe(2);
    expectClean(recovered);

    sim.inject({ kind: "unavailable" }, { path: issuePath, times: 3 });
    before = issueCalls();
    const unavailable = await call(TicketQuery, { id: "EX-1" });
    expect(errorCode(unavailable)).toBe("PROVIDER_UNAVAILABLE");
    // The first attempt and SWITCHYARD_PROVIDER_MAX_RETRIES (default 2) retries.
    expect(issueCalls() - before).toBe(3);
    expectClean(unavailable);
  });

  it("gives up on a provider that never answers at the total timeout, with PROVIDER_UNAVAILABLE", async () => {
    await freshIntegration();
    sim.inject({ kind: "hang" }, { path: issuePath });
    const started = Date.now();
    const response = await call(TicketQuery, { id: "EX-1" });
    const elapsed = Date.now() - started;
    expect(errorCode(response)).toBe("PROVIDER_UNAVAILABLE");
    expect(elapsed).toBeGreaterThanOrEqual(totalTimeoutMs - 100);
    expect(elapsed).toBeLessThan(totalTimeoutMs + 2_000);
    expectClean(response);
  });

  it("answers PROVIDER_ERROR for truncated JSON, without retrying or echoing it", async () => {
    await freshIntegration();
    sim.inject({ kind: "truncated-json" }, { path: issuePath });
    const before = issueCalls();
    const response = await call(TicketQuery, { id: "EX-1" });
    expect(errorCode(response)).toBe("PROVIDER_ERROR");
    expect(issueCalls() - before).toBe(1);
    expectClean(response);
  });

  it("maps HTML pages from a proxy to error codes, never passing the HTML on", async () => {
    await freshIntegration();
    const cases = [
      { status: 200, times: 1, code: "PROVIDER_ERROR" },
      { status: 401, times: 1, code: "PROVIDER_UNAUTHORIZED" },
      { status: 502, times: 3, code: "PROVIDER_UNAVAILABLE" },
    ] as const;
    for (const { status, times, code } of cases) {
      sim.inject({ kind: "html", status }, { path: issuePath, times });
      const response = await call(TicketQuery, { id: "EX-1" });
      expect(errorCode(response), `HTML with HTTP ${status}`).toBe(code);
      expectClean(response);
    }
    const after = await call(TicketQuery, { id: "EX-1" });
    expect(after.body.data?.ticket.key).toBe("EX-1");
  });
});
