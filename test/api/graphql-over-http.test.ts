import { serverAudits } from "graphql-http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAdminToken } from "../helpers/flows.ts";
import { startGateway, type TestGateway } from "../helpers/gateway.ts";

/** The audit's GET requests are "simple" ones, so they carry the CSRF-prevention header as a real client would. */
const withCsrfHeader = (input: RequestInfo | URL, init: RequestInit = {}) => {
  const headers = new Headers(init.headers);
  headers.set("x-graphql-csrf", "1");
  return fetch(input, { ...init, headers });
};

describe("GraphQL over HTTP", () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(() => gateway.stop());

  it.each(["/graphql", "/graphql/management", "/graphql/connector"])("passes every MUST audit of graphql-http on %s", async (path) => {
    const failures: string[] = [];
    for (const audit of serverAudits({ url: `${gateway.url}${path}`, fetchFn: withCsrfHeader })) {
      if (!audit.name.startsWith("MUST")) continue;
      const result = await audit.fn();
      if (result.status !== "ok") failures.push(`${audit.name}: ${result.reason}`);
    }
    expect(failures).toEqual([]);
  });

  it("refuses mutations over GET, and answers application/graphql-response+json with the right status", async () => {
    const token = await seedAdminToken(gateway);
    const mutation = encodeURIComponent('mutation { createAccount(input: { name: "via-get" }) { account { id } } }');
    const viaGet = await fetch(`${gateway.url}/graphql?query=${mutation}`, { headers: { accept: "application/graphql-response+json", authorization: `Bearer ${token}` } });
    expect(viaGet.status).toBe(405);
    const syntax = await fetch(`${gateway.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
      body: JSON.stringify({ query: "{ nope" }),
    });
    expect(syntax.status).toBe(400);
    expect(syntax.headers.get("content-type")).toMatch(/application\/graphql-response\+json/);
  });

  it("sends no CORS headers unless origins are configured", async () => {
    const preflight = (url: string) =>
      fetch(`${url}/graphql`, { method: "OPTIONS", headers: { origin: "https://app.example", "access-control-request-method": "POST" } });
    expect((await preflight(gateway.url)).headers.get("access-control-allow-origin")).toBeNull();
    const open = await startGateway({ SWITCHYARD_CORS_ORIGINS: "https://app.example" });
    try {
      expect((await preflight(open.url)).headers.get("access-control-allow-origin")).toBe("https://app.example");
    } finally {
      await open.stop();
    }
  });
});
