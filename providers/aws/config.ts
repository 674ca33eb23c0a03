/** The non-secret AWS configuration, and how it plus AWS credentials becomes a Security Hub SDK client configuration. */
import type { SecurityHubClientConfig } from "@aws-sdk/client-securityhub";
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { z } from "zod";
import { httpOrHttpsUrl } from "../config-urls.ts";
import type { ConfigField, TransportSettings } from "../definition.ts";
import { ProviderError, type ProviderCredential } from "../types.ts";
import { awsFacts } from "./descriptor.ts";

export const AwsConfigSchema = z.strictObject({
  /** e.g. us-east-1, us-gov-west-1, cn-north-1. */
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, "An AWS region, like us-east-1"),
  endpoint: httpOrHttpsUrl().optional(),
});

export type AwsConfig = z.infer<typeof AwsConfigSchema>;

export const awsConfigFields: ConfigField[] = [
  { name: "region", type: "region", required: true, description: "The Security Hub region to read, ideally the aggregation region." },
  { name: "endpoint", type: "url", required: false, description: "Overrides the Security Hub endpoint (a VPC endpoint, or a simulator in tests)." },
];

/**
 * The SDK signs and sends requests itself, outside the shared HTTP client, so the operator's
 * transport limits are applied here: connect and socket timeouts, and attempts = retries + 1.
 */
export function toSecurityHubConfig(config: AwsConfig, credential: ProviderCredential | null, transport: TransportSettings): SecurityHubClientConfig {
  if (credential?.type !== "AWS") throw new ProviderError("BAD_USER_INPUT", "AWS Security Hub needs an AWS credential (access key id and secret)");
  if (config.endpoint) assertEndpointAllowed(new URL(config.endpoint), transport);
  const { accessKeyId, secretAccessKey, sessionToken } = credential;
  return {
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
    maxAttempts: transport.maxRetries + 1,
    retryMode: "standard",
    requestHandler: { connectionTimeout: transport.connectTimeoutMs, requestTimeout: transport.totalTimeoutMs, ...keepAliveAgents(transport) },
  };
}

const agents = new WeakMap<TransportSettings, { httpAgent: HttpAgent; httpsAgent: HttpsAgent }>();

/**
 * An SDK client is built for every call, and left to itself each would open (and keep) a TLS
 * connection of its own; clients built from the same settings share one keep-alive pool instead.
 */
function keepAliveAgents(transport: TransportSettings) {
  let pair = agents.get(transport);
  if (!pair) {
    const options = { keepAlive: true, maxSockets: 32, timeout: transport.totalTimeoutMs };
    agents.set(transport, (pair = { httpAgent: new HttpAgent(options), httpsAgent: new HttpsAgent(options) }));
  }
  return pair;
}

/** Signed requests must not be steered to arbitrary hosts: only AWS endpoints over https, unless the operator allows private networks. */
function assertEndpointAllowed(endpoint: URL, transport: TransportSettings): void {
  if (transport.allowPrivateNetworks) return;
  if (endpoint.protocol !== "https:" || !awsFacts.endpointHosts.test(endpoint.hostname)) {
    throw new ProviderError("BAD_USER_INPUT", "The Security Hub endpoint must be an https AWS endpoint (*.amazonaws.com, *.api.aws)");
  }
}
