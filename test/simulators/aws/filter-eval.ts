/**
 * The subset of AwsSecurityFindingFilters the simulator evaluates, with Security Hub's documented
 * semantics: EQUALS/PREFIX/CONTAINS on one field join by OR, NOT_* by AND, fields by AND.
 * A field the simulator does not know is refused loudly rather than ignored.
 */
import type { SimFinding } from "./state.ts";
import { ServiceError } from "./wire.ts";

type StringFilter = { Value?: string; Comparison?: string };
type DateFilter = { Start?: string; End?: string; DateRange?: { Value?: number; Unit?: string } };

const stringFields: Record<string, (finding: SimFinding) => (string | undefined)[]> = {
  Id: (f) => [f.Id],
  ProductArn: (f) => [f.ProductArn],
  ProductName: (f) => [f.ProductName],
  GeneratorId: (f) => [f.GeneratorId],
  AwsAccountId: (f) => [f.AwsAccountId],
  Region: (f) => [f.Region],
  Title: (f) => [f.Title],
  Type: (f) => f.Types ?? [],
  SeverityLabel: (f) => [f.Severity?.Label],
  WorkflowStatus: (f) => [f.Workflow?.Status],
  RecordState: (f) => [f.RecordState],
  ComplianceStatus: (f) => [f.Compliance?.Status],
  ComplianceSecurityControlId: (f) => [f.Compliance?.SecurityControlId],
  ResourceType: (f) => f.Resources.map((resource) => resource.Type),
  ResourceId: (f) => f.Resources.map((resource) => resource.Id),
};

const dateFields: Record<string, (finding: SimFinding) => string | undefined> = {
  CreatedAt: (f) => f.CreatedAt,
  UpdatedAt: (f) => f.UpdatedAt,
  FirstObservedAt: (f) => f.FirstObservedAt,
  LastObservedAt: (f) => f.LastObservedAt,
};

const positive = new Set(["EQUALS", "PREFIX", "CONTAINS"]);
const comparisons = new Set([...positive, "NOT_EQUALS", "PREFIX_NOT_EQUALS", "NOT_CONTAINS"]);

function test(value: string, { Value = "", Comparison = "" }: StringFilter): boolean {
  switch (Comparison) {
    case "EQUALS": return value === Value;
    case "PREFIX": return value.startsWith(Value);
    case "CONTAINS": return value.includes(Value);
    case "NOT_EQUALS": return value !== Value;
    case "PREFIX_NOT_EQUALS": return !value.startsWith(Value);
    default: return !value.includes(Value);
  }
}

function checkCombination(field: string, filters: StringFilter[]): void {
  const used = new Set(filters.map((filter) => filter.Comparison ?? ""));
  for (const comparison of used) if (!comparisons.has(comparison)) throw new ServiceError("InvalidInputException", `Invalid comparison for ${field}`);
  const clash = (used.has("CONTAINS") && used.size > 1) || (used.has("NOT_CONTAINS") && used.size > 1) || (used.has("EQUALS") && (used.has("NOT_EQUALS") || used.has("PREFIX_NOT_EQUALS")));
  if (clash) throw new ServiceError("InvalidInputException", `The comparisons used on ${field} cannot be combined`);
}

/** A field the finding lacks matches no positive filter and every negative one. */
function matchStrings(values: string[], filters: StringFilter[]): boolean {
  const wanted = filters.filter((filter) => positive.has(filter.Comparison ?? ""));
  const refused = filters.filter((filter) => !positive.has(filter.Comparison ?? ""));
  const anyWanted = wanted.length === 0 || values.some((value) => wanted.some((filter) => test(value, filter)));
  return anyWanted && refused.every((filter) => values.every((value) => test(value, filter)));
}

function matchDates(value: string | undefined, filters: DateFilter[], now: Date): boolean {
  return filters.some(({ Start, End, DateRange }) => {
    if (DateRange?.Unit === "DAYS" && typeof DateRange.Value === "number") {
      return value !== undefined && Date.parse(value) >= now.getTime() - DateRange.Value * 86_400_000 && Date.parse(value) <= now.getTime();
    }
    if (!Start || !End || Number.isNaN(Date.parse(Start)) || Number.isNaN(Date.parse(End))) {
      throw new ServiceError("InvalidInputException", "A date filter needs both Start and End, or a DateRange in DAYS");
    }
    return value !== undefined && Date.parse(value) >= Date.parse(Start) && Date.parse(value) <= Date.parse(End);
  });
}

export function compileFilters(filters: Record<string, unknown>, now: Date): (finding: SimFinding) => boolean {
  const checks = Object.entries(filters).map(([field, list]) => {
    if (!Array.isArray(list)) throw new ServiceError("InvalidInputException", `Filter ${field} must be a list`);
    const strings = stringFields[field];
    if (strings) {
      checkCombination(field, list as StringFilter[]);
      return (finding: SimFinding) => matchStrings(strings(finding).filter((value): value is string => value !== undefined), list as StringFilter[]);
    }
    const date = dateFields[field];
    if (date) return (finding: SimFinding) => matchDates(date(finding), list as DateFilter[], now);
    throw new ServiceError("InvalidInputException", `The simulator does not evaluate the filter ${field}`);
  });
  return (finding) => checks.every((check) => check(finding));
}
