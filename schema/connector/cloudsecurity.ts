/** Cloud-security connector: compliance findings (OCSF 2003), threat detections (OCSF 2004) and their workflow status. */
import { builder, connectorField } from "../builder.ts";
import { providerConnection } from "./connection.ts";
import { callConnector } from "../../src/services/connector-calls.ts";
import type { CloudSecurityAdapter, SecurityFinding } from "../../providers/types.ts";
import { badInput } from "../../src/errors.ts";

const FindingSeverityEnum = builder.enumType("FindingSeverity", {
  description: "OCSF severity of a finding.",
  subGraphs: ["connector"],
  values: {
    UNKNOWN: { description: "The provider gave no severity (OCSF severity_id 0)." },
    INFORMATIONAL: { description: "No issue, for information only (OCSF 1)." },
    LOW: { description: "Low (OCSF 2)." },
    MEDIUM: { description: "Medium (OCSF 3)." },
    HIGH: { description: "High (OCSF 4)." },
    CRITICAL: { description: "Critical (OCSF 5)." },
  } as const,
});

const FindingStatusEnum = builder.enumType("FindingStatus", {
  description: "Workflow status of a finding.",
  subGraphs: ["connector"],
  values: {
    NEW: { description: "Not yet looked at." },
    IN_PROGRESS: { description: "Someone is on it (Security Hub: NOTIFIED)." },
    SUPPRESSED: { description: "Accepted or ignored." },
    RESOLVED: { description: "Fixed." },
  } as const,
});

const FindingResourceRef = builder.objectRef<SecurityFinding["resources"][number]>("FindingResource").implement({
  description: "A cloud resource a finding is about.",
  subGraphs: ["connector"],
  fields: (t) => ({
    type: t.exposeString("type", { description: "Resource type, e.g. `AwsS3Bucket`." }),
    uid: t.exposeString("uid", { description: "Resource identifier, e.g. an ARN." }),
    region: t.exposeString("region", { nullable: true, description: "Region." }),
    name: t.exposeString("name", { nullable: true, description: "Name." }),
  }),
});

export const SecurityFindingRef = builder.objectRef<SecurityFinding>("SecurityFinding").implement({
  description: "A compliance or threat-detection finding, normalised to OCSF 1.3.",
  subGraphs: ["connector"],
  fields: (t) => ({
    id: t.exposeID("id", { description: "Opaque finding id." }),
    classUid: t.int({ description: "OCSF class: 2003 Compliance Finding or 2004 Detection Finding.", resolve: (finding) => (finding.kind === "COMPLIANCE" ? 2003 : 2004) }),
    title: t.exposeString("title", { description: "Title." }),
    description: t.exposeString("description", { nullable: true, description: "Description." }),
    severity: t.field({ type: FindingSeverityEnum, description: "Severity.", resolve: (finding) => finding.severity }),
    severityId: t.exposeInt("severityId", { description: "OCSF severity_id (0-5)." }),
    status: t.field({ type: FindingStatusEnum, description: "Workflow status.", resolve: (finding) => finding.status }),
    complianceStatus: t.exposeString("complianceStatus", { nullable: true, description: "Compliance status, e.g. FAILED." }),
    controlId: t.exposeString("controlId", { nullable: true, description: "Security control id." }),
    resources: t.field({ type: [FindingResourceRef], description: "Affected resources.", resolve: (finding) => finding.resources }),
    remediation: t.string({ nullable: true, description: "How to fix it.", resolve: (finding) => finding.remediation?.description ?? null }),
    remediationUrl: t.string({ nullable: true, description: "Where to read more.", resolve: (finding) => finding.remediation?.url ?? null }),
    createdAt: t.field({ type: "DateTime", description: "First seen.", resolve: (finding) => finding.createdAt }),
    updatedAt: t.field({ type: "DateTime", description: "Last updated.", resolve: (finding) => finding.updatedAt }),
    ocsf: t.field({ type: "JSON", description: "The full OCSF 1.3 event.", resolve: (finding) => finding.ocsf }),
    raw: t.field({ type: "JSON", description: "The provider's payload, unchanged.", resolve: (finding) => finding.raw }),
  }),
});

