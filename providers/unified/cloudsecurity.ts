/** Cloud security in the unified model: OCSF findings and the adapter interface. */
import type { Page, PageRequest, VerifiableAdapter } from "./common.ts";

/** An OCSF 1.3 Compliance Finding (2003) or Detection Finding (2004), flattened for GraphQL plus the full JSON. */
export interface SecurityFinding {
  id: string;
  kind: "COMPLIANCE" | "DETECTION";
  title: string;
  description: string | null;
  /** OCSF severity_id: 0 Unknown, 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical. */
  severityId: number;
  severity: "UNKNOWN" | "INFORMATIONAL" | "LOW" | "MEDIUM" | "HIGH" | "CRITICAL";
  /** Workflow status: NEW | IN_PROGRESS (NOTIFIED) | SUPPRESSED | RESOLVED. */
  status: "NEW" | "IN_PROGRESS" | "SUPPRESSED" | "RESOLVED";
  complianceStatus: string | null;
  controlId: string | null;
  resources: { type: string; uid: string; region: string | null; name: string | null }[];
  remediation: { description: string | null; url: string | null } | null;
  createdAt: string;
  updatedAt: string;
  ocsf: Record<string, unknown>;
  raw: unknown;
}

export interface FindingFilter {
  severity?: SecurityFinding["severity"][];
  status?: SecurityFinding["status"][];
  resourceType?: string[];
  updatedAfter?: string;
  updatedBefore?: string;
}

export interface CloudSecurityAdapter extends VerifiableAdapter {
  queryComplianceFindings(filter: FindingFilter, page: PageRequest): Promise<Page<SecurityFinding>>;
  queryDetectionFindings(filter: FindingFilter, page: PageRequest): Promise<Page<SecurityFinding>>;
  updateFindingStatus(id: string, status: SecurityFinding["status"], note?: string | null): Promise<SecurityFinding>;
}
