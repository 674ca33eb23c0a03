import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedTenant, startGateway, type SeededTenant, type TestGateway } from "../helpers/gateway.ts";

const logonMutation = "mutation ($input: LogonInput!) { logon(input: $input) { __typename } }";

describe("CSRF prevention for requests a browser sends without a preflight", () => {
  let gateway: TestGateway;
  let tenant: SeededTenant;
  let statements = 0;

  beforeAll(async () => {
    gateway = await startGateway({}, { onQuery: () => statements++ });
    tenant = await seedTenant(gateway);
  });
  afterAll(() => gateway.stop());

  const body = () => JSON.stringify({ query: logonMutation, variables: { input: { organizationId: tenant.organizationId, email: tenant.email, password: tenant.password } } });
  const post = (contentType: string, headers: Record<string, string> = {}) =>
    fetch(`${gateway.url}/graphql`, { method: "POST", headers: { "content-type": contentType, accept: "application/graphql-response+json", ...headers }, body: body() });
  const get = (headers: Record<string, string> = {}) =>
    fetch(`${gateway.url}/graphql?query=${encodeURIComponent("{ __typename }")}`, { headers: { accept: "application/graphql-response+json", ...headers } });

  it.each(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])("refuses a %s POST with 403 before any resolver runs", async (contentType) => {
    const before = statements;
    const response = await post(contentType);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("CSRF");
    expect(statements).toBe(before);
  });

  it("refuses a header-less GET, and answers the same GET carrying x-graphql-csrf", async () => {
    expect((await get()).status).toBe(403);
    const allowed = await get({ "x-graphql-csrf": "1" });
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toEqual({ data: { __typename: "Query" } });
    expect((await get({ "graphql-require-preflight": "1" })).status).toBe(200);
  });

  it("runs the same mutation sent as JSON, or as text/plain with the header", async () => {
    const before = statements;
    const asJson = await post("application/json");
    expect(asJson.status).toBe(200);
    expect(statements).toBeGreaterThan(before);
    expect((await post("text/plain", { "x-graphql-csrf": "1" })).status).not.toBe(403);
  });

  it("still serves GraphiQL to a browser", async () => {
    const page = await fetch(`${gateway.url}/graphql`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
  });
});
