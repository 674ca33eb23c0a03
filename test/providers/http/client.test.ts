import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TransportSettings } from "../../../providers/definition.ts";
import type { CreateHttpClientOptions } from "../../../providers/http/client.ts";
import type { ProviderRequest } from "../../../providers/http/types.ts";
import { ProviderError } from "../../../providers/types.ts";
import { providerFailure, testClient, transportSettings, type Reports } from "./transport-kit.ts";
import { hang, json, raw, startLocalServer, type LocalServer } from "./local-server.ts";

const canary = "canary-7f3a9b-secret";
const settings = transportSettings;
const settingsNoRetry: TransportSettings = { ...settings, maxRetries: 0 };
const settingsGuarded: TransportSettings = { ...settings, allowPrivateNetworks: false };
let server: LocalServer;

const client = (overrides: Partial<CreateHttpClientOptions> = {}, reports: Reports = []) =>
  testClient(
    server.origin,
    {
      auth: { kind: "bearer", token: canary },
      descriptor: { providerId: "test_provider", retryAfterHeader: "retry-after", rateLimitResetHeader: { name: "x-rate-limit-reset", format: "epoch-seconds" } },
      ...overrides,
    },
    reports,
  );

const get: ProviderRequest = { operation: "test_get", method: "GET", path: "/things" };
const post: ProviderRequest = { operation: "test_post", method: "POST", path: "/things", json: { name: "x" } };

/** The call's rejection, checked to be a ProviderError that leaks neither the token nor the provider's words. */
async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await providerFailure(promise);
  expect(`${error.message} ${JSON.stringify(error)} ${String(error.stack)}`).not.toContain(canary);
  return error;
}

beforeAll(async () => {
  server = await startLocalServer();
});
afterAll(() => server.close());

describe("requests and responses", () => {
  it("sends the auth header and a JSON body, and parses a JSON answer", async () => {
    server.script(json(201, { id: "1" }));
    const response = await client({ auth: { kind: "basic", username: "ana", password: canary } }).request({ ...post, query: { expand: "names" } });
    expect([response.status, response.body]).toEqual([201, { id: "1" }]);
    const [seen] = server.received;
    expect([seen?.method, seen?.url, seen?.body]).toEqual(["POST", "/api/things?expand=names", '{"name":"x"}']);
    expect(seen?.headers.authorization).toBe(`Basic ${Buffer.from(`ana:${canary}`).toString("base64")}`);
    expect(seen?.headers["content-type"]).toBe("application/json; charset=utf-8");
  });

  it("returns text for other bodies and null for an empty one", async () => {
    server.script(raw(200, "application/xml", "<ListBucketResult/>"), (_request, response) => response.writeHead(204).end());
    expect((await client().request(get)).body).toBe("<ListBucketResult/>");
    expect((await client().request({ ...get, method: "DELETE" })).body).toBeNull();
  });

  it("keeps repeated headers, such as Okta's two Link lines, as an array", async () => {
    server.script(json(200, [], { link: ['<https://a/users?limit=2>; rel="self"', '<https://a/users?after=x>; rel="next"'] }));
    expect((await client().request(get)).headers.link).toEqual(['<https://a/users?limit=2>; rel="self"', '<https://a/users?after=x>; rel="next"']);
  });

  it("keeps connections alive and shares them across clients built from the same settings", async () => {
    server.script(json(200, {}));
    for (let i = 0; i < 6; i++) await client().request(get);
    expect(server.received).toHaveLength(6);
    // undici's pool may open a second socket while the first finishes its response; never one per request.
    expect(new Set(server.received.map((request) => request.clientPort)).size).toBeLessThanOrEqual(2);
  });

  it("returns a status the adapter accepts, with its body, instead of rejecting", async () => {
    server.script(json(404, { errorCode: "E0000007" }));
    const response = await client().request({ ...get, acceptStatus: [404] });
    expect([response.status, response.body]).toEqual([404, { errorCode: "E0000007" }]);
  });

  it("does not follow redirects", async () => {
    server.script(raw(302, "text/plain", "", { location: `${server.origin}/elsewhere` }), json(200, {}));
    expect((await failure(client().request(get))).code).toBe("PROVIDER_ERROR");
    expect(server.received.map((request) => request.url)).toEqual(["/api/things"]);
  });
});

