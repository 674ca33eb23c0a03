/** Unified finding queries into GetFindings input: ACTIVE records, the compliance/detection rule, then the caller's filters. */
import type { AwsSecurityFindingFilters, GetFindingsCommandInput, StringFilter } from "@aws-sdk/client-securityhub";
import { type FindingFilter, type PageRequest, ProviderError, type SecurityFinding } from "../types.ts";
import { toMillis } from "../unified/instants.ts";
import { awsFacts } from "./descriptor.ts";
import { toWorkflowStatus } from "./severity.ts";

const equals = (values: readonly string[]): StringFilter[] => values.map((Value) => ({ Value, Comparison: "EQUALS" }));
const prefixes = (values: readonly string[]): StringFilter[] => values.map((Value) => ({ Value, Comparison: "PREFIX" }));

/** Filters on one field are joined by OR in Security Hub; different fields by AND. */
export function toFindingFilters(kind: SecurityFinding["kind"], filter: FindingFilter): AwsSecurityFindingFilters {
  const filters: AwsSecurityFindingFilters = {
    RecordState: equals(["ACTIVE"]),
    ...(kind === "COMPLIANCE" ? { ComplianceStatus: equals(awsFacts.complianceStatuses) } : { Type: prefixes(awsFacts.detectionTypePrefixes) }),
  };
  if (filter.severity?.length) filters.SeverityLabel = equals(severityLabels(filter.severity));
  if (filter.status?.length) filters.WorkflowStatus = equals(filter.status.map(toWorkflowStatus));
  if (filter.resourceType?.length) filters.ResourceType = equals(filter.resourceType);
  if (filter.updatedAfter || filter.updatedBefore) filters.UpdatedAt = [updatedWindow(filter.updatedAfter, filter.updatedBefore)];
  return filters;
}

export function toGetFindingsInput(kind: SecurityFinding["kind"], filter: FindingFilter, page: PageRequest): GetFindingsCommandInput {
  return {
    Filters: toFindingFilters(kind, filter),
    SortCriteria: [{ Field: "UpdatedAt", SortOrder: "desc" }],
    MaxResults: Math.min(awsFacts.maxResults, Math.max(1, Math.floor(page.limit))),
    ...(page.cursor ? { NextToken: page.cursor } : {}),
  };
}

/** ASFF has no UNKNOWN label, so asking for it cannot be expressed as a Security Hub filter. */
function severityLabels(severities: SecurityFinding["severity"][]): string[] {
  if (severities.includes("UNKNOWN")) throw new ProviderError("BAD_USER_INPUT", "Security Hub cannot filter findings on an UNKNOWN severity");
  return severities;
}

/**
 * Security Hub date filters take both ends, so an open end is the widest instant it accepts. Both
 * ends are inclusive there, while `updatedBefore` is not: the end is the millisecond before it.
 */
function updatedWindow(after: string | undefined, before: string | undefined): { Start: string; End: string } {
  const start = toMillis(after ?? "1970-01-01T00:00:00.000Z", "updatedAfter");
  const end = before === undefined ? Date.parse("9999-12-31T23:59:59.999Z") : toMillis(before, "updatedBefore") - 1;
  if (start > end) throw new ProviderError("BAD_USER_INPUT", "updatedAfter must be earlier than updatedBefore");
  return { Start: new Date(start).toISOString(), End: new Date(end).toISOString() };
}

