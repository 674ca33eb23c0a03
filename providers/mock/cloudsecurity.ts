/** The mock cloud-security provider: a fixed set of compliance findings, one per severity. */
import { mockConfigFields, mockConfigSchema, type MockConfig } from "./config.ts";
import type { ProviderDefinition } from "../definition.ts";
import { ProviderError } from "../types.ts";
import { mockFindings } from "./data.ts";
import { pageOf } from "./paging.ts";

export const cloudsecurityMock: ProviderDefinition<"cloudsecurity", MockConfig> = {
  id: "cloudsecurity_mock",
  connector: "cloudsecurity",
  name: "Mock cloud security",
  description: "Serves one compliance finding per severity for development and tests; needs no credentials.",
  configSchema: mockConfigSchema,
  configFields: mockConfigFields,
  credentialTypes: [],
  operations: ["cloudsecurity_query_compliance_findings", "cloudsecurity_query_detection_findings"],
  queryCapabilities: { cloudsecurity_query_compliance_findings: { filters: ["severity", "status"], orders: [] } },
  createAdapter: () => ({
    verify: async () => {},
    queryComplianceFindings: async (filter, page) =>
      pageOf(
        mockFindings.filter(
          (finding) =>
            (!filter.severity?.length || filter.severity.includes(finding.severity)) &&
            (!filter.status?.length || filter.status.includes(finding.status)),
        ),
        page,
      ),
    queryDetectionFindings: async (_filter, page) => pageOf([], page),
    updateFindingStatus: async () => {
      throw new ProviderError("UNSUPPORTED_OPERATION", "The mock cloud-security provider is read-only");
    },
  }),
};
