/** GetFindings (`POST /findings`) and BatchUpdateFindings (`PATCH /findings/batchupdate`) over the simulated account. */
import { randomBytes } from "node:crypto";
import { compileFilters } from "./filter-eval.ts";
import type { AwsSimState, SimFinding } from "./state.ts";
import { type AwsAnswer, ServiceError } from "./wire.ts";

type Body = Record<string, unknown>;

const invalid = (message: string) => new ServiceError("InvalidInputException", message);
const sortable: Record<string, (finding: SimFinding) => string> = { UpdatedAt: (f) => f.UpdatedAt, CreatedAt: (f) => f.CreatedAt, Title: (f) => f.Title, Id: (f) => f.Id };

function sorter(criteria: unknown): (a: SimFinding, b: SimFinding) => number {
  const list = (Array.isArray(criteria) ? criteria : [{ Field: "UpdatedAt", SortOrder: "desc" }]) as { Field?: string; SortOrder?: string }[];
  const keys = list.map(({ Field = "", SortOrder = "asc" }) => {
    const read = sortable[Field];
    if (!read || !["asc", "desc"].includes(SortOrder)) throw invalid(`Cannot sort by ${Field} ${SortOrder}`);
    const sign = SortOrder === "desc" ? -1 : 1;
    // Timestamps compare as instants, not as strings with differing precision.
    return (a: SimFinding, b: SimFinding) => {
      const [x, y] = Field.endsWith("At") ? [Date.parse(read(a)), Date.parse(read(b))] : [read(a), read(b)];
      return x === y ? 0 : x < y ? -sign : sign;
    };
  });
  return (a, b) => keys.reduce((order, key) => order || key(a, b), 0) || (a.Id < b.Id ? -1 : 1);
}

export function getFindings(state: AwsSimState, body: Body): AwsAnswer {
  const max = body.MaxResults ?? 100;
  if (typeof max !== "number" || !Number.isInteger(max) || max < 1 || max > 100) throw invalid("MaxResults must be an integer from 1 to 100");
  const filters = (body.Filters ?? {}) as Record<string, unknown>;
  // A NextToken is only good for the query that produced it.
  const query = JSON.stringify([filters, body.SortCriteria ?? null]);
  let offset = 0;
  if (body.NextToken !== undefined && body.NextToken !== null && body.NextToken !== "") {
    const page = typeof body.NextToken === "string" ? state.pages.get(body.NextToken) : undefined;
    if (!page || page.query !== query) throw invalid("The NextToken is not valid for this query");
    offset = page.offset;
  }
  const matches = state.findings.filter(compileFilters(filters, state.now())).sort(sorter(body.SortCriteria));
  const findings = matches.slice(offset, offset + max);
  const answer: Record<string, unknown> = { Findings: findings };
  if (offset + max < matches.length) {
    const token = randomBytes(24).toString("base64");
    state.pages.set(token, { offset: offset + max, query });
    answer.NextToken = token;
  }
  return { status: 200, body: answer };
}

const workflowStatuses = ["NEW", "NOTIFIED", "RESOLVED", "SUPPRESSED"];

function validateUpdate(body: Body): { identifiers: { Id: string; ProductArn: string }[]; status?: string; note?: { Text: string; UpdatedBy: string } } {
  const identifiers = body.FindingIdentifiers;
  if (!Array.isArray(identifiers) || identifiers.length < 1 || identifiers.length > 100) throw invalid("FindingIdentifiers must list 1 to 100 findings");
  for (const identifier of identifiers as Record<string, unknown>[]) {
    if (typeof identifier?.Id !== "string" || typeof identifier.ProductArn !== "string") throw invalid("Each finding identifier needs Id and ProductArn");
  }
  const status = (body.Workflow as { Status?: unknown } | undefined)?.Status;
  if (status !== undefined && (typeof status !== "string" || !workflowStatuses.includes(status))) throw invalid("Workflow.Status is not a valid status");
  const note = body.Note as { Text?: unknown; UpdatedBy?: unknown } | undefined;
  if (note !== undefined) {
    if (typeof note.Text !== "string" || typeof note.UpdatedBy !== "string") throw invalid("Note needs Text and UpdatedBy");
    if (note.Text.length > 512 || note.UpdatedBy.length > 512) throw invalid("Note.Text and Note.UpdatedBy are at most 512 characters");
  }
  return { identifiers: identifiers as { Id: string; ProductArn: string }[], status, note: note as { Text: string; UpdatedBy: string } | undefined };
}

/** Answers 200 with per-finding outcomes; leaves UpdatedAt alone, as the documentation says. */
export function batchUpdateFindings(state: AwsSimState, body: Body): AwsAnswer {
  const { identifiers, status, note } = validateUpdate(body);
  const processed: unknown[] = [];
  const unprocessed: unknown[] = [];
  const seen = new Set<string>();
  for (const identifier of identifiers) {
    const key = `${identifier.ProductArn}\n${identifier.Id}`;
    const finding = state.findings.find((candidate) => candidate.Id === identifier.Id && candidate.ProductArn === identifier.ProductArn);
    if (seen.has(key)) unprocessed.push({ FindingIdentifier: identifier, ErrorCode: "DuplicatedFindingIdentifier", ErrorMessage: "Duplicated finding identifier" });
    else if (!finding) unprocessed.push({ FindingIdentifier: identifier, ErrorCode: "FindingNotFound", ErrorMessage: "Finding not found" });
    else {
      const at = state.now().toISOString();
      state.pending.push(() => {
        if (status) finding.Workflow = { ...finding.Workflow, Status: status };
        if (note) finding.Note = { ...note, UpdatedAt: at };
      });
      processed.push({ Id: identifier.Id, ProductArn: identifier.ProductArn });
    }
    seen.add(key);
  }
  return { status: 200, body: { ProcessedFindings: processed, UnprocessedFindings: unprocessed } };
}
