import { afterAll, beforeAll, expect, it } from "vitest";
import { defaultBreakerOptions } from "../../../providers/http/breaker.ts";
import { ProviderError } from "../../../providers/types.ts";
import { type AwsSimulator, startAwsSimulator } from "../../simulators/aws/index.ts";
import { adapterFor } from "./harness.ts";

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
