/** Starts the Slack simulator and builds the real `notifications_slack` adapter against it, through the shared HTTP client. */
import type { ProviderDeps, TransportSettings } from "../../../providers/definition.ts";
import { createHttpClient } from "../../../providers/http/client.ts";
import { type SlackConfig, slackProvider } from "../../../providers/slack/index.ts";
import type { NotificationsAdapter, ProviderCredential } from "../../../providers/types.ts";
import { type SlackSimulator, startSlackSimulator } from "../../simulators/slack/index.ts";

export const transport: TransportSettings = { connectTimeoutMs: 2000, totalTimeoutMs: 5000, maxRetries: 2, maxResponseBytes: 10_000_000, allowPrivateNetworks: true };

export const testDeps: ProviderDeps = {
  http: (options) => createHttpClient({ ...options, breakerKey: "test", settings: transport }),
  transport,
  integrationKey: "test",
  breakerKey: null,
};

export interface SlackHarness {
  sim: SlackSimulator;
  /** The bot token, default channel `C0ALERTS001`. */
  adapter: NotificationsAdapter;
  adapterWith(config: Partial<SlackConfig>, token: string): NotificationsAdapter;
}

export async function startSlackHarness(): Promise<SlackHarness> {
  const sim = await startSlackSimulator();
  const adapterWith = (config: Partial<SlackConfig>, token: string) => {
    const credential: ProviderCredential = { type: "TOKEN", token };
    return slackProvider.createAdapter(slackProvider.configSchema.parse({ apiBaseUrl: sim.apiUrl, ...config }), credential, testDeps);
  };
  return { sim, adapterWith, adapter: adapterWith({ channel: "C0ALERTS001" }, sim.tokens.bot) };
}
