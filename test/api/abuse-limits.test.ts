import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAdminToken } from "../helpers/flows.ts";
import { gql, startGateway, type TestGateway } from "../helpers/gateway.ts";

describe("GraphQL abuse limits", () => {
  let gateway: TestGateway;
  let token: string;
  let statements = 0;

  beforeAll(async () => {
    gateway = await startGateway({}, { onQuery: () => statements++ });
    token = await seedAdminToken(gateway);
    await gql(gateway, "{ organization { name } }", { token });
  });
  afterAll(() => gateway.stop());

  /** Runs a request and reports its first error message and how many SQL statements it caused. */
  async function attempt(query: string, variables?: Record<string, unknown>) {
    statements = 0;
    const response = await gql(gateway, query, { token, variables });
    return { status: response.status, message: response.body.errors?.[0]?.message ?? null, data: response.body.data, statements };
  }

  it("refuses a document deeper than the limit, and allows one within it", async () => {
    const deep = `{ accounts { edges { node { integrations { edges { node { account { integrations { edges { node { account { integrations { edges { node { id } } } } } } } } } } } } } } }`;
    const refused = await attempt(deep);
    expect(refused.message).toMatch(/depth/i);
    expect(refused.statements).toBe(0);
    expect((await attempt("{ accounts { edges { node { integrations { edges { node { id } } } } } } }")).message).toBeNull();
  });

  it("refuses too many aliases, including aliases of __typename", async () => {
    const aliases = Array.from({ length: 16 }, (_, index) => `a${index}: __typename`).join(" ");
    const refused = await attempt(`{ ${aliases} }`);
    expect(refused.message).toMatch(/aliases/i);
    expect((await attempt(`{ ${Array.from({ length: 15 }, (_, index) => `a${index}: __typename`).join(" ")} }`)).message).toBeNull();
  });

  it("refuses too many directives and too many tokens", async () => {
    expect((await attempt(`{ __typename ${"@include(if: true) ".repeat(11)} }`)).message).toMatch(/directives/i);
    expect((await attempt(`{ ${"__typename ".repeat(2_100)} }`)).message).toMatch(/token/i);
  });

  it("answers depth, alias and directive refusals as validation errors: coded, and 400 under the GraphQL media type", async () => {
    const documents = [
      // Pages of one, so that only the depth is over its limit, not the cost.
      "{ accounts(first: 1) { edges { node { integrations(first: 1) { edges { node { account { integrations(first: 1) { edges { node { account { integrations(first: 1) { edges { node { id } } } } } } } } } } } } } } }",
      `{ ${Array.from({ length: 16 }, (_, index) => `a${index}: __typename`).join(" ")} }`,
      `{ __typename ${"@include(if: true) ".repeat(11)} }`,
    ];
    for (const query of documents) {
      for (const [accept, status] of [["application/json", 200], ["application/graphql-response+json", 400]] as const) {
        const response = await gql(gateway, query, { token, headers: { accept } });
        expect(response.status).toBe(status);
        expect(response.body.errors).toEqual([{ message: expect.stringMatching(/limit of \d+ exceeded/), extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }]);
      }
    }
  });

  it("counts page sizes whether literals or variables", async () => {
    const expensive = await attempt("{ accounts(first: 100) { edges { node { integrations(first: 100) { edges { node { id } } } } } } }");
    expect(expensive.message).toMatch(/too expensive/);
    expect(expensive.statements).toBe(0);
    const viaVariables = await attempt(
      "query($a: Int, $b: Int) { accounts(first: $a) { edges { node { integrations(first: $b) { edges { node { id } } } } } } }",
      { a: 100, b: 100 },
    );
    expect(viaVariables.message).toMatch(/too expensive/);
    expect(viaVariables.statements).toBe(0);
    const affordable = await attempt("query($a: Int) { accounts(first: $a) { edges { node { integrations(first: 10) { edges { node { id } } } } } } }", { a: 50 });
    expect(affordable.message).toBeNull();
  });

  it("refuses a body over the size limit before reading it", async () => {
    const response = await fetch(`${gateway.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: `{ __typename }`, padding: "x".repeat(1024 * 1024 + 10) }),
    });
    expect(response.status).toBe(413);
  });

  it("refuses a chunked body, whose size is not known before reading it", async () => {
    const answer = await rawExchange(
      gateway.url,
      `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer ${token}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 411 /);
  });

  it("reads no more of a body than its declared length", async () => {
    const body = JSON.stringify({ query: "{ __typename }", padding: "x".repeat(2 * 1024 * 1024) });
    const declared = JSON.stringify({ query: "{ __typename }" }).length;
    const answer = await rawExchange(
      gateway.url,
      `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer ${token}\r\nContent-Length: ${declared}\r\n\r\n${body}`,
    );
    // The declared bytes are a request of their own, cut short mid-object; what follows is not read as its body.
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).not.toContain("padding");
  });
});

/** Sends raw bytes and returns everything the server answers until it closes the connection. */
function rawExchange(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(request));
    let answer = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (answer += chunk));
    socket.on("error", (error: NodeJS.ErrnoException) => (error.code === "ECONNRESET" || error.code === "EPIPE" ? resolve(answer) : reject(error)));
    socket.on("close", () => resolve(answer));
  });
}

describe("production switches", () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startGateway({ NODE_ENV: "production", SWITCHYARD_GRAPHIQL: "false" });
  });
  afterAll(() => gateway.stop());

  it("turns off introspection and hides field suggestions", async () => {
    const introspection = await gql(gateway, "{ __schema { types { name } } }");
    expect(introspection.body.errors?.[0]?.message).toMatch(/introspection/i);
    const typo = await gql(gateway, "{ organizatio { name } }");
    expect(typo.body.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  it("hides suggestions in variable errors too: misspelled input fields and enum values", async () => {
    const mutation = "mutation($i: CreateOrganizationTokenInput!) { createOrganizationToken(input: $i) { tokens { accessToken } } }";
    const field = await gql(gateway, mutation, { variables: { i: { permissionSe: "VIEWER" } } });
    const value = await gql(gateway, mutation, { variables: { i: { permissionSet: "VIEWE" } } });
    for (const response of [field, value]) {
      expect(response.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(response.body.errors?.[0]?.message).toMatch(/^Variable "\$i" got an invalid value/);
      for (const error of response.body.errors ?? []) expect(error.message).not.toMatch(/Did you mean|VIEWER"/);
    }
  });
});