const FindingFilter = builder.inputType("FindingFilter", {
  description: "Narrows findings. All given conditions must hold.",
  subGraphs: ["connector"],
  fields: (t) => ({
    severity: t.field({ type: [FindingSeverityEnum], description: "Any of these severities." }),
    status: t.field({ type: [FindingStatusEnum], description: "Any of these statuses." }),
    resourceType: t.stringList({ description: "Any of these resource types." }),
    updatedAfter: t.field({ type: "DateTime", description: "Updated at or after." }),
    updatedBefore: t.field({ type: "DateTime", description: "Updated before." }),
  }),
});

type FindingFilterValue = {
  severity?: string[] | null;
  status?: string[] | null;
  resourceType?: string[] | null;
  updatedAfter?: Date | null;
  updatedBefore?: Date | null;
};

function toFindingFilter(filter: FindingFilterValue | null | undefined): Parameters<CloudSecurityAdapter["queryComplianceFindings"]>[0] {
  return {
    severity: (filter?.severity as SecurityFinding["severity"][] | null) ?? undefined,
    status: (filter?.status as SecurityFinding["status"][] | null) ?? undefined,
    resourceType: filter?.resourceType ?? undefined,
    updatedAfter: filter?.updatedAfter?.toISOString(),
    updatedBefore: filter?.updatedBefore?.toISOString(),
  };
}

const findingQueries = [
  ["complianceFindings", "cloudsecurity_query_compliance_findings", "queryComplianceFindings", "Compliance findings (OCSF 2003)", "ComplianceFinding"],
  ["detectionFindings", "cloudsecurity_query_detection_findings", "queryDetectionFindings", "Threat detections (OCSF 2004)", "DetectionFinding"],
] as const;

for (const [name, operation, method, description, typeName] of findingQueries) {
  builder.queryField(name, (t) =>
    t.connection(
      {
        ...connectorField("cloudsecurity"),
        type: SecurityFindingRef,
        description: `${description}. Operation \`${operation}\`.`,
        args: { filter: t.arg({ type: FindingFilter, description: "Narrows the list." }) },
        resolve: (_root, args, context) => {
          const filter = toFindingFilter(args.filter);
          return providerConnection(args, (page) => callConnector(context, "cloudsecurity", operation, (adapter) => adapter[method](filter, page), { filter }));
        },
      },
      { subGraphs: ["connector"], name: `${typeName}Connection`, description: "A page of findings." },
      { subGraphs: ["connector"], name: `${typeName}Edge`, description: "A finding in a page." },
    ),
  );
}

const UpdateFindingStatusInput = builder.inputType("UpdateFindingStatusInput", {
  description: "A new workflow status for a finding.",
  subGraphs: ["connector"],
  fields: (t) => ({
    id: t.id({ required: true, description: "Finding id." }),
    status: t.field({ type: FindingStatusEnum, required: true, description: "New workflow status." }),
    note: t.string({ description: "Why (at most 512 characters); stored with the finding where the provider supports notes." }),
  }),
});

const FindingPayload = builder.simpleObject("FindingPayload", {
  description: "The finding after the change.",
  subGraphs: ["connector"],
  fields: (t) => ({ finding: t.field({ type: SecurityFindingRef, description: "The finding." }) }),
});

builder.mutationField("updateFindingStatus", (t) =>
  t.field({
    ...connectorField("cloudsecurity"),
    type: FindingPayload,
    description: "Sets a finding's workflow status. Operation `cloudsecurity_update_finding`.",
    args: { input: t.arg({ type: UpdateFindingStatusInput, required: true, description: "The finding and its new workflow status." }) },
    resolve: async (_root, { input }, context) => {
      if (input.note && input.note.length > 512) throw badInput("note", "must be at most 512 characters");
      const finding = await callConnector(context, "cloudsecurity", "cloudsecurity_update_finding", (adapter) =>
        adapter.updateFindingStatus(String(input.id), input.status as SecurityFinding["status"], input.note ?? null),
      );
      return { finding };
    },
  }),
);
