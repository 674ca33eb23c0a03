/** Zod schemas for ASFF findings and Security Hub answers as the SDK returns them; unknown members pass through. */
import { z } from "zod";

/** ASFF timestamps are ISO 8601 strings (with or without fractions or an offset). */
const Timestamp = z.string().refine((value) => !Number.isNaN(Date.parse(value)), "an ISO 8601 timestamp");

const AsffResource = z.looseObject({
  Type: z.string().min(1),
  Id: z.string().min(1),
  Partition: z.string().optional(),
  Region: z.string().optional(),
  Tags: z.record(z.string(), z.string()).optional(),
  Details: z.record(z.string(), z.unknown()).optional(),
});

const AsffSeverity = z.looseObject({
  Label: z.enum(["INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL"]).optional(),
  /** Deprecated in favour of `Label`. */
  Normalized: z.number().int().min(0).max(100).optional(),
  Product: z.number().optional(),
  Original: z.string().optional(),
});

const AsffCompliance = z.looseObject({
  Status: z.enum(["PASSED", "WARNING", "FAILED", "NOT_AVAILABLE"]).optional(),
  SecurityControlId: z.string().optional(),
  RelatedRequirements: z.array(z.string()).optional(),
  AssociatedStandards: z.array(z.looseObject({ StandardsId: z.string().optional() })).optional(),
  StatusReasons: z.array(z.looseObject({ ReasonCode: z.string(), Description: z.string().optional() })).optional(),
});

/** The ASFF members the normaliser reads; the required ones are those ASFF requires. */
export const AsffFinding = z.looseObject({
  SchemaVersion: z.string(),
  Id: z.string().min(1),
  ProductArn: z.string().min(1),
  ProductName: z.string().optional(),
  CompanyName: z.string().optional(),
  Region: z.string().optional(),
  GeneratorId: z.string(),
  AwsAccountId: z.string(),
  Types: z.array(z.string()).optional(),
  FirstObservedAt: Timestamp.optional(),
  LastObservedAt: Timestamp.optional(),
  CreatedAt: Timestamp,
  UpdatedAt: Timestamp,
  Severity: AsffSeverity.optional(),
  Confidence: z.number().optional(),
  Title: z.string(),
  Description: z.string(),
  Remediation: z.looseObject({ Recommendation: z.looseObject({ Text: z.string().optional(), Url: z.string().optional() }).optional() }).optional(),
  SourceUrl: z.string().optional(),
  ProductFields: z.record(z.string(), z.string()).optional(),
  Resources: z.array(AsffResource),
  Compliance: AsffCompliance.optional(),
  Workflow: z.looseObject({ Status: z.enum(["NEW", "NOTIFIED", "SUPPRESSED", "RESOLVED"]).optional() }).optional(),
  RecordState: z.enum(["ACTIVE", "ARCHIVED"]).optional(),
  Note: z.looseObject({ Text: z.string(), UpdatedBy: z.string(), UpdatedAt: Timestamp }).optional(),
});
export type AsffFinding = z.infer<typeof AsffFinding>;

/** `Findings` is always present, possibly empty; `NextToken` is absent (or empty) on the last page. */
export const GetFindingsAnswer = z.looseObject({
  Findings: z.array(AsffFinding),
  NextToken: z.string().optional(),
});

const Identifier = z.looseObject({ Id: z.string(), ProductArn: z.string() });

export const BatchUpdateFindingsAnswer = z.looseObject({
  ProcessedFindings: z.array(Identifier),
  UnprocessedFindings: z.array(z.looseObject({ FindingIdentifier: Identifier.optional(), ErrorCode: z.string().optional(), ErrorMessage: z.string().optional() })),
});
