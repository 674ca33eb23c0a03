/**
 * AWS Security Hub facts as data: ASFF vocabularies, the compliance/detection rule, and API bounds.
 * The SDK speaks the protocol (REST-JSON `POST /findings`, SigV4 signing name `securityhub`).
 */
import type { SecurityFinding } from "../types.ts";

export type AsffSeverityLabel = "INFORMATIONAL" | "LOW" | "MEDIUM" | "HIGH" | "CRITICAL";
export type AsffWorkflowStatus = "NEW" | "NOTIFIED" | "SUPPRESSED" | "RESOLVED";

export const awsFacts = {
  maxResults: 100,
  /** BatchUpdateFindings `Note.Text` and `Note.UpdatedBy` are capped at 512 characters. */
  maxNoteLength: 512,
  noteAuthor: "switchyard",
  /** OCSF severity_id for each ASFF `Severity.Label`. */
  severityIds: { INFORMATIONAL: 1, LOW: 2, MEDIUM: 3, HIGH: 4, CRITICAL: 5 } satisfies Record<AsffSeverityLabel, number>,
  /** The deprecated `Severity.Normalized`, read only when `Label` is absent: 0, 1–39, 40–69, 70–89, 90–100. */
  normalizedFloors: [
    [90, "CRITICAL"],
    [70, "HIGH"],
    [40, "MEDIUM"],
    [1, "LOW"],
    [0, "INFORMATIONAL"],
  ] as const satisfies readonly (readonly [number, AsffSeverityLabel])[],
  workflow: {
    NEW: "NEW",
    NOTIFIED: "IN_PROGRESS",
    SUPPRESSED: "SUPPRESSED",
    RESOLVED: "RESOLVED",
  } satisfies Record<AsffWorkflowStatus, SecurityFinding["status"]>,
  /**
   * Compliance findings are those with a `Compliance.Status`: every value, joined by OR, as
   * `ComplianceStatus EQUALS …` filters (Security Hub CSPM control findings always carry one).
   */
  complianceStatuses: ["PASSED", "WARNING", "FAILED", "NOT_AVAILABLE"],
  /**
   * Detection findings are those typed in ASFF's threat namespaces, as `Type PREFIX …` filters
   * joined by OR: GuardDuty and third-party threat detectors use them. Vulnerability
   * (`Software and Configuration Checks/Vulnerabilities`) and sensitive-data findings fall in
   * neither query; OCSF classes them apart (2002, 2006).
   */
  detectionTypePrefixes: ["TTPs/", "Effects/", "Unusual Behaviors/"],
  /** Hosts an `endpoint` override may name when the operator does not allow private networks. */
  endpointHosts: /(^|\.)(amazonaws\.com|amazonaws\.com\.cn|api\.aws)$/,
} as const;
