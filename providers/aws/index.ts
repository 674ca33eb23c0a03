/** The `cloudsecurity_aws` provider: AWS Security Hub findings (ASFF) as OCSF 1.3 compliance and detection findings. */
import { destinationOf, type ProviderDefinition } from "../definition.ts";
import { operations } from "../operations.ts";
import { createAwsAdapter } from "./adapter.ts";
import { createSecurityHub } from "./client.ts";
import { type AwsConfig, AwsConfigSchema, awsConfigFields } from "./config.ts";

export type { AwsConfig } from "./config.ts";

const findingQuery = { filters: ["severity", "status", "resourceType", "updatedAfter", "updatedBefore"], orders: [] };

export const awsProvider = {
  id: "cloudsecurity_aws",
  connector: "cloudsecurity",
  name: "AWS Security Hub",
  description: "Security Hub CSPM control findings as OCSF Compliance Findings and GuardDuty-style threat findings as Detection Findings; updates workflow status.",
  configSchema: AwsConfigSchema,
  configFields: awsConfigFields,
  credentialTypes: ["AWS"],
  operations: operations.cloudsecurity,
  queryCapabilities: {
    cloudsecurity_query_compliance_findings: findingQuery,
    cloudsecurity_query_detection_findings: findingQuery,
  },
  // SigV4 never sends the secret key itself; a custom endpoint is still pinned, AWS's own regions are one destination.
  credentialDestination: (config) => (config.endpoint ? destinationOf(config.endpoint) : "aws"),
  createAdapter(config, credential, deps) {
    return createAwsAdapter(createSecurityHub(config, credential, deps.transport, deps.breakerKey));
  },
} satisfies ProviderDefinition<"cloudsecurity", AwsConfig>;