describe("status mapping, in our words", () => {
  it("maps 401 to PROVIDER_UNAUTHORIZED without echoing the body or the token", async () => {
    server.script(json(401, { message: `token ${canary} is invalid` }, { "www-authenticate": `Bearer ${canary}` }));
    expect(await failure(client().request(get))).toMatchObject({ code: "PROVIDER_UNAUTHORIZED", details: { httpStatus: 401 } });
  });

  it("turns truncated JSON on a 2xx into PROVIDER_ERROR, and an HTML 502 page into PROVIDER_UNAVAILABLE", async () => {
    server.script(raw(200, "application/json", `{"issues": [{"key": "${canary}"`));
    expect(await failure(client().request(get))).toMatchObject({ code: "PROVIDER_ERROR", details: { httpStatus: 200 } });
    server.script(raw(502, "text/html", `<html><body>Bad gateway ${canary}</body></html>`));
    expect(await failure(client({ settings: settingsNoRetry }).request(get))).toMatchObject({ code: "PROVIDER_UNAVAILABLE", details: { httpStatus: 502 } });
  });

  it("stops reading a body past the size cap, declared or streamed", async () => {
    const huge = `"${"x".repeat(200_000)}"`;
    server.script(raw(200, "application/json", huge));
    expect((await failure(client().request(get))).message).toMatch(/response too large/);
    server.script((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write(huge.slice(0, 100_000));
      response.end(huge.slice(100_000));
    });
    expect((await failure(client().request(get))).message).toMatch(/response too large/);
    expect(server.received).toHaveLength(1);
  });
});

