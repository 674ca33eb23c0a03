/** Starts the Jira simulator and builds the real `ticketing_jira` adapter against it, as the gateway would. */
import type { ProviderDeps } from "../../../providers/definition.ts";
import { type JiraConfig, jiraProvider } from "../../../providers/jira/index.ts";
import type { ProviderCredential, TicketingAdapter } from "../../../providers/types.ts";
import { type JiraSimulator, type JiraSimulatorOptions, startJiraSimulator } from "../../simulators/jira/index.ts";
import { createStandInHttpClient } from "./stand-in-http.ts";

const transport = { connectTimeoutMs: 2000, totalTimeoutMs: 5000, maxRetries: 2, maxResponseBytes: 10_000_000, allowPrivateNetworks: true };

/** The only place choosing the HTTP client: swap in `createHttpClient` from providers/http/client.ts when it lands. */
export const testDeps: ProviderDeps = {
  http: (options) => createStandInHttpClient(options, 1000),
  transport,
  integrationKey: "test",
};

export interface JiraHarness {
  sim: JiraSimulator;
  /** An adapter with the simulator's email and API token. */
  adapter: TicketingAdapter;
  /** Builds another adapter against the same simulator. */
  adapterWith(config: JiraConfig, credential: ProviderCredential | null): TicketingAdapter;
  basic: ProviderCredential;
}

export async function startJiraHarness(options: JiraSimulatorOptions = {}): Promise<JiraHarness> {
  const sim = await startJiraSimulator(options);
  const basic: ProviderCredential = { type: "BASIC", username: sim.credentials.email, password: sim.credentials.apiToken };
  const adapterWith = (config: JiraConfig, credential: ProviderCredential | null) => jiraProvider.createAdapter(config, credential, testDeps);
  return { sim, basic, adapterWith, adapter: adapterWith({ apiBaseUrl: sim.url, customFieldIds: ["customfield_10016"] }, basic) };
}
