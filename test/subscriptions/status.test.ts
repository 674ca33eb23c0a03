import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createIntegration, createOrganizationToken, seedAdminToken } from "../helpers/flows.ts";
import { gql, startGateway, type TestGateway } from "../helpers/gateway.ts";

const changes = "subscription { integrationStatusChanged { integrationId accountId health requests } }";
const events = "subscription { statusEvents { integrationId operation outcome } }";

interface Subscriber {
  received: Record<string, unknown>[];
  /** Error codes of the results that carried errors. */
  errors: string[];
  closed: Promise<{ code: number; reason: string }>;
  dispose(): Promise<void>;
}

function subscribe(gateway: TestGateway, token: string, query: string, path = "/graphql", variables?: Record<string, unknown>): Subscriber {
  const received: Record<string, unknown>[] = [];
  const errors: string[] = [];
  let onClosed: (event: { code: number; reason: string }) => void = () => {};
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (onClosed = resolve));
  const client: Client = createClient({
    url: `${gateway.url.replace(/^http/, "ws")}${path}`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${token}` },
    on: { closed: (event) => onClosed(event as { code: number; reason: string }) },
  });
  client.subscribe(
    { query, ...(variables && { variables }) },
    {
      // graphql-ws delivers an error thrown while subscribing as a result with errors, then completes.
      next: (result) => (result.errors ? errors.push(...result.errors.map((error) => String(error.extensions?.code))) : received.push(result.data as Record<string, unknown>)),
      error: () => {},
      complete: () => {},
    },
  );
  return { received, errors, closed, dispose: () => client.dispose() as Promise<void> };
}

const settle = (ms = 400) => new Promise((resolve) => setTimeout(resolve, ms));

async function callTickets(gateway: TestGateway, token: string) {
  const response = await gql(gateway, "{ tickets(first: 1) { edges { node { key } } } }", { token, path: "/graphql/connector" });
  expect(response.body.errors).toBeUndefined();
}

describe("live integration status", () => {
  let gateway: TestGateway;
  let adminA: string;
  let adminB: string;
  let integration1: { id: string; token: string };
  let integration2: { id: string; token: string };
  let account1: string;

  beforeAll(async () => {
    gateway = await startGateway();
    adminA = await seedAdminToken(gateway);
    adminB = await seedAdminToken(gateway);
    account1 = (await createAccount(gateway, adminA, "first")).id;
    const account2 = (await createAccount(gateway, adminA, "second")).id;
    const created1 = await createIntegration(gateway, adminA, account1, "one");
    const created2 = await createIntegration(gateway, adminA, account2, "two");
    integration1 = { id: created1.integration.id, token: created1.tokens.accessToken };
    integration2 = { id: created2.integration.id, token: created2.tokens.accessToken };
  });
  afterAll(() => gateway.stop());

  it("delivers each event to the subscribers that may see it, and to nobody else", async () => {
    const orgWide = subscribe(gateway, adminA, changes);
    const ownIntegration = subscribe(gateway, integration1.token, events, "/graphql/connector");
    const otherIntegration = subscribe(gateway, integration2.token, events, "/graphql/connector");
    const otherTenant = subscribe(gateway, adminB, changes);
    const restricted = (await createOrganizationToken(gateway, adminA, { permissionSet: "VIEWER", accountIds: [(await createAccount(gateway, adminA, "third")).id] })).body.data
      ?.createOrganizationToken.tokens.accessToken as string;
    const restrictedSubscriber = subscribe(gateway, restricted, changes);
    await settle();

    await callTickets(gateway, integration1.token);
    await gateway.app.services.status.flush();
    await settle();

    expect(orgWide.received).toEqual([{ integrationStatusChanged: { integrationId: integration1.id, accountId: account1, health: "HEALTHY", requests: 1 } }]);
    expect(ownIntegration.received).toEqual([{ statusEvents: { integrationId: integration1.id, operation: "ticketing_query_tickets", outcome: "SUCCESS" } }]);
    expect(otherIntegration.received).toEqual([]);
    expect(otherTenant.received).toEqual([]);
    expect(restrictedSubscriber.received).toEqual([]);
    await Promise.all([orgWide, ownIntegration, otherIntegration, otherTenant, restrictedSubscriber].map((subscriber) => subscriber.dispose()));
  });

  it("narrows to one integration, and answers NOT_FOUND for one the token cannot reach", async () => {
    const narrowed = "subscription($id: ID!) { integrationStatusChanged(integrationId: $id) { integrationId requests } }";
    const watchingTwo = subscribe(gateway, adminA, narrowed, "/graphql", { id: integration2.id });
    const otherTenant = subscribe(gateway, adminB, narrowed, "/graphql", { id: integration1.id });
    const restricted = (await createOrganizationToken(gateway, adminA, { permissionSet: "VIEWER", accountIds: [(await createAccount(gateway, adminA, "fourth")).id] })).body.data
      ?.createOrganizationToken.tokens.accessToken as string;
    const outsideItsAccounts = subscribe(gateway, restricted, narrowed, "/graphql", { id: integration1.id });
    const malformed = subscribe(gateway, adminA, narrowed, "/graphql", { id: "not-an-id" });
    // An integration token reaches its account's rows, but its stream is its own integration's alone.
    const sibling = await createIntegration(gateway, adminA, account1, "one-sibling");
    const siblingWatchingOne = subscribe(gateway, sibling.tokens.accessToken, narrowed, "/graphql/connector", { id: integration1.id });
    const oneWatchingItself = subscribe(gateway, integration1.token, narrowed, "/graphql/connector", { id: integration1.id });
    await settle();

    await callTickets(gateway, integration1.token);
    await callTickets(gateway, integration2.token);
    await gateway.app.services.status.flush();
    await settle();

    expect(watchingTwo.received).toEqual([{ integrationStatusChanged: { integrationId: integration2.id, requests: 1 } }]);
    expect(watchingTwo.errors).toEqual([]);
    // Its second call: the first test made one.
    expect(oneWatchingItself.received).toEqual([{ integrationStatusChanged: { integrationId: integration1.id, requests: 2 } }]);
    for (const refused of [otherTenant, outsideItsAccounts, malformed, siblingWatchingOne]) {
      expect(refused.received).toEqual([]);
      expect(refused.errors).toEqual(["NOT_FOUND"]);
    }
    await Promise.all([watchingTwo, otherTenant, outsideItsAccounts, malformed, siblingWatchingOne, oneWatchingItself].map((subscriber) => subscriber.dispose()));
  });

  it("closes a subscription with 4403 within seconds of its token being deleted", async () => {
    const minted = await createOrganizationToken(gateway, adminA, { permissionSet: "VIEWER" });
    const tokens = minted.body.data?.createOrganizationToken.tokens;
    const subscriber = subscribe(gateway, tokens?.accessToken as string, changes);
    await settle();
    const started = Date.now();
    const deleted = await gql(gateway, "mutation($id: ID!) { deleteRefreshToken(id: $id) { refreshTokenId } }", {
      token: adminA,
      variables: { id: tokens?.refreshTokenId },
    });
    expect(deleted.body.errors).toBeUndefined();
    const closed = await subscriber.closed;
    expect(closed.code).toBe(4403);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("streams events over Server-Sent Events and ends the stream on revocation", async () => {
    const minted = await createOrganizationToken(gateway, adminA, { permissionSet: "VIEWER" });
    const tokens = minted.body.data?.createOrganizationToken.tokens;
    const response = await fetch(`${gateway.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream", authorization: `Bearer ${tokens?.accessToken}` },
      body: JSON.stringify({ query: changes }),
    });
    expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await settle();
    await callTickets(gateway, integration1.token);
    await gateway.app.services.status.flush();
    let text = "";
    while (!text.includes("integrationStatusChanged")) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain(integration1.id);

    await gql(gateway, "mutation($id: ID!) { deleteRefreshToken(id: $id) { refreshTokenId } }", { token: adminA, variables: { id: tokens?.refreshTokenId } });
    const started = Date.now();
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
    }
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
