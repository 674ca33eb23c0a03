/** The unified cloud-security connector over Security Hub: compliance and detection queries, and workflow updates. */
import { type CloudSecurityAdapter, type FindingFilter, type PageRequest, ProviderError, type SecurityFinding } from "../types.ts";
import type { SecurityHub } from "./client.ts";
import { awsFacts } from "./descriptor.ts";
import { type FindingIdentifier, parseFindingId } from "./finding-id.ts";
import { toGetFindingsInput } from "./filters.ts";
import { toSecurityFinding } from "./normalise.ts";
import type { AsffFinding } from "./payloads.ts";
import { toWorkflowStatus } from "./severity.ts";

export function createAwsAdapter(hub: SecurityHub): CloudSecurityAdapter {
  const query = async (kind: SecurityFinding["kind"], filter: FindingFilter, page: PageRequest) => {
    const answer = await hub.getFindings(toGetFindingsInput(kind, filter, page), `list ${kind.toLowerCase()} findings`);
    // An empty NextToken ends the pages as surely as an absent one.
    return { items: answer.Findings.map(toSecurityFinding), nextCursor: answer.NextToken || null };
  };

  return {
    async verify() {
      await hub.getFindings({ MaxResults: 1 }, "check the credentials");
    },
    queryComplianceFindings: (filter, page) => query("COMPLIANCE", filter, page),
    queryDetectionFindings: (filter, page) => query("DETECTION", filter, page),

    /**
     * Reads the finding first (a clean NOT_FOUND, and the record to return), then updates it.
     * BatchUpdateFindings is applied asynchronously and leaves UpdatedAt alone, so the answer is
     * the finding as read with the accepted workflow status laid over it.
     */
    async updateFindingStatus(id, status, note) {
      const identifier = parseFindingId(id);
      const trimmed = note?.trim() ?? "";
      const text = trimmed === "" ? null : trimmed;
      if (text && text.length > awsFacts.maxNoteLength) throw new ProviderError("BAD_USER_INPUT", `A Security Hub note is at most ${awsFacts.maxNoteLength} characters`);
      const finding = await readFinding(hub, identifier);
      const answer = await hub.batchUpdateFindings(
        {
          FindingIdentifiers: [identifier],
          Workflow: { Status: toWorkflowStatus(status) },
          ...(text ? { Note: { Text: text, UpdatedBy: awsFacts.noteAuthor } } : {}),
        },
        "update the finding",
      );
      const unprocessed = answer.UnprocessedFindings[0];
      if (unprocessed) throw toUnprocessedError(unprocessed.ErrorCode);
      return toSecurityFinding({ ...finding, Workflow: { ...finding.Workflow, Status: toWorkflowStatus(status) } });
    },
  };
}

async function readFinding(hub: SecurityHub, { Id, ProductArn }: FindingIdentifier): Promise<AsffFinding> {
  const answer = await hub.getFindings(
    { Filters: { Id: [{ Value: Id, Comparison: "EQUALS" }], ProductArn: [{ Value: ProductArn, Comparison: "EQUALS" }] }, MaxResults: 1 },
    "read the finding",
  );
  const finding = answer.Findings[0];
  if (!finding) throw new ProviderError("NOT_FOUND", "Security Hub has no such finding, or the integration cannot see it");
  return finding;
}

/** BatchUpdateFindings answers 200 even when nothing was updated; each unprocessed finding carries a code. */
function toUnprocessedError(errorCode: string | undefined): ProviderError {
  const details = errorCode && /^[A-Za-z]{1,64}$/.test(errorCode) ? { providerCode: errorCode } : {};
  switch (errorCode) {
    case "FindingNotFound":
      return new ProviderError("NOT_FOUND", "Security Hub has no such finding, or the integration cannot see it", details);
    case "InvalidInput":
    case "FindingSizeExceeded":
    case "DuplicatedFindingIdentifier":
      return new ProviderError("BAD_USER_INPUT", "Security Hub refused the finding update", details);
    case "ConcurrentUpdateError":
    case "InternalFailure":
      return new ProviderError("PROVIDER_UNAVAILABLE", "Security Hub could not update the finding just now; try again", details);
    default:
      return new ProviderError("PROVIDER_ERROR", "Security Hub did not update the finding", details);
  }
}
