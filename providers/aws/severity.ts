/** ASFF severity and workflow vocabularies into the unified (and OCSF) ones. */
import type { SecurityFinding } from "../types.ts";
import { type AsffSeverityLabel, awsFacts } from "./descriptor.ts";
import type { AsffFinding } from "./payloads.ts";

type Severity = SecurityFinding["severity"];

/** `Label` first; the deprecated `Normalized` only when there is no label; UNKNOWN when neither is given. */
export function toSeverity(severity: AsffFinding["Severity"]): { severity: Severity; severityId: number } {
  const label = severity?.Label ?? fromNormalized(severity?.Normalized);
  return label ? { severity: label, severityId: awsFacts.severityIds[label] } : { severity: "UNKNOWN", severityId: 0 };
}

function fromNormalized(normalized: number | undefined): AsffSeverityLabel | null {
  if (normalized === undefined) return null;
  return awsFacts.normalizedFloors.find(([floor]) => normalized >= floor)?.[1] ?? null;
}

/** A finding without a workflow has not been looked at yet: NEW. */
export function toStatus(workflow: AsffFinding["Workflow"]): SecurityFinding["status"] {
  return awsFacts.workflow[workflow?.Status ?? "NEW"];
}

export function toWorkflowStatus(status: SecurityFinding["status"]): keyof typeof awsFacts.workflow {
  const entry = Object.entries(awsFacts.workflow).find(([, unified]) => unified === status);
  return entry![0] as keyof typeof awsFacts.workflow;
}

export const ocsfSeverityNames = ["Unknown", "Informational", "Low", "Medium", "High", "Critical"] as const;

/** OCSF finding status_id: 1 New, 2 In Progress, 3 Suppressed, 4 Resolved. */
export const ocsfStatuses: Record<SecurityFinding["status"], { id: number; name: string }> = {
  NEW: { id: 1, name: "New" },
  IN_PROGRESS: { id: 2, name: "In Progress" },
  SUPPRESSED: { id: 3, name: "Suppressed" },
  RESOLVED: { id: 4, name: "Resolved" },
};
