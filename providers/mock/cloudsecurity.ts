/** The mock cloud-security provider: each integration's own compliance findings and threat detections, whose workflow status it can change. */
import { mockConfigFields, mockConfigSchema, type MockConfig } from "./config.ts";
import type { ProviderDefinition } from "../definition.ts";
import { operations } from "../operations.ts";
import { ProviderError, type SecurityFinding } from "../types.ts";
import { mockComplianceFindings, mockDetectionFindings } from "./data.ts";
import { findingFilters, selectFindings } from "./finding-query.ts";
import { withOcsf } from "./finding-ocsf.ts";
import { pageOf } from "./paging.ts";
import { createIntegrationStore } from "./store.ts";

/** As in Security Hub, whose notes the AWS adapter limits to this length. */
const maxNoteLength = 512;

/** By finding id. */
const stateOf = createIntegrationStore(
  () => new Map([...mockComplianceFindings, ...mockDetectionFindings].map((finding) => [finding.id, withOcsf(structuredClone(finding))])),
);

export const cloudsecurityMock: ProviderDefinition<"cloudsecurity", MockConfig> = {
  id: "cloudsecurity_mock",
  connector: "cloudsecurity",
  name: "Mock cloud security",
  description:
    "Keeps each integration's findings in the gateway's memory: one compliance finding per severity and four threat detections, whose workflow status can be changed. For development and tests; needs no credentials.",
  configSchema: mockConfigSchema,
  configFields: mockConfigFields,
  credentialTypes: [],
  operations: operations.cloudsecurity,
  queryCapabilities: {
    cloudsecurity_query_compliance_findings: { filters: findingFilters, orders: [] },
    cloudsecurity_query_detection_findings: { filters: findingFilters, orders: [] },
  },
  credentialDestination: () => "mock",
  createAdapter: (_config, _credential, deps) => {
    const findings = stateOf(deps.integrationKey);
    return {
      verify: async () => {},
      queryComplianceFindings: async (filter, page) => pageOf(selectFindings(findings.values(), "COMPLIANCE", filter), page),
      queryDetectionFindings: async (filter, page) => pageOf(selectFindings(findings.values(), "DETECTION", filter), page),
      /** Like Security Hub's BatchUpdateFindings, a workflow change keeps the finding's updatedAt and records the note. */
      updateFindingStatus: async (id, status, note) => {
        const finding = findings.get(id);
        if (!finding) throw new ProviderError("NOT_FOUND", "Finding not found");
        const text = note?.trim() || null;
        if (text && text.length > maxNoteLength) throw new ProviderError("BAD_USER_INPUT", `A finding note is at most ${maxNoteLength} characters`);
        const { ocsf: _previous, ...fields } = finding;
        const raw = { ...(finding.raw as Record<string, unknown>), workflowStatus: status, ...(text && { note: text }) };
        const updated: SecurityFinding = withOcsf({ ...fields, status, raw });
        findings.set(id, updated);
        return updated;
      },
    };
  },
};