describe("retries", () => {
  it("waits out a 429's Retry-After and sends again, a POST too, since a 429 was not processed", async () => {
    server.script(json(429, {}, { "retry-after": "0" }), json(200, { ok: 1 }));
    expect((await client().request(get)).body).toEqual({ ok: 1 });
    expect(server.received).toHaveLength(2);
    server.script(json(429, {}, { "retry-after": "0" }), json(201, { id: "1" }));
    expect((await client().request(post)).status).toBe(201);
    expect(server.received.map((request) => request.method)).toEqual(["POST", "POST"]);
  });

  it("retries a GET after 5xx, never a POST unless the adapter marks it idempotent", async () => {
    server.script(json(503, {}), json(502, {}), json(200, { ok: 1 }));
    expect((await client().request(get)).status).toBe(200);
    expect(server.received).toHaveLength(3);
    server.script(json(503, {}), json(200, {}));
    expect((await failure(client().request(post))).code).toBe("PROVIDER_UNAVAILABLE");
    expect(server.received).toHaveLength(1);
    server.script(json(503, {}), json(200, {}));
    expect((await client().request({ ...post, idempotent: true })).status).toBe(200);
    expect(server.received).toHaveLength(2);
  });

  it("fails fast with retryAfterSeconds when the provider asks for a long wait (Retry-After or Okta's reset)", async () => {
    const started = Date.now();
    server.script(json(429, {}, { "retry-after": "120" }));
    expect(await failure(client().request(get))).toMatchObject({ code: "PROVIDER_RATE_LIMITED", details: { httpStatus: 429, retryAfterSeconds: 120 } });
    server.script(json(429, {}, { "x-rate-limit-reset": String(Math.floor(Date.now() / 1000) + 60) }));
    expect((await failure(client().request(get))).details.retryAfterSeconds).toBeGreaterThanOrEqual(59);
    expect(Date.now() - started).toBeLessThan(500);
    expect(server.received).toHaveLength(1);
  });

  it("gives up on a provider that never answers at the deadline, retries included", async () => {
    server.script(hang);
    const started = Date.now();
    expect(await failure(client({ settings: { ...settings, totalTimeoutMs: 300 } }).request(get))).toMatchObject({ code: "PROVIDER_UNAVAILABLE", message: /in time/ });
    expect(Date.now() - started).toBeLessThan(800);
  });

  it("holds the body to the same deadline: headers and half a body, then silence, is a timeout", async () => {
    server.script((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"things": [');
    });
    const started = Date.now();
    expect(await failure(client({ settings: { ...settingsNoRetry, totalTimeoutMs: 300 } }).request(get))).toMatchObject({ code: "PROVIDER_UNAVAILABLE", message: /in time/ });
    expect(Date.now() - started).toBeLessThan(800);
  });

  it("reports each finished call, with attempts and no body", async () => {
    const reports: Reports = [];
    server.script(json(503, { secret: canary }), json(200, { ok: 1 }));
    await client({}, reports).request(get);
    expect(reports).toEqual([{ operation: "test_get", status: 200, latencyMs: expect.any(Number), bytes: JSON.stringify({ secret: canary }).length + 8, attempts: 2 }]);
    expect(JSON.stringify(reports)).not.toContain(canary);
  });
});

describe("the circuit breaker", () => {
  it("opens after consecutive provider failures, then answers without contacting the provider", async () => {
    const reports: Reports = [];
    const shared = client({ settings: settingsNoRetry }, reports);
    server.script(json(500, {}));
    for (let i = 0; i < 5; i++) await failure(shared.request(get));
    server.script(json(200, {}));
    expect(await failure(shared.request(get))).toMatchObject({ code: "PROVIDER_UNAVAILABLE", message: /paused/ });
    expect(server.received).toHaveLength(0);
    expect(reports.at(-1)).toMatchObject({ status: null, attempts: 0 });
  });

  it("lets one probe through after the pause, and closes again when it succeeds", async () => {
    const shared = client({ settings: settingsNoRetry, breaker: { threshold: 2, halfOpenAfterMs: 50 } });
    server.script(json(503, {}));
    await failure(shared.request(get));
    await failure(shared.request(get));
    await new Promise((resolve) => setTimeout(resolve, 60));
    server.script(json(200, { ok: 1 }));
    expect((await shared.request(get)).body).toEqual({ ok: 1 });
    expect((await shared.request(get)).status).toBe(200);
  });

  it("counts a failed call once however many attempts it made: N-1 such calls leave it closed, the Nth opens it", async () => {
    const shared = client({ breaker: { threshold: 3, halfOpenAfterMs: 60_000 } });
    server.script(json(503, {}));
    for (let call = 0; call < 2; call++) await failure(shared.request(get));
    expect(server.received).toHaveLength(6);
    expect((await failure(shared.request(get))).message).not.toMatch(/paused/);
    expect(server.received).toHaveLength(9);
    expect((await failure(shared.request(get))).message).toMatch(/paused/);
    expect(server.received).toHaveLength(9);
  });

  it("counts a call that succeeds on a retry as a success, whatever its earlier attempts met", async () => {
    const shared = client({ breaker: { threshold: 2, halfOpenAfterMs: 60_000 } });
    for (let call = 0; call < 3; call++) {
      server.script(json(503, {}), json(502, {}), json(200, { call }));
      expect((await shared.request(get)).body).toEqual({ call });
    }
  });

  it("is not opened by the caller's own mistakes (4xx)", async () => {
    const shared = client({ settings: settingsNoRetry });
    server.script(json(404, {}));
    for (let i = 0; i < 7; i++) expect((await failure(shared.request(get))).code).toBe("NOT_FOUND");
    expect(server.received).toHaveLength(7);
  });
});

describe("the private-network guard", () => {
  it("refuses a provider host on loopback unless the operator allows private networks", async () => {
    server.script(json(200, {}));
    for (const baseUrl of [`${server.origin}/api`, server.origin.replace("127.0.0.1", "localhost")]) {
      const error = await failure(client({ baseUrl, settings: settingsGuarded }).request(get));
      expect(error).toMatchObject({ code: "PROVIDER_UNAVAILABLE", message: /private or local network/ });
      expect(error.message).not.toMatch(/127\.0\.0\.1|::1|localhost/);
    }
    expect(server.received).toHaveLength(0);
  });

  it("refuses an absolute URL that leaves the base origin", async () => {
    expect((await failure(client().request({ ...get, path: "http://169.254.169.254/latest/meta-data" }))).message).toMatch(/another host/);
  });
});
