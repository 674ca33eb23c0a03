/**
 * A saturated connection pool answers fast with a retryable 503 instead of queueing requests
 * without bound. The pool (DATABASE_POOL_SIZE 2, DATABASE_POOL_TIMEOUT_MS 300) is filled by
 * requests stuck behind a table lock that a direct client holds; releasing the lock frees it.
 */
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { seedAdminToken } from "../helpers/flows.ts";
import { gql, type TestGateway } from "../helpers/gateway.ts";
import { startCluster, startGatewayOn, type Cluster } from "./postgres-cluster.ts";

let cluster: Cluster;
let gateway: TestGateway;
let token: string;

beforeAll(async () => {
  cluster = startCluster(61511);
  gateway = await startGatewayOn(cluster.url, { DATABASE_POOL_SIZE: "2", DATABASE_POOL_TIMEOUT_MS: "300" });
  token = await seedAdminToken(gateway);
}, 60_000);
afterAll(async () => {
  await gateway?.stop().catch(() => undefined);
  cluster?.destroy();
});

const readAccounts = async () => {
  const startedAt = performance.now();
  const response = await gql(gateway, "{ accounts(first: 1) { edges { node { id } } } }", { token, path: "/graphql/management" });
  return { ms: performance.now() - startedAt, status: response.status, code: response.body.errors?.[0]?.extensions?.code, retryAfter: response.headers.get("retry-after") };
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it("fails fast with 503 while every pooled connection is busy, and serves again once they are free", async () => {
  expect(await readAccounts()).toMatchObject({ status: 200, code: undefined });
  const locker = new pg.Client({ connectionString: cluster.url });
  await locker.connect();
  try {
    await locker.query('BEGIN; LOCK TABLE "Account" IN ACCESS EXCLUSIVE MODE');
    const stuck = [readAccounts(), readAccounts()];
    // Wait (bounded) until both pooled connections sit behind the lock.
    for (let attempt = 0; attempt < 100; attempt++) {
      const { rows } = await locker.query<{ waiting: string }>("select count(*) as waiting from pg_stat_activity where wait_event_type = 'Lock' and pid <> pg_backend_pid()");
      if (Number(rows[0]?.waiting) >= 2) break;
      await pause(50);
    }
    const refused = await Promise.all(Array.from({ length: 10 }, readAccounts));
    const ready = await fetch(`${gateway.url}/readyz`);
    console.log(`pool exhaustion: ${refused.length} requests refused, slowest ${Math.round(Math.max(...refused.map((outcome) => outcome.ms)))} ms (pool timeout 300 ms)`);
    for (const outcome of refused) expect({ status: outcome.status, code: outcome.code, retryAfter: outcome.retryAfter }).toEqual({ status: 503, code: "SERVICE_UNAVAILABLE", retryAfter: "2" });
    expect(refused.filter((outcome) => outcome.ms > 3_000)).toEqual([]);
    expect(ready.status).toBe(503);

    await locker.query("COMMIT");
    // The stuck requests finish normally once the lock is gone, and new ones are served.
    for (const outcome of await Promise.all(stuck)) expect(outcome).toMatchObject({ status: 200, code: undefined });
    expect(await readAccounts()).toMatchObject({ status: 200, code: undefined });
    expect((await fetch(`${gateway.url}/readyz`)).status).toBe(200);
  } finally {
    await locker.end();
  }
}, 60_000);
