/**
 * Filters and orders mock findings as the AWS adapter's GetFindings filters do: each list matches any of
 * its values, the updated window includes both ends, and the most recently updated findings come first. Pure.
 */
import { ProviderError, type FindingFilter, type SecurityFinding } from "../types.ts";
import { optionalMillis } from "../unified/instants.ts";

export const findingFilters = ["severity", "status", "resourceType", "updatedAfter", "updatedBefore"];

export function selectFindings(findings: Iterable<SecurityFinding>, kind: SecurityFinding["kind"], filter: FindingFilter): SecurityFinding[] {
  const after = optionalMillis(filter.updatedAfter, "updatedAfter");
  const before = optionalMillis(filter.updatedBefore, "updatedBefore");
  if (after !== null && before !== null && after >= before) throw new ProviderError("BAD_USER_INPUT", "updatedAfter must be earlier than updatedBefore");
  const matches = (finding: SecurityFinding) => {
    const updated = Date.parse(finding.updatedAt);
    return (
      finding.kind === kind &&
      (!filter.severity?.length || filter.severity.includes(finding.severity)) &&
      (!filter.status?.length || filter.status.includes(finding.status)) &&
      (!filter.resourceType?.length || finding.resources.some((resource) => filter.resourceType!.includes(resource.type))) &&
      (after === null || updated >= after) &&
      (before === null || updated < before)
    );
  };
  return [...findings].filter(matches).sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || a.id.localeCompare(b.id));
}
