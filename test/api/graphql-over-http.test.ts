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

  it("answers a variable that does not coerce as a 400 BAD_USER_INPUT naming the input field", async () => {
    const token = await seedAdminToken(gateway);
    const mutation = "mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }";
    const cases: [Record<string, unknown>, string, string][] = [
      [{ fullname: "No name" }, "name", "input.name"],
      [{ name: "typed", labels: [1, 2] }, "labels", "input.labels[0]"],
      [{ name: "typed", environment: "STAGING" }, "environment", "input.environment"],
    ];
    for (const [input, field, inputPath] of cases) {
      for (const accept of ["application/graphql-response+json", "application/json"]) {
        const response = await fetch(`${gateway.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", accept, authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: mutation, variables: { input } }),
        });
        expect(response.status).toBe(400);
        const body = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
        expect(body.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field, inputPath });
      }
    }
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
