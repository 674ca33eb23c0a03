/** Builds the real `cloudsecurity_aws` adapter against the Security Hub simulator, as the gateway would. */
import { type AwsConfig, awsProvider } from "../../../providers/aws/index.ts";
import type { ProviderDeps, TransportSettings } from "../../../providers/definition.ts";
import { createHttpClient } from "../../../providers/http/client.ts";
import type { CloudSecurityAdapter, ProviderCredential } from "../../../providers/types.ts";
import type { AwsSimulator } from "../../simulators/aws/index.ts";

export const transport: TransportSettings = { connectTimeoutMs: 2000, totalTimeoutMs: 5000, maxRetries: 2, maxResponseBytes: 10_000_000, allowPrivateNetworks: true };

let adapters = 0;

/** `http` is unused by this provider (the SDK sends its own requests); each adapter gets its own breaker, as each integration does. */
export function depsWith(settings: Partial<TransportSettings> = {}): ProviderDeps {
  const merged = { ...transport, ...settings };
  const key = `aws-test-${++adapters}`;
  return { http: (options) => createHttpClient({ ...options, breakerKey: key, settings: merged }), transport: merged, integrationKey: key, breakerKey: key };
}

export function awsCredential(sim: AwsSimulator, which: "longTerm" | "session" = "longTerm"): ProviderCredential {
  return { type: "AWS", ...sim.credentials[which] };
}

export function adapterFor(sim: AwsSimulator, options: { credential?: ProviderCredential; settings?: Partial<TransportSettings>; config?: Partial<AwsConfig> } = {}): CloudSecurityAdapter {
  const config = awsProvider.configSchema.parse({ region: sim.region, endpoint: sim.url, ...options.config });
  return awsProvider.createAdapter(config, options.credential ?? awsCredential(sim), depsWith(options.settings));
}
