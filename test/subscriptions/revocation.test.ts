/** Subscriptions sharing a token are re-checked together: revoking it closes all of them, and only them. */
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createIntegration, createOrganizationToken, seedAdminToken } from "../helpers/flows.ts";
import { gql, startGateway, type TestGateway } from "../helpers/gateway.ts";

const changes = "subscription { integrationStatusChanged { integrationId health } }";

interface Watcher {
  received: unknown[];
  closed: Promise<number>;
  dispose(): Promise<void>;
}

function watch(gateway: TestGateway, token: string): Watcher {
  const received: unknown[] = [];
  let onClosed: (code: number) => void = () => {};
  const closed = new Promise<number>((resolve) => (onClosed = resolve));
  const client: Client = createClient({
    url: `${gateway.url.replace(/^http/, "ws")}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${token}` },
    on: { closed: (event) => onClosed((event as { code: number }).code) },
  });
  client.subscribe({ query: changes }, { next: (result) => received.push(result.data), error: () => {}, complete: () => {} });
  return { received, closed, dispose: () => client.dispose() as Promise<void> };
}

describe("revocation of a token shared by several subscriptions", () => {
  let gateway: TestGateway;
  let admin: string;
  let integrationToken: string;

  beforeAll(async () => {
    gateway = await startGateway();
    admin = await seedAdminToken(gateway);
    const account = await createAccount(gateway, admin, "watched");
    integrationToken = (await createIntegration(gateway, admin, account.id, "mock")).tokens.accessToken;
  });
  afterAll(() => gateway.stop());

  async function mint() {
    const tokens = (await createOrganizationToken(gateway, admin, { permissionSet: "VIEWER" })).body.data?.createOrganizationToken.tokens;
    if (!tokens) throw new Error("no token");
    return tokens;
  }

  it("closes every subscription of the revoked token with 4403 and keeps the others delivering", async () => {
    const revoked = await mint();
    const kept = await mint();
    const doomed = [watch(gateway, revoked.accessToken), watch(gateway, revoked.accessToken), watch(gateway, revoked.accessToken)];
    const survivors = [watch(gateway, kept.accessToken), watch(gateway, kept.accessToken)];
    await new Promise((resolve) => setTimeout(resolve, 400));

    const deleted = await gql(gateway, "mutation($id: ID!) { deleteRefreshToken(id: $id) { refreshTokenId } }", { token: admin, variables: { id: revoked.refreshTokenId } });
    expect(deleted.body.errors).toBeUndefined();
    expect(await Promise.all(doomed.map((watcher) => watcher.closed))).toEqual([4403, 4403, 4403]);

    const call = await gql(gateway, "{ tickets(first: 1) { edges { node { key } } } }", { token: integrationToken, path: "/graphql/connector" });
    expect(call.body.errors).toBeUndefined();
    await gateway.app.services.status.flush();
    await new Promise((resolve) => setTimeout(resolve, 400));
    for (const survivor of survivors) expect(survivor.received).toEqual([{ integrationStatusChanged: expect.objectContaining({ health: "HEALTHY" }) }]);
    for (const watcher of doomed) expect(watcher.received).toEqual([]);
    await Promise.all([...doomed, ...survivors].map((watcher) => watcher.dispose()));
  });
});
