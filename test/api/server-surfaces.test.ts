/** What the HTTP server offers besides GraphQL over JSON: probes, 404s, GraphiQL, SSE, and answers to malformed requests. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAdminToken } from "../helpers/flows.ts";
import { gql, type TestGateway } from "../helpers/gateway.ts";
import { startGatewayFromTemplate } from "../helpers/template-gateway.ts";

let gateway: TestGateway;
let token: string;

beforeAll(async () => {
  gateway = await startGatewayFromTemplate();
  token = await seedAdminToken(gateway);
});
afterAll(() => gateway.stop());

describe("health probes", () => {
  it("answers /healthz and /readyz with 200 and a status body", async () => {
    const health = await fetch(`${gateway.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });

    const ready = await fetch(`${gateway.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });
  });

  it("answers an unknown path with 404", async () => {
    const response = await fetch(`${gateway.url}/graphql-typo`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: expect.stringContaining("/graphql") });
  });
});

describe("GraphiQL", () => {
  it("serves the GraphiQL page to a browser asking for HTML on /graphql", async () => {
    const response = await fetch(`${gateway.url}/graphql`, { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await response.text()).toMatch(/graphiql/i);
  });
});

describe("Server-Sent Events", () => {
  it("streams a query's result to a client that accepts text/event-stream", async () => {
    const response = await fetch(`${gateway.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: "{ accounts { totalCount } }" }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const body = await response.text();
    const data = body
      .split("\n")
      .filter((line) => line.startsWith("data:"))
      .map((line) => line.slice("data:".length).trim())
      .filter(Boolean)
      .map((json) => JSON.parse(json) as unknown);
    expect(data).toContainEqual({ data: { accounts: { totalCount: 0 } } });
    expect(body).toContain("event: complete");
  });
});

describe("malformed requests", () => {
  it("answers a syntax error with 400 GRAPHQL_PARSE_FAILED", async () => {
    const response = await gql(gateway, "{ accounts { ", { token });
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
  });

  it("answers a variable of the wrong type as the client's error, not an internal one", async () => {
    const response = await gql(gateway, "query ($first: Int) { accounts(first: $first) { totalCount } }", { token, variables: { first: "ten" } });
    expect(response.status).toBeLessThan(500);
    expect(response.body.errors?.[0]?.extensions?.code).not.toBe("INTERNAL_SERVER_ERROR");
    expect(response.body.errors?.[0]?.message).toContain("$first");
  });
});
