import { connect, type Socket } from "node:net";
import { Client } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createIntegration, seedAdminToken } from "../helpers/flows.ts";
import { errorCode, gql, startGateway, type TestGateway } from "../helpers/gateway.ts";
import { managementProbe } from "../helpers/probes.ts";
import { wsRequest } from "../helpers/ws.ts";
import { startJiraSimulator, type JiraSimulator } from "../simulators/jira/index.ts";

const accountsQuery = "{ accounts { totalCount } }";
const ticketQuery = 'query { ticket(id: "EX-1") { id key } }';
const issuePath = "/rest/api/3/issue/EX-1";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 25 ms for at most `ms`. */
async function until(check: () => boolean, ms = 5_000) {
  for (const deadline = Date.now() + ms; !check() && Date.now() < deadline; ) await sleep(25);
  expect(check()).toBe(true);
}

/** A gateway whose organizations each execute one management request at a time, with a line that waits `queueWaitMs`. */
const oneSlotGateway = (queueWaitMs: number) =>
  startGateway({
    SWITCHYARD_REQUEST_CONCURRENCY_ORG: "1",
    SWITCHYARD_REQUEST_QUEUE_WAIT_MS: String(queueWaitMs),
    SWITCHYARD_PROVIDER_TIMEOUT_MS: "1500",
    SWITCHYARD_ALLOW_PRIVATE_NETWORKS: "true",
  });

/**
 * Holds one of the token's organization's request slots: a `verifyIntegration` against a simulator
 * that never answers, until the provider deadline (1.5 s); `answer` is that request's response.
 */
async function holdSlot(gateway: TestGateway, simulator: JiraSimulator, token: string, accountId: string) {
  simulator.inject({ kind: "hang" });
  const seen = simulator.state.requests.length;
  const holding = gql(
    gateway,
    `mutation($a: ID!) { verifyIntegration(input: { accountId: $a, provider: { ticketingJira: { apiBaseUrl: "${simulator.url}", credential: { basic: { username: "${simulator.credentials.email}", password: "${simulator.credentials.apiToken}" } } } } }) { result { ok code } } }`,
    { token, variables: { a: accountId } },
  );
  await until(() => simulator.state.requests.length > seen);
  return { answer: holding };
}

/** One POST of `accountsQuery` on a connection of its own. */
async function onNewConnection(url: string, token: string) {
  const client = new Client(url);
  try {
    const response = await client.request({ path: "/graphql", method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query: accountsQuery }) });
    return { status: response.statusCode, headers: response.headers, body: (await response.body.json()) as { errors?: { extensions?: Record<string, unknown> }[] } };
  } finally {
    await client.close();
  }
}

describe("per-organization request rate", () => {
  let gateway: TestGateway;
  let tokenA: string;
  let tokenB: string;

  beforeAll(async () => {
    gateway = await startGateway({ SWITCHYARD_RATE_LIMIT_ORG_PER_SECOND: "2", SWITCHYARD_RATE_LIMIT_ORG_BURST: "3" });
    tokenA = await seedAdminToken(gateway);
    tokenB = await seedAdminToken(gateway);
  });
  afterAll(() => gateway.stop());

  it("answers 429 with Retry-After and RATE_LIMITED after the burst, leaves another organization alone, and recovers", async () => {
    for (let i = 0; i < 3; i++) expect(await managementProbe(gateway, tokenA)).toEqual({ status: 200, code: undefined });

    const refused = await gql(gateway, accountsQuery, { token: tokenA });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(refused.body.data ?? null).toBeNull();
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: 1 });

    // graphql-ws operations spend from the same bucket and are answered with an error result.
    const overSocket = await wsRequest(gateway, accountsQuery, { token: tokenA });
    expect(overSocket.kind).toBe("errors");
    if (overSocket.kind === "errors") expect(overSocket.errors[0]?.extensions?.code).toBe("RATE_LIMITED");

    // While the bucket is empty, further requests are refused before the token is even verified, the
    // same way. (On a new connection: the refused one is not read for a second, see the next test.)
    const again = await onNewConnection(gateway.url, tokenA);
    expect(again.status).toBe(429);
    expect(again.headers["retry-after"]).toBe("1");
    expect(again.body.errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: 1 });

    expect((await onNewConnection(gateway.url, tokenB)).status).toBe(200);

    await sleep(1_100);
    expect(await managementProbe(gateway, tokenA)).toEqual({ status: 200, code: undefined });
  });
});

