/** Starts the Jira simulator and builds the real `ticketing_jira` adapter against it, as the gateway would. */
import type { ProviderDeps } from "../../../providers/definition.ts";
import { type JiraConfig, jiraProvider } from "../../../providers/jira/index.ts";
import type { ProviderCredential, Ticket, TicketingAdapter, TicketQuery } from "../../../providers/types.ts";
import { type JiraSimulator, type JiraSimulatorOptions, startJiraSimulator } from "../../simulators/jira/index.ts";
import { createHttpClient } from "../../../providers/http/client.ts";
import type { AdfDoc } from "../../../providers/jira/adf.ts";

const transport = { connectTimeoutMs: 1000, totalTimeoutMs: 1000, maxRetries: 2, maxResponseBytes: 10_000_000, allowPrivateNetworks: true };
let breakerKey = 0;

/** The real shared HTTP client, as the gateway builds it; a fresh breaker per adapter keeps tests independent. */
export const testDeps: ProviderDeps = {
  http: (options) => createHttpClient({ ...options, breakerKey: `jira-test-${++breakerKey}`, settings: transport, retryPolicy: { baseDelayMs: 5 } }),
  transport,
  integrationKey: "test",
  breakerKey: null,
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

/** Creates an issue with this description through the simulator's REST API and reads back the description it stored. */
export async function storedDescription(sim: JiraSimulator, description: AdfDoc, summary: string): Promise<AdfDoc> {
  const headers = { authorization: sim.basicAuthorization, "content-type": "application/json" };
  const fields = { project: { key: "OPS" }, issuetype: { name: "Task" }, summary, description };
  const created = await fetch(`${sim.url}/rest/api/3/issue`, { method: "POST", headers, body: JSON.stringify({ fields }) });
  if (created.status !== 201) throw new Error(`the simulator refused the issue: ${created.status} ${await created.text()}`);
  const { key } = (await created.json()) as { key: string };
  const read = await fetch(`${sim.url}/rest/api/3/issue/${key}?fields=description`, { headers });
  return ((await read.json()) as { fields: { description: AdfDoc } }).fields.description;
}

/** A ticket query of the first 50, newest first, with `overrides` on top. */
export const ticketQuery = (overrides: Partial<TicketQuery> = {}): TicketQuery => ({ filter: {}, orderBy: null, limit: 50, cursor: null, ...overrides });

export const ticketKeys = (tickets: Ticket[]) => tickets.map((ticket) => ticket.key);
