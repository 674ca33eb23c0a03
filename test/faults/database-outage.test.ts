/**
 * PostgreSQL crashes under load and comes back. While it is away every request fails fast with a
 * retryable 503 (SERVICE_UNAVAILABLE, Retry-After) and /readyz says so; when it is back the same
 * gateway serves again without a restart, and no write happened twice. Runs its own cluster, so
 * it runs in the PGlite suite too.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { seedAdminToken } from "../helpers/flows.ts";
import { gql, type TestGateway } from "../helpers/gateway.ts";
import { startCluster, startGatewayOn, type Cluster } from "./postgres-cluster.ts";

let cluster: Cluster;
let gateway: TestGateway;
let token: string;

beforeAll(async () => {
  cluster = startCluster(61510);
  // Fast 503s let the load loop outrun the per-organization rate limit, which is not under test here.
  gateway = await startGatewayOn(cluster.url, { SWITCHYARD_RATE_LIMIT_ORG_PER_SECOND: "0", SWITCHYARD_RATE_LIMIT_ANONYMOUS_PER_SECOND: "0" });
  token = await seedAdminToken(gateway);
}, 60_000);
afterAll(async () => {
  await gateway?.stop().catch(() => undefined);
  cluster?.destroy();
});

interface Outcome {
  name: string | null;
  startedAt: number;
  ms: number;
  status: number;
  code: unknown;
  retryAfter: string | null;
}

const createDoc = "mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }";
const readDoc = "{ accounts(first: 5) { totalCount } }";

async function request(name: string | null): Promise<Outcome> {
  const startedAt = performance.now();
  const response = await gql(gateway, name ? createDoc : readDoc, { token, path: "/graphql/management", variables: name ? { input: { name } } : undefined });
  return { name, startedAt, ms: performance.now() - startedAt, status: response.status, code: response.body.errors?.[0]?.extensions?.code, retryAfter: response.headers.get("retry-after") };
}

async function readiness() {
  const startedAt = performance.now();
  const response = await fetch(`${gateway.url}/readyz`);
  return { status: response.status, ms: performance.now() - startedAt };
}

async function allAccountNames(): Promise<string[]> {
  const names: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 50; page++) {
    const response: { body: { data?: { accounts: { edges: { node: { name: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } | null } } = await gql(
      gateway,
      "query($after: String) { accounts(first: 100, after: $after) { edges { node { name } } pageInfo { hasNextPage endCursor } } }",
      { token, path: "/graphql/management", variables: { after } },
    );
    const accounts = response.body.data?.accounts;
    names.push(...(accounts?.edges.map((edge) => edge.node.name) ?? []));
    if (!accounts?.pageInfo.hasNextPage) break;
    after = accounts.pageInfo.endCursor;
  }
  return names;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it("fails fast and retryably while PostgreSQL is down, recovers without a restart, and writes nothing twice", async () => {
  const outcomes: Outcome[] = [];
  let running = true;
  let counter = 0;
  // Four clients, each alternating a read and a uniquely named write, for at most 60 s.
  const deadline = performance.now() + 60_000;
  const clients = Array.from({ length: 4 }, async (_, client) => {
    while (running && performance.now() < deadline) {
      const name = counter++ % 2 === 0 ? `load-${client}-${counter}` : null;
      outcomes.push(await request(name));
    }
  });

  await pause(1_000);
  const stoppedAt = performance.now();
  cluster.stop("immediate");
  await pause(2_500);
  const notReady = await readiness();
  const restartAt = performance.now();
  cluster.start();
  const restartedAt = performance.now();
  // Recovered: a request that started after the restart succeeded.
  let recoveredAt: number | null = null;
  while (recoveredAt === null && performance.now() < restartedAt + 15_000) {
    await pause(50);
    recoveredAt = outcomes.find((outcome) => outcome.startedAt > restartedAt && outcome.status === 200 && outcome.code === undefined)?.startedAt ?? null;
  }
  await pause(1_000);
  running = false;
  await Promise.all(clients);
  const ready = await readiness();

  const before = outcomes.filter((outcome) => outcome.startedAt + outcome.ms < stoppedAt);
  const during = outcomes.filter((outcome) => outcome.startedAt > stoppedAt + 100 && outcome.startedAt + outcome.ms < restartAt);
  const failures = outcomes.filter((outcome) => outcome.status !== 200 || outcome.code !== undefined);
  const after = outcomes.filter((outcome) => recoveredAt !== null && outcome.startedAt >= recoveredAt);
  console.log(
    `database outage: ${before.length} before, ${during.length} during (slowest ${Math.round(Math.max(...during.map((outcome) => outcome.ms)))} ms), ` +
      `readyz ${notReady.status} in ${Math.round(notReady.ms)} ms; pg_ctl start took ${Math.round(restartedAt - restartAt)} ms, ` +
      `first success ${recoveredAt === null ? "never" : Math.round(recoveredAt - restartedAt)} ms after it was up; ${after.length} after`,
  );

  expect(before.length).toBeGreaterThan(0);
  expect(before.every((outcome) => outcome.status === 200 && outcome.code === undefined)).toBe(true);
  // Every failure, whenever it happened, is the retryable one: never a masked internal error.
  expect(failures.length).toBeGreaterThan(0);
  for (const failure of failures) expect({ status: failure.status, code: failure.code, retryAfter: failure.retryAfter }).toEqual({ status: 503, code: "SERVICE_UNAVAILABLE", retryAfter: "2" });
  // During the outage nothing succeeds and nothing waits: each answer came within 3 s.
  expect(during.length).toBeGreaterThan(10);
  expect(during.every((outcome) => outcome.status === 503)).toBe(true);
  expect(during.filter((outcome) => outcome.ms > 3_000)).toEqual([]);
  expect(notReady.status).toBe(503);
  // Back without restarting the gateway.
  expect(recoveredAt).not.toBeNull();
  expect(after.length).toBeGreaterThan(0);
  expect(after.every((outcome) => outcome.status === 200 && outcome.code === undefined)).toBe(true);
  expect(ready.status).toBe(200);

  // Writes: each reported success exists exactly once; a reported failure at most once; a retry never duplicates.
  const writes = outcomes.filter((outcome) => outcome.name !== null);
  const succeeded = writes.filter((outcome) => outcome.status === 200 && outcome.code === undefined).map((outcome) => outcome.name);
  const failed = writes.filter((outcome) => outcome.status !== 200 || outcome.code !== undefined).map((outcome) => outcome.name);
  for (const name of failed) {
    const retried = await request(name);
    expect([undefined, "CONFLICT"]).toContain(retried.code);
  }
  const names = await allAccountNames();
  expect(names.length).toBe(writes.length);
  expect(new Set(names).size).toBe(names.length);
  expect([...names].sort()).toEqual([...succeeded, ...failed].sort());
}, 90_000);
