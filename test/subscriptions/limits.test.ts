/** graphql-ws limits: the connection_init deadline, the largest message, operations per connection, and the keep-alive. */
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createIntegration, seedAdminToken } from "../helpers/flows.ts";
import { gql, startGateway, type TestGateway } from "../helpers/gateway.ts";

const events = "subscription { statusEvents { integrationId operation outcome } }";

function closeOf(socket: WebSocket) {
  return new Promise<{ code: number; reason: string }>((resolve) => socket.once("close", (code, reason) => resolve({ code, reason: reason.toString() })));
}

describe("graphql-ws limits", () => {
  let gateway: TestGateway;
  let admin: string;
  let integration: { id: string; token: string };

  beforeAll(async () => {
    gateway = await startGateway({ SWITCHYARD_WS_MAX_SUBSCRIPTIONS: "2", SWITCHYARD_WS_INIT_TIMEOUT_MS: "300", SWITCHYARD_WS_KEEPALIVE_MS: "200" });
    admin = await seedAdminToken(gateway);
    const account = await createAccount(gateway, admin, "watched");
    const created = await createIntegration(gateway, admin, account.id, "mock");
    integration = { id: created.integration.id, token: created.tokens.accessToken };
  });
  afterAll(() => gateway.stop());

  const wsUrl = () => `${gateway.url.replace(/^http/, "ws")}/graphql`;

  it("closes a connection that never sends connection_init with 4408", async () => {
    const socket = new WebSocket(wsUrl(), "graphql-transport-ws");
    const closed = await closeOf(socket);
    expect(closed.code).toBe(4408);
  });

  it("closes a connection that sends a message over 1 MiB with 1009, before reading it", async () => {
    const socket = new WebSocket(wsUrl(), "graphql-transport-ws");
    await new Promise((resolve) => socket.once("open", resolve));
    const closed = closeOf(socket);
    socket.send(JSON.stringify({ type: "connection_init", payload: { padding: "x".repeat(1024 * 1024 + 1) } }));
    expect((await closed).code).toBe(1009);
  });

  it("pings every connection and drops one that stops answering, keeping one that answers", async () => {
    const connect = async (options: WebSocket.ClientOptions) => {
      const socket = new WebSocket(wsUrl(), "graphql-transport-ws", options);
      const pings = { count: 0 };
      socket.on("ping", () => pings.count++);
      await new Promise((resolve) => socket.once("open", resolve));
      const acknowledged = new Promise((resolve) => socket.once("message", resolve));
      socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${admin}` } }));
      expect(JSON.parse(String(await acknowledged))).toEqual({ type: "connection_ack" });
      return { socket, pings };
    };
    const answering = await connect({});
    const silent = await connect({ autoPong: false });

    // Pinged at 200 ms, given 200 ms more to answer: terminated without a close frame.
    expect((await closeOf(silent.socket)).code).toBe(1006);
    expect(silent.pings.count).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(answering.socket.readyState).toBe(WebSocket.OPEN);
    expect(answering.pings.count).toBeGreaterThanOrEqual(3);
    answering.socket.close();
  });

  it("answers an operation's errors without the HTTP status and headers meant for Yoga", async () => {
    const socket = new WebSocket(wsUrl(), "graphql-transport-ws");
    await new Promise((resolve) => socket.once("open", resolve));
    const messages: { type: string; payload?: unknown }[] = [];
    socket.on("message", (data) => messages.push(JSON.parse(String(data))));
    socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: "Bearer not.a-real.token" } }));
    await expect.poll(() => messages.find((message) => message.type === "connection_ack")).toBeDefined();
    socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query: events } }));
    await expect.poll(() => messages.find((message) => message.type === "error")).toBeDefined();
    expect(messages.find((message) => message.type === "error")?.payload).toEqual([{ message: expect.stringContaining("not accepted"), extensions: { code: "UNAUTHENTICATED" } }]);
    socket.close();
  });

  it("refuses an operation beyond the per-connection cap, keeps the others working, and frees a slot on complete", async () => {
    const client: Client = createClient({ url: wsUrl(), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${admin}` } });
    const received: unknown[][] = [[], []];
    const disposers = [0, 1].map((slot) =>
      client.subscribe({ query: events }, { next: (result) => received[slot]?.push(result.data), error: () => {}, complete: () => {} }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));

    const refused = await new Promise<unknown>((resolve) =>
      client.subscribe({ query: events }, { next: () => resolve("unexpected event"), error: resolve, complete: () => resolve("completed without error") }),
    );
    expect(refused).toEqual([expect.objectContaining({ message: expect.stringContaining("At most 2 operations"), extensions: { code: "RATE_LIMITED" } })]);

    const call = await gql(gateway, "{ tickets(first: 1) { edges { node { key } } } }", { token: integration.token, path: "/graphql/connector" });
    expect(call.body.errors).toBeUndefined();
    await gateway.app.services.status.flush();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const event = { statusEvents: { integrationId: integration.id, operation: "ticketing_query_tickets", outcome: "SUCCESS" } };
    expect(received).toEqual([[event], [event]]);

    disposers[0]?.();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const afterFree = await new Promise<unknown>((resolve) =>
      client.subscribe({ query: "{ __typename }" }, { next: (result) => resolve(result.data), error: resolve, complete: () => {} }),
    );
    expect(afterFree).toEqual({ __typename: "Query" });
    disposers[1]?.();
    await client.dispose();
  });
});
