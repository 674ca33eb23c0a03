import { afterAll, beforeAll, expect, it } from "vitest";
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
