/** Builds a mock finding's OCSF 1.3 JSON, Compliance Finding (2003) or Detection Finding (2004), from its unified fields. Pure. */
import type { SecurityFinding } from "../types.ts";
import type { FindingSeed } from "./data.ts";

const classes = { COMPLIANCE: [2003, "Compliance Finding"], DETECTION: [2004, "Detection Finding"] } as const;
const severityNames = ["Unknown", "Informational", "Low", "Medium", "High", "Critical"];
/** OCSF finding status_id: 1 New, 2 In Progress, 3 Suppressed, 4 Resolved. */
const statuses: Record<SecurityFinding["status"], [number, string]> = { NEW: [1, "New"], IN_PROGRESS: [2, "In Progress"], SUPPRESSED: [3, "Suppressed"], RESOLVED: [4, "Resolved"] };
/** OCSF compliance status_id: 1 Pass, 2 Warning, 3 Fail. */
const complianceStatuses: Record<string, [number, string]> = { PASSED: [1, "Pass"], WARNING: [2, "Warning"], FAILED: [3, "Fail"] };

export function withOcsf(finding: FindingSeed): SecurityFinding {
  const [classUid, className] = classes[finding.kind];
  // Never updated since it was found: Create (1); otherwise Update (2).
  const [activityId, activityName] = finding.createdAt === finding.updatedAt ? [1, "Create"] : [2, "Update"];
  const [statusId, status] = statuses[finding.status];
  const [complianceId, complianceName] = complianceStatuses[finding.complianceStatus ?? ""] ?? [0, "Unknown"];
  const ocsf = {
    category_uid: 2,
    category_name: "Findings",
    class_uid: classUid,
    class_name: className,
    activity_id: activityId,
    activity_name: activityName,
    type_uid: classUid * 100 + activityId,
    time: Date.parse(finding.updatedAt),
    message: finding.title,
    severity_id: finding.severityId,
    severity: severityNames[finding.severityId] ?? "Unknown",
    status_id: statusId,
    status,
    finding_info: { uid: finding.id, title: finding.title, desc: finding.description, created_time: Date.parse(finding.createdAt), modified_time: Date.parse(finding.updatedAt) },
    resources: finding.resources.map((resource) => ({ uid: resource.uid, type: resource.type, name: resource.name, region: resource.region })),
    ...(finding.kind === "COMPLIANCE" && { compliance: { control: finding.controlId, status_id: complianceId, status: complianceName } }),
    ...(finding.remediation && { remediation: { desc: finding.remediation.description, references: finding.remediation.url ? [finding.remediation.url] : [] } }),
    metadata: { version: "1.3.0", product: { name: "Mock cloud security", vendor_name: "Switchyard" } },
  };
  return { ...finding, ocsf };
}
