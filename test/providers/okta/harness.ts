/** Starts the Okta simulator and builds the real `identity_okta` adapter against it, through the shared HTTP client, as the gateway would. */
import type { ProviderDeps, TransportSettings } from "../../../providers/definition.ts";
import { createHttpClient } from "../../../providers/http/client.ts";
import { createOktaAdapter } from "../../../providers/okta/adapter.ts";
import { createOktaClient } from "../../../providers/okta/client.ts";
import { oktaTransport } from "../../../providers/okta/descriptor.ts";
import { oktaProvider } from "../../../providers/okta/index.ts";
import type { IdentityAdapter, Page, PageRequest, ProviderCredential } from "../../../providers/types.ts";
import { type OktaSimulator, type OktaSimulatorOptions, startOktaSimulator } from "../../simulators/okta/index.ts";

export const transport: TransportSettings = { connectTimeoutMs: 2000, totalTimeoutMs: 5000, maxRetries: 2, maxResponseBytes: 10_000_000, allowPrivateNetworks: true };

let breakerKey = 0;

/** The real shared HTTP client; a fresh breaker per adapter keeps one test's 5xx from opening another's circuit. */
export const testDeps: ProviderDeps = {
  http: (options) => createHttpClient({ ...options, breakerKey: `okta-test-${++breakerKey}`, settings: transport, retryPolicy: { baseDelayMs: 5 } }),
  transport,
  integrationKey: "test",
  breakerKey: null,
};

export interface OktaHarness {
  sim: OktaSimulator;
  /** The adapter with the super admin's SSWS API token. */
  adapter: IdentityAdapter;
  /** Another adapter on the same simulator, from raw (unparsed) config and a credential. */
  adapterWith(config: Record<string, unknown>, credential: ProviderCredential | null): IdentityAdapter;
  /** An adapter whose clock is pinned, for System Log queries that rely on the default `until`. */
  adapterAt(now: Date): IdentityAdapter;
}

export async function startOktaHarness(options: OktaSimulatorOptions = {}): Promise<OktaHarness> {
  const sim = await startOktaSimulator(options);
  const adapterWith = (config: Record<string, unknown>, credential: ProviderCredential | null) =>
    oktaProvider.createAdapter(oktaProvider.configSchema.parse({ apiBaseUrl: sim.url, ...config }), credential, testDeps);
  const adapterAt = (now: Date) => {
    const auth = { kind: "authorization", value: `SSWS ${sim.credentials.apiToken}` } as const;
    const client = createOktaClient(testDeps.http({ baseUrl: sim.url, auth, descriptor: oktaTransport }));
    return createOktaAdapter({ client, baseUrl: sim.url, scheme: "SSWS", now: () => now });
  };
  return { sim, adapterWith, adapterAt, adapter: adapterWith({}, { type: "TOKEN", token: sim.credentials.apiToken }) };
}

/** Follows `nextCursor` to the end (at most 20 pages), returning each page's items. */
export async function collectPages<T>(list: (page: PageRequest) => Promise<Page<T>>, limit: number): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await list({ limit, cursor });
    pages.push(page.items);
    cursor = page.nextCursor;
  } while (cursor !== null && pages.length < 20);
  return pages;
}
