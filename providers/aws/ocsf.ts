/** Builds the OCSF 1.3 JSON of a finding: Compliance Finding (2003) or Detection Finding (2004), category Findings (2). */
import type { SecurityFinding } from "../types.ts";
import type { AsffFinding } from "./payloads.ts";
import { ocsfSeverityNames, ocsfStatuses } from "./severity.ts";

type Unified = Omit<SecurityFinding, "ocsf" | "raw">;

const classes = { COMPLIANCE: { uid: 2003, name: "Compliance Finding" }, DETECTION: { uid: 2004, name: "Detection Finding" } };
const activities = { 1: "Create", 2: "Update", 3: "Close" } as const;
/** OCSF compliance status_id: 1 Pass, 2 Warning, 3 Fail; ASFF's NOT_AVAILABLE (the check could not run) is 0 Unknown. */
const complianceStatuses = { PASSED: [1, "Pass"], WARNING: [2, "Warning"], FAILED: [3, "Fail"], NOT_AVAILABLE: [0, "Unknown"] } as const;

/** An archived record closes the finding; one never updated since creation is a Create; anything else an Update. */
function activityOf(finding: AsffFinding): keyof typeof activities {
  if (finding.RecordState === "ARCHIVED") return 3;
  return Date.parse(finding.CreatedAt) === Date.parse(finding.UpdatedAt) ? 1 : 2;
}

const ms = (timestamp: string | undefined) => (timestamp === undefined ? undefined : Date.parse(timestamp));

/** OCSF leaves absent attributes out rather than writing null. */
function compact<T extends Record<string, unknown>>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined && value !== null)) as Partial<T>;
}

export function toOcsfFinding(finding: AsffFinding, unified: Unified): Record<string, unknown> {
  const type = classes[unified.kind];
  const activityId = activityOf(finding);
  const status = ocsfStatuses[unified.status];
  return compact({
    category_uid: 2,
    category_name: "Findings",
    class_uid: type.uid,
    class_name: type.name,
    activity_id: activityId,
    activity_name: activities[activityId],
    type_uid: type.uid * 100 + activityId,
    type_name: `${type.name}: ${activities[activityId]}`,
    time: ms(finding.UpdatedAt),
    message: finding.Title,
    severity_id: unified.severityId,
    severity: ocsfSeverityNames[unified.severityId],
    status_id: status.id,
    status: status.name,
    confidence_score: unified.kind === "DETECTION" ? finding.Confidence : undefined,
    finding_info: compact({
      uid: finding.Id,
      title: finding.Title,
      desc: finding.Description,
      types: finding.Types ?? [],
      created_time: ms(finding.CreatedAt),
      modified_time: ms(finding.UpdatedAt),
      first_seen_time: ms(finding.FirstObservedAt),
      last_seen_time: ms(finding.LastObservedAt),
      product_uid: finding.ProductArn,
      src_url: finding.SourceUrl,
    }),
    resources: finding.Resources.map((resource, index) =>
      compact({ uid: resource.Id, type: resource.Type, name: unified.resources[index]?.name, region: resource.Region, cloud_partition: resource.Partition }),
    ),
    compliance: unified.kind === "COMPLIANCE" ? toOcsfCompliance(finding, unified) : undefined,
    remediation: unified.remediation ? compact({ desc: unified.remediation.description, references: unified.remediation.url ? [unified.remediation.url] : undefined }) : undefined,
    cloud: compact({ provider: "AWS", region: finding.Region ?? finding.Resources[0]?.Region, account: { uid: finding.AwsAccountId } }),
    metadata: {
      version: "1.3.0",
      profiles: ["cloud"],
      product: compact({ name: "Security Hub", vendor_name: "AWS", feature: finding.ProductName ? { name: finding.ProductName } : undefined }),
    },
    unmapped: compact({ GeneratorId: finding.GeneratorId, RecordState: finding.RecordState }),
  });
}

function toOcsfCompliance(finding: AsffFinding, unified: Unified): Record<string, unknown> {
  const compliance = finding.Compliance ?? {};
  const [statusId, statusName] = compliance.Status ? complianceStatuses[compliance.Status] : [0, "Unknown"];
  const reasons = compliance.StatusReasons ?? [];
  return compact({
    status_id: statusId,
    status: statusName,
    control: unified.controlId,
    standards: compliance.AssociatedStandards?.flatMap((standard) => (standard.StandardsId ? [standard.StandardsId] : [])),
    requirements: compliance.RelatedRequirements,
    status_code: reasons[0]?.ReasonCode,
    status_detail: reasons.length > 0 ? reasons.map((reason) => reason.Description ?? reason.ReasonCode).join("; ") : undefined,
  });
}
