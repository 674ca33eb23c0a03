/** ASFF findings into the unified SecurityFinding with its OCSF 1.3 JSON; pure, no I/O and no clock. */
import type { SecurityFinding } from "../types.ts";
import { toFindingId } from "./finding-id.ts";
import { toOcsfFinding } from "./ocsf.ts";
import type { AsffFinding } from "./payloads.ts";
import { toSeverity, toStatus } from "./severity.ts";

type Resource = SecurityFinding["resources"][number];

/** A finding with a Compliance object is a Compliance Finding (2003); every other one is a Detection Finding (2004). */
export function toSecurityFinding(finding: AsffFinding): SecurityFinding {
  const kind = finding.Compliance && Object.keys(finding.Compliance).length > 0 ? "COMPLIANCE" : "DETECTION";
  const unified = {
    id: toFindingId(finding),
    kind,
    title: finding.Title,
    description: finding.Description === "" ? null : finding.Description,
    ...toSeverity(finding.Severity),
    status: toStatus(finding.Workflow),
    complianceStatus: finding.Compliance?.Status ?? null,
    controlId: kind === "COMPLIANCE" ? (finding.Compliance?.SecurityControlId ?? finding.ProductFields?.ControlId ?? null) : null,
    resources: finding.Resources.map(toResource),
    remediation: toRemediation(finding.Remediation),
    createdAt: toIso(finding.CreatedAt),
    updatedAt: toIso(finding.UpdatedAt),
  } satisfies Omit<SecurityFinding, "ocsf" | "raw">;
  return { ...unified, ocsf: toOcsfFinding(finding, unified), raw: finding };
}

function toResource(resource: AsffFinding["Resources"][number]): Resource {
  return { type: resource.Type, uid: resource.Id, region: resource.Region ?? null, name: resource.Tags?.Name ?? nameFromArn(resource.Id) };
}

/** The last part of an ARN's resource, e.g. a bucket, user or instance id; null for ids that are not ARNs. */
function nameFromArn(id: string): string | null {
  if (!id.startsWith("arn:")) return null;
  const resource = id.split(":").slice(5).join(":");
  return resource.split(/[/:]/).at(-1) || null;
}

function toRemediation(remediation: AsffFinding["Remediation"]): SecurityFinding["remediation"] {
  const recommendation = remediation?.Recommendation;
  if (!recommendation?.Text && !recommendation?.Url) return null;
  return { description: recommendation.Text ?? null, url: recommendation.Url ?? null };
}

function toIso(timestamp: string): string {
  return new Date(timestamp).toISOString();
}