describe("the request lane of a token the gateway already knows", () => {
  let gateway: TestGateway;
  let simulator: JiraSimulator;

  beforeAll(async () => {
    simulator = await startJiraSimulator();
    gateway = await oneSlotGateway(10_000);
  });
  afterAll(async () => {
    await gateway.stop();
    await simulator.close();
  });

  /** A raw POST of `accountsQuery` whose headers are sent now and whose body is sent by `finish()`. */
  function headersOnly(token: string) {
    const body = JSON.stringify({ query: accountsQuery });
    const { hostname, port } = new URL(gateway.url);
    const socket: Socket = connect(Number(port), hostname);
    let answer = "";
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString()));
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    socket.write(`POST /graphql HTTP/1.1\r\nhost: ${hostname}\r\nconnection: close\r\ncontent-type: application/json\r\nauthorization: Bearer ${token}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n`);
    return {
      answered: () => answer.length > 0,
      async finish() {
        socket.write(body);
        await closed;
        return Number(/^HTTP\/1\.1 (\d+)/.exec(answer)?.[1]);
      },
    };
  }

  it("is taken before the request is read: requests wait in line unread, and the one past the line is refused at once", async () => {
    const tokenA = await seedAdminToken(gateway);
    const tokenB = await seedAdminToken(gateway);
    const accountA = (await createAccount(gateway, tokenA, "unread")).id;
    const slot = await holdSlot(gateway, simulator, tokenA, accountA);

    // The line holds four per slot. These four have sent no body yet, so only a lane taken before
    // reading can count them; a lane taken at execution would let the next request wait in line too.
    const waiting = Array.from({ length: 4 }, () => headersOnly(tokenA));
    await sleep(200);
    const started = performance.now();
    const refused = await gql(gateway, accountsQuery, { token: tokenA });
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: 1 });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect((await gql(gateway, accountsQuery, { token: tokenB })).status).toBe(200);
    expect(waiting.some((request) => request.answered())).toBe(false);

    // Once the held request ends at the provider deadline, the line is served in turn.
    expect((await slot.answer).status).toBe(200);
    expect(await Promise.all(waiting.map((request) => request.finish()))).toEqual([200, 200, 200, 200]);
  });

  it("is given back by a subscription as it starts streaming", async () => {
    const token = await seedAdminToken(gateway);
    const streams = new AbortController();
    try {
      // No Accept header: yoga answers a subscription with a stream that lasts until the client leaves.
      for (let stream = 0; stream < 2; stream++) {
        const response = await fetch(`${gateway.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: "subscription { integrationStatusChanged { time } }" }),
          signal: streams.signal,
        });
        expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
      }
      const started = performance.now();
      expect((await gql(gateway, accountsQuery, { token })).status).toBe(200);
      expect(performance.now() - started).toBeLessThan(2_000);
    } finally {
      streams.abort();
    }
  });
});

describe("a connection refused early", () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startGateway({ SWITCHYARD_RATE_LIMIT_ORG_PER_SECOND: "1", SWITCHYARD_RATE_LIMIT_ORG_BURST: "1" });
  });
  afterAll(() => gateway.stop());

  it("is not read again for half a second or more, while another organization is served at once", async () => {
    const tokenA = await seedAdminToken(gateway);
    const tokenB = await seedAdminToken(gateway);
    const flooding = new Client(gateway.url, { pipelining: 1 });
    const send = async (client: Client, token: string) => {
      const started = performance.now();
      const response = await client.request({ path: "/graphql", method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query: accountsQuery }) });
      await response.body.dump();
      return { status: response.statusCode, ms: performance.now() - started };
    };
    try {
      expect((await send(flooding, tokenA)).status).toBe(200);
      expect((await send(flooding, tokenA)).status).toBe(429);
      const ignoringRetryAfter = await send(flooding, tokenA);
      expect(ignoringRetryAfter.ms).toBeGreaterThanOrEqual(450);
      const other = new Client(gateway.url);
      try {
        const served = await send(other, tokenB);
        expect(served.status).toBe(200);
        expect(served.ms).toBeLessThan(450);
      } finally {
        await other.close();
      }
    } finally {
      await flooding.close();
    }
  });
});

describe("per-organization management request concurrency", () => {
  let gateway: TestGateway;
  let simulator: JiraSimulator;
  let tokenA: string;
  let tokenB: string;
  let accountA: string;

  beforeAll(async () => {
    simulator = await startJiraSimulator();
    gateway = await oneSlotGateway(0);
    tokenA = await seedAdminToken(gateway);
    tokenB = await seedAdminToken(gateway);
    accountA = (await createAccount(gateway, tokenA, "lane")).id;
  });
  afterAll(async () => {
    await gateway.stop();
    await simulator.close();
  });

  it("refuses an organization's requests beyond its cap with 429 and Retry-After, while another organization's go through", async () => {
    // A management request that waits on a provider which never answers holds org A's only slot.
    const slot = await holdSlot(gateway, simulator, tokenA, accountA);

    const refused = await gql(gateway, accountsQuery, { token: tokenA });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(refused.body.data ?? null).toBeNull();
    expect(refused.body.errors?.[0]?.message).toMatch(/concurrent requests/);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: 1 });
    // Refused before it is parsed: a document that does not parse is not even looked at.
    const unparsed = await gql(gateway, "{ accounts(first: ", { token: tokenA });
    expect(unparsed.status).toBe(429);
    expect(unparsed.body.errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED" });
    expect((await gql(gateway, accountsQuery, { token: tokenB })).status).toBe(200);
    expect((await gql(gateway, "{ accounts(first: ", { token: tokenB })).status).toBe(400);

    // The held request ends at the provider deadline with a result, and frees the slot.
    const held = await slot.answer;
    expect(held.status).toBe(200);
    expect(held.body.data).toMatchObject({ verifyIntegration: { result: { ok: false } } });
    expect(await managementProbe(gateway, tokenA)).toEqual({ status: 200, code: undefined });
  });
});

describe("per-integration request rate", () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startGateway({ SWITCHYARD_RATE_LIMIT_INTEGRATION_PER_SECOND: "1", SWITCHYARD_RATE_LIMIT_INTEGRATION_BURST: "2" });
  });
  afterAll(() => gateway.stop());

  it("limits one integration token without touching a sibling integration of the same organization", async () => {
    const admin = await seedAdminToken(gateway);
    const account = await createAccount(gateway, admin, "rates");
    const first = (await createIntegration(gateway, admin, account.id, "first")).tokens.accessToken;
    const second = (await createIntegration(gateway, admin, account.id, "second")).tokens.accessToken;
    const tickets = (token: string) => gql(gateway, "{ tickets(first: 1) { edges { node { id } } } }", { token, path: "/graphql/connector" });

    expect((await tickets(first)).status).toBe(200);
    expect((await tickets(first)).status).toBe(200);
    const refused = await tickets(first);
    expect(refused.status).toBe(429);
    expect(errorCode(refused)).toBe("RATE_LIMITED");
    expect((await tickets(second)).body.errors).toBeUndefined();
  });
});

describe("connector-call concurrency", () => {
  let gateway: TestGateway;
  let sim: JiraSimulator;
  let admin: string;
  let accountId: string;

  beforeAll(async () => {
    sim = await startJiraSimulator();
    gateway = await startGateway({
      SWITCHYARD_ALLOW_PRIVATE_NETWORKS: "true",
      SWITCHYARD_PROVIDER_TIMEOUT_MS: "1500",
      SWITCHYARD_PROVIDER_MAX_RETRIES: "0",
      SWITCHYARD_CONNECTOR_CONCURRENCY_INTEGRATION: "2",
      SWITCHYARD_CONNECTOR_QUEUE_WAIT_MS: "200",
    });
    admin = await seedAdminToken(gateway);
    accountId = (await createAccount(gateway, admin, "slow")).id;
  });
  afterAll(async () => {
    await gateway.stop();
    await sim.close();
  });

  const jira = (name: string) =>
    createIntegration(gateway, admin, accountId, name, {
      ticketingJira: { apiBaseUrl: sim.url, credential: { basic: { username: sim.credentials.email, password: sim.credentials.apiToken } } },
    }).then((created) => created.tokens.accessToken);
  const ticket = (token: string) => gql(gateway, ticketQuery, { token, path: "/graphql/connector" });
  const issueCalls = () => sim.state.requests.filter((request) => request.path === issuePath).length;

  it("caps concurrent calls per integration: the excess waits briefly, then gets RATE_LIMITED; a sibling integration is unaffected", async () => {
    const busy = await jira("busy");
    const sibling = await jira("sibling");
    sim.inject({ kind: "hang" }, { path: issuePath, times: 2 });
    const before = issueCalls();
    const hanging = [ticket(busy), ticket(busy)];
    await until(() => issueCalls() - before === 2);

    const excess = await ticket(busy);
    expect(errorCode(excess)).toBe("RATE_LIMITED");
    expect(excess.body.errors?.[0]?.extensions?.retryAfterSeconds).toBe(1);
    expect(issueCalls() - before).toBe(2);

    const other = await ticket(sibling);
    expect(other.body.errors).toBeUndefined();
    expect(other.body.data).toMatchObject({ ticket: { key: "EX-1" } });

    const settled = await Promise.all(hanging);
    expect(settled.map(errorCode)).toEqual(["PROVIDER_UNAVAILABLE", "PROVIDER_UNAVAILABLE"]);
    expect((await ticket(busy)).body.errors).toBeUndefined();
  });

  it("lets a call that waits within the queue time through once a slot frees", async () => {
    const token = await jira("queued");
    const calls = [ticket(token), ticket(token), ticket(token)];
    const results = await Promise.all(calls);
    expect(results.map((result) => result.body.errors)).toEqual([undefined, undefined, undefined]);
  });
});
