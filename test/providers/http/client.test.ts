import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHttpClient } from "../../../providers/http/client.ts";
import type { TransportSettings } from "../../../providers/definition.ts";
import { ProviderError } from "../../../providers/types.ts";

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

const canary = "canary-secret-7f3a9b";
let handlers: Handler[] = [];
let hits = 0;
let baseUrl = "";
const server = createServer((request, response) => {
  hits++;
  const handler = handlers.length > 1 ? handlers.shift() : handlers[0];
  handler?.(request, response);
});

const settings: TransportSettings = { connectTimeoutMs: 500, totalTimeoutMs: 1_500, maxRetries: 2, maxResponseBytes: 64 * 1024, allowPrivateNetworks: true };
let breakerKey = 0;

function client(overrides: Partial<TransportSettings> = {}) {
  return createHttpClient({
    baseUrl,
    auth: { kind: "bearer", token: canary },
    descriptor: { providerId: "test_provider", retryAfterHeader: "retry-after" },
    breakerKey: `test-${++breakerKey}`,
    settings: { ...settings, ...overrides },
    retryPolicy: { baseDelayMs: 5 },
  });
}

const json = (status: number, body: unknown, headers: Record<string, string | string[]> = {}): Handler => (_request, response) => {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
};

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ProviderError);
  const providerError = error as ProviderError;
  expect(providerError.message).not.toContain(canary);
  return providerError;
}

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  handlers = [];
  hits = 0;
});

describe("the provider HTTP client", () => {
  it("sends the auth header and JSON, and parses JSON", async () => {
    let seen: IncomingMessage | undefined;
    handlers = [(request, response) => ((seen = request), json(200, { ok: true })(request, response))];
    const response = await client().request({ operation: "op", method: "POST", path: "/things", json: { a: 1 } });
    expect(response.body).toEqual({ ok: true });
    expect(seen?.headers.authorization).toBe(`Bearer ${canary}`);
    expect(seen?.url).toBe("/api/things");
  });

  it("retries a GET after 429 with Retry-After, then succeeds", async () => {
    handlers = [json(429, { error: "slow down" }, { "retry-after": "0" }), json(200, { ok: 1 })];
    expect((await client().request({ operation: "op", method: "GET", path: "/x" })).body).toEqual({ ok: 1 });
    expect(hits).toBe(2);
  });

  it("retries a GET after a 503, but not a POST", async () => {
    handlers = [json(503, {}), json(200, { ok: 1 })];
    expect((await client().request({ operation: "op", method: "GET", path: "/x" })).status).toBe(200);
    handlers = [json(503, {}), json(200, { ok: 1 })];
    hits = 0;
    expect((await failure(client().request({ operation: "op", method: "POST", path: "/x" }))).code).toBe("PROVIDER_UNAVAILABLE");
    expect(hits).toBe(1);
  });

  it("gives up on a long Retry-After with the wait in the error", async () => {
    handlers = [json(429, {}, { "retry-after": "120" })];
    const error = await failure(client().request({ operation: "op", method: "GET", path: "/x" }));
    expect([error.code, error.details.retryAfterSeconds]).toEqual(["PROVIDER_RATE_LIMITED", 120]);
  });

  it("stops waiting for a provider that never answers", async () => {
    handlers = [() => {}];
    const started = Date.now();
    expect((await failure(client({ totalTimeoutMs: 300, maxRetries: 0 }).request({ operation: "op", method: "GET", path: "/x" }))).code).toBe("PROVIDER_UNAVAILABLE");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("reports truncated JSON and HTML error pages as errors, not crashes", async () => {
    handlers = [(_request, response) => (response.writeHead(200, { "content-type": "application/json" }), response.end('{"issues": [1, 2'))];
    expect((await failure(client().request({ operation: "op", method: "GET", path: "/x" }))).code).toBe("PROVIDER_ERROR");
    handlers = [(_request, response) => (response.writeHead(502, { "content-type": "text/html" }), response.end(`<html>${canary}</html>`))];
    expect((await failure(client({ maxRetries: 0 }).request({ operation: "op", method: "GET", path: "/x" }))).code).toBe("PROVIDER_UNAVAILABLE");
  });

  it("maps 401 to PROVIDER_UNAUTHORIZED without echoing the body", async () => {
    handlers = [json(401, { message: `bad token ${canary}` })];
    expect((await failure(client().request({ operation: "op", method: "GET", path: "/x" }))).code).toBe("PROVIDER_UNAUTHORIZED");
  });

  it("cuts off a response larger than the cap", async () => {
    handlers = [(_request, response) => (response.writeHead(200, { "content-type": "application/json" }), response.end(`"${"x".repeat(200_000)}"`))];
    expect((await failure(client().request({ operation: "op", method: "GET", path: "/x" }))).message).toMatch(/larger than/);
  });

  it("returns statuses the adapter accepts, and repeated headers as arrays", async () => {
    handlers = [json(404, { errorCode: "E0000007" }, { link: ['<a>; rel="self"', '<b>; rel="next"'] })];
    const response = await client().request({ operation: "op", method: "GET", path: "/x", acceptStatus: [404] });
    expect(response.status).toBe(404);
    expect(response.headers.link).toEqual(['<a>; rel="self"', '<b>; rel="next"']);
  });

  it("opens the breaker after repeated provider failures and then stops calling", async () => {
    handlers = [json(500, {})];
    const shared = client({ maxRetries: 0 });
    for (let i = 0; i < 5; i++) await failure(shared.request({ operation: "op", method: "GET", path: "/x" }));
    hits = 0;
    const error = await failure(shared.request({ operation: "op", method: "GET", path: "/x" }));
    expect(error.message).toMatch(/paused/);
    expect(hits).toBe(0);
  });

  it("refuses loopback and private addresses unless allowed", async () => {
    handlers = [json(200, {})];
    const error = await failure(client({ allowPrivateNetworks: false }).request({ operation: "op", method: "GET", path: "/x" }));
    expect(error.message).toMatch(/private or local/);
    expect(hits).toBe(0);
  });
});
