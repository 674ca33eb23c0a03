/** How the Security Hub adapter fails: SDK exceptions from the simulator mapped to ProviderErrors with our own messages. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { awsProvider } from "../../../providers/aws/index.ts";
import { ProviderError } from "../../../providers/types.ts";
import { type AwsSimulator, startAwsSimulator } from "../../simulators/aws/index.ts";
import { loadAwsFindings } from "../../fixtures/aws/index.ts";
import { adapterFor, awsCredential, depsWith } from "./harness.ts";

let sim: AwsSimulator;

beforeAll(async () => {
  sim = await startAwsSimulator();
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.state.requests.length = 0;
});

const page = { limit: 5, cursor: null };
const noRetries = { settings: { maxRetries: 0 } };

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(() => expect.fail("expected a ProviderError"), (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ProviderError);
  // Never the SDK's (or the simulator's) wording, which may echo request details.
  expect((error as Error).message).not.toMatch(/Simulated|signature does not match|security token in the request/);
  return error as ProviderError;
}

describe("credentials", () => {
  it("signs with session credentials (X-Amz-Security-Token)", async () => {
    await expect(adapterFor(sim, { credential: awsCredential(sim, "session") }).verify()).resolves.toBeUndefined();
    expect(sim.state.requests[0]?.accessKeyId).toBe("ASIAQXH4SIMULATED002");
  });

  it.each([
    ["a wrong secret", { secretAccessKey: "wrong" }, "InvalidSignatureException"],
    ["an unknown access key", { accessKeyId: "AKIAUNKNOWNKEY000000", secretAccessKey: "x" }, "UnrecognizedClientException"],
  ])("maps %s to PROVIDER_UNAUTHORIZED", async (_case, override, providerCode) => {
    const credential = { type: "AWS" as const, ...sim.credentials.longTerm, ...override };
    const error = await failure(adapterFor(sim, { credential }).verify());
    expect(error).toMatchObject({ code: "PROVIDER_UNAUTHORIZED", details: { httpStatus: 403, providerCode } });
  });

  it("maps a session token that does not match to PROVIDER_UNAUTHORIZED", async () => {
    const credential = { ...awsCredential(sim, "session"), sessionToken: "stale" } as const;
    await expect(failure(adapterFor(sim, { credential }).verify())).resolves.toMatchObject({ code: "PROVIDER_UNAUTHORIZED", details: { providerCode: "UnrecognizedClientException" } });
  });
});

describe("service errors", () => {
  it.each([
    ["LimitExceededException", "PROVIDER_RATE_LIMITED", 429],
    // AWS throttles with a 400; the error's name, not its status, says what it is.
    ["ThrottlingException", "PROVIDER_RATE_LIMITED", 400],
    ["InvalidAccessException", "PROVIDER_UNAUTHORIZED", 401],
    ["AccessDeniedException", "PROVIDER_UNAUTHORIZED", 403],
    ["InternalException", "PROVIDER_UNAVAILABLE", 500],
  ])("maps %s to %s", async (errorType, code, httpStatus) => {
    sim.inject({ kind: "error", errorType });
    const error = await failure(adapterFor(sim, noRetries).queryComplianceFindings({}, page));
    expect(error).toMatchObject({ code, details: { httpStatus, providerCode: errorType } });
  });

  it("retries throttling within maxRetries (SDK maxAttempts = retries + 1) and then succeeds", async () => {
    sim.inject({ kind: "error", errorType: "LimitExceededException" });
    await expect(adapterFor(sim, { settings: { maxRetries: 1 } }).queryComplianceFindings({}, page)).resolves.toMatchObject({ items: expect.any(Array) });
    expect(sim.state.requests).toHaveLength(2);
  });

  it("maps a cursor Security Hub does not recognise (InvalidInputException) to BAD_USER_INPUT", async () => {
    await expect(failure(adapterFor(sim).queryComplianceFindings({}, { limit: 5, cursor: "forged-token" }))).resolves.toMatchObject({ code: "BAD_USER_INPUT", details: { httpStatus: 400 } });
  });

  it("refuses a cursor issued for the other query", async () => {
    const compliance = await adapterFor(sim).queryComplianceFindings({}, { limit: 2, cursor: null });
    await expect(failure(adapterFor(sim).queryDetectionFindings({}, { limit: 2, cursor: compliance.nextCursor }))).resolves.toMatchObject({ code: "BAD_USER_INPUT" });
  });

  it("maps a non-AWS 502 page to PROVIDER_UNAVAILABLE", async () => {
    sim.inject({ kind: "http", status: 502 });
    await expect(failure(adapterFor(sim, noRetries).verify())).resolves.toMatchObject({ code: "PROVIDER_UNAVAILABLE", details: { httpStatus: 502 } });
  });
});

describe("transport", () => {
  it("gives up on a request that never answers at the total deadline", async () => {
    sim.inject({ kind: "hang" });
    const started = Date.now();
    await expect(failure(adapterFor(sim, { settings: { totalTimeoutMs: 300, maxRetries: 0 } }).verify())).resolves.toMatchObject({ code: "PROVIDER_UNAVAILABLE" });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("keeps one connection alive across calls of adapters built from the same settings, as the gateway builds one per call", async () => {
    let connections = 0;
    const server = createServer((request, response) => {
      request.resume();
      request.on("end", () => response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ Findings: [] })));
    });
    server.on("connection", () => connections++);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const deps = depsWith();
      const config = awsProvider.configSchema.parse({ region: "us-east-1", endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
      for (let call = 0; call < 5; call++) await awsProvider.createAdapter(config, awsCredential(sim), deps).verify();
      expect(connections).toBe(1);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it.each([
    ["declares its length", false],
    ["streams without a declared length", true],
  ])("refuses an answer over the size cap that %s, as PROVIDER_ERROR, without retrying", async (_case, chunked) => {
    let requests = 0;
    // The realistic findings fixture: about 35 KB of ASFF.
    const body = JSON.stringify({ Findings: loadAwsFindings() });
    const server = createServer((request, response) => {
      requests++;
      request.resume();
      request.on("end", () => {
        if (!chunked) return response.writeHead(200, { "content-type": "application/json" }).end(body);
        response.writeHead(200, { "content-type": "application/json" });
        for (let at = 0; at < body.length; at += 4_096) response.write(body.slice(at, at + 4_096));
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const config = awsProvider.configSchema.parse({ region: "us-east-1", endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
      const capped = awsProvider.createAdapter(config, awsCredential(sim), depsWith({ maxResponseBytes: 30_000 }));
      await expect(failure(capped.queryComplianceFindings({}, page))).resolves.toMatchObject({ code: "PROVIDER_ERROR", details: { httpStatus: 200 } });
      expect(requests).toBe(1);
      const roomy = awsProvider.createAdapter(config, awsCredential(sim), depsWith({ maxResponseBytes: 40_000 }));
      await expect(roomy.queryComplianceFindings({}, page)).resolves.toMatchObject({ items: expect.any(Array) });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("maps a refused connection to PROVIDER_UNAVAILABLE", async () => {
    const closed = await startAwsSimulator();
    await closed.close();
    await expect(failure(adapterFor(closed, noRetries).verify())).resolves.toMatchObject({ code: "PROVIDER_UNAVAILABLE" });
  });
});

describe("configuration", () => {
  it("requires a region and accepts GovCloud and China regions", () => {
    expect(awsProvider.configSchema.safeParse({}).success).toBe(false);
    expect(awsProvider.configSchema.safeParse({ region: "us-east-1; rm" }).success).toBe(false);
    for (const region of ["us-gov-west-1", "cn-north-1", "eu-central-2", "ap-southeast-4"]) expect(awsProvider.configSchema.safeParse({ region }).success).toBe(true);
  });

  it("refuses a non-AWS credential", () => {
    expect(() => awsProvider.createAdapter({ region: "us-east-1" }, { type: "TOKEN", token: "x" }, depsWith())).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT" }));
  });

  it("allows an endpoint override only to https AWS hosts unless private networks are allowed", () => {
    const strict = depsWith({ allowPrivateNetworks: false });
    const credential = awsCredential(sim);
    const create = (endpoint: string) => () => awsProvider.createAdapter({ region: "us-east-1", endpoint }, credential, strict);
    expect(create("https://securityhub.us-east-1.amazonaws.com")).not.toThrow();
    expect(create("https://vpce-0a1b2c3d-4e5f6a7b.securityhub.us-east-1.vpce.amazonaws.com")).not.toThrow();
    expect(create(sim.url)).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT" }));
    expect(create("https://securityhub.us-east-1.amazonaws.com.evil.example")).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT" }));
    expect(create("http://securityhub.us-east-1.amazonaws.com")).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT" }));
  });
});
