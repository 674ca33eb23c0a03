import { afterAll, beforeAll, expect, it } from "vitest";
import { awsProvider } from "../../../providers/aws/index.ts";
import { breakers, defaultBreakerOptions } from "../../../providers/http/breaker.ts";
import { ProviderError } from "../../../providers/types.ts";
import { type AwsSimulator, startAwsSimulator } from "../../simulators/aws/index.ts";
import { adapterFor, awsCredential, depsWith } from "./harness.ts";

let sim: AwsSimulator;
beforeAll(async () => {
  sim = await startAwsSimulator();
});
afterAll(() => sim.close());

it("opens the integration's circuit after repeated Security Hub failures and stops calling it", async () => {
  const adapter = adapterFor(sim, { settings: { maxRetries: 0 } });
  sim.inject({ kind: "error", errorType: "InternalException" }, { times: 5 });
  for (let call = 0; call < 5; call++) {
    await expect(adapter.queryComplianceFindings({}, { limit: 5, cursor: null })).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE" });
  }
  sim.state.requests.length = 0;
  const refused = await adapter.queryComplianceFindings({}, { limit: 5, cursor: null }).catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(ProviderError);
  expect((refused as ProviderError).message).toMatch(/paused/);
  expect(sim.state.requests).toHaveLength(0);

  const other = adapterFor(sim);
  await expect(other.queryComplianceFindings({}, { limit: 5, cursor: null })).resolves.toMatchObject({ items: expect.any(Array) });
});

it("counts a call once, however many attempts the SDK's own retries made: N-1 failed calls leave the circuit closed, the Nth opens it", async () => {
  const attemptsPerCall = 3;
  const adapter = adapterFor(sim, { settings: { maxRetries: attemptsPerCall - 1 } });
  const { threshold } = defaultBreakerOptions;
  sim.inject({ kind: "error", errorType: "InternalException" }, { times: threshold * attemptsPerCall });
  sim.state.requests.length = 0;
  for (let call = 1; call <= threshold; call++) {
    const failed = await adapter.queryComplianceFindings({}, { limit: 5, cursor: null }).catch((error: unknown) => error);
    expect(failed).toMatchObject({ code: "PROVIDER_UNAVAILABLE", message: expect.not.stringMatching(/paused/) });
    expect(sim.state.requests).toHaveLength(call * attemptsPerCall);
  }
  await expect(adapter.queryComplianceFindings({}, { limit: 5, cursor: null })).rejects.toThrow(/paused/);
  expect(sim.state.requests).toHaveLength(threshold * attemptsPerCall);
});

it("keeps no breaker for an adapter without a breaker key (verifying an unsaved configuration): every call reaches Security Hub", async () => {
  const config = awsProvider.configSchema.parse({ region: sim.region, endpoint: sim.url });
  const adapter = awsProvider.createAdapter(config, awsCredential(sim), { ...depsWith({ maxRetries: 0 }), breakerKey: null });
  const calls = defaultBreakerOptions.threshold + 3;
  const before = breakers.size;
  sim.inject({ kind: "error", errorType: "InternalException" }, { times: calls });
  sim.state.requests.length = 0;
  for (let call = 1; call <= calls; call++) {
    await expect(adapter.queryComplianceFindings({}, { limit: 5, cursor: null })).rejects.toMatchObject({ code: "PROVIDER_UNAVAILABLE" });
    expect(sim.state.requests).toHaveLength(call);
  }
  expect(breakers.size).toBe(before);
});
