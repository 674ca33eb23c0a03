/** `reportsProviderFault`: a 2xx whose body reports a failure on the provider's side is handled like a 5xx, not accepted. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreateHttpClientOptions } from "../../../providers/http/client.ts";
import type { ProviderRequest } from "../../../providers/http/types.ts";
import { providerFailure, testClient, transportSettings, type Reports } from "./transport-kit.ts";
import { json, startLocalServer, type LocalServer } from "./local-server.ts";

let server: LocalServer;

const client = (overrides: Partial<CreateHttpClientOptions> = {}, reports: Reports = []) =>
  testClient(server.origin, { auth: { kind: "bearer", token: "xoxb-test" }, descriptor: { providerId: "test_provider" }, ...overrides }, reports);

const outage = { ok: false, error: "fatal_error" };
const reportsProviderFault = (body: unknown) => (body as { error?: unknown } | null)?.error === "fatal_error";
const get: ProviderRequest = { operation: "test_get", method: "GET", path: "/things.list", reportsProviderFault };
const post: ProviderRequest = { operation: "test_post", method: "POST", path: "/things.create", json: { name: "x" }, reportsProviderFault };

beforeAll(async () => {
  server = await startLocalServer();
});
afterAll(() => server.close());

describe("a 2xx that reports a fault on the provider's side", () => {
  it("is retried for an idempotent request, and the call succeeds on the next answer; the report keeps the real 200", async () => {
    const reports: Reports = [];
    server.script(json(200, outage), json(200, { ok: true, things: [] }));
    expect((await client({}, reports).request(get)).body).toEqual({ ok: true, things: [] });
    expect(server.received).toHaveLength(2);
    expect(reports).toEqual([expect.objectContaining({ status: 200, attempts: 2 })]);
  });

  it("is not resent for a POST, which may have partly happened, and fails PROVIDER_UNAVAILABLE in our words", async () => {
    const reports: Reports = [];
    server.script(json(200, outage), json(200, { ok: true }));
    const error = await providerFailure(client({}, reports).request(post));
    expect(error).toMatchObject({ code: "PROVIDER_UNAVAILABLE", message: "test_provider reported a failure on its own side", details: { httpStatus: 200 } });
    expect(error.message).not.toContain("fatal_error");
    expect(server.received).toHaveLength(1);
    expect(reports).toEqual([expect.objectContaining({ status: 200, attempts: 1 })]);
  });

  it("gives up after the retry budget like a 5xx would", async () => {
    server.script(json(200, outage));
    expect((await providerFailure(client().request(get))).code).toBe("PROVIDER_UNAVAILABLE");
    expect(server.received).toHaveLength(3);
  });

  it("counts toward the circuit breaker, which then answers without contacting the provider", async () => {
    const shared = client({ settings: { ...transportSettings, maxRetries: 0 }, breaker: { threshold: 3, halfOpenAfterMs: 60_000 } });
    server.script(json(200, outage));
    for (let call = 0; call < 3; call++) expect((await providerFailure(shared.request(post))).message).not.toMatch(/paused/);
    server.script(json(200, { ok: true }));
    expect(await providerFailure(shared.request(get))).toMatchObject({ code: "PROVIDER_UNAVAILABLE", message: /paused/ });
    expect(server.received).toHaveLength(0);
  });

  it("is accepted as usual when the request names no such check, or the body reports nothing of the kind", async () => {
    server.script(json(200, outage));
    const { reportsProviderFault: _unused, ...unchecked } = get;
    expect((await client().request(unchecked)).body).toEqual(outage);
    server.script(json(200, { ok: false, error: "channel_not_found" }));
    expect((await client().request(get)).body).toEqual({ ok: false, error: "channel_not_found" });
    expect(server.received).toHaveLength(1);
  });
});
