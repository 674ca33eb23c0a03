/** The Security Hub adapter end to end: the real SDK (SigV4-signed) against the simulator, for every operation. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { toFindingId } from "../../../providers/aws/finding-id.ts";
import type { CloudSecurityAdapter, SecurityFinding } from "../../../providers/types.ts";
import { awsFinding } from "../../fixtures/aws/index.ts";
import { type AwsSimulator, startAwsSimulator } from "../../simulators/aws/index.ts";
import { adapterFor, awsCredential } from "./harness.ts";

let sim: AwsSimulator;
let adapter: CloudSecurityAdapter;

beforeAll(async () => {
  sim = await startAwsSimulator();
  adapter = adapterFor(sim);
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.state.requests.length = 0;
});

const controls = (findings: SecurityFinding[]) => findings.map((finding) => finding.controlId);
const idOf = (needle: string) => toFindingId(awsFinding(needle) as { Id: string; ProductArn: string });
const lastBody = () => sim.state.requests.at(-1)?.body as Record<string, unknown>;

describe("queries", () => {
  it("verifies with a one-finding GetFindings", async () => {
    await expect(adapter.verify()).resolves.toBeUndefined();
    expect(sim.state.requests).toEqual([{ operation: "GetFindings", accessKeyId: "AKIAQXH4SIMULATED001", body: { MaxResults: 1 } }]);
  });

  it("lists active compliance findings, newest update first, without archived or non-compliance ones", async () => {
    const page = await adapter.queryComplianceFindings({}, { limit: 50, cursor: null });
    expect(controls(page.items)).toEqual(["S3.8", "IAM.6", "IAM.3", "S3.5", "S3.13", "CloudTrail.2", "EC2.8"]);
    expect(page.items.every((finding) => finding.kind === "COMPLIANCE" && (finding.ocsf as { class_uid: number }).class_uid === 2003)).toBe(true);
    expect(page.nextCursor).toBeNull();
    expect(lastBody()).toMatchObject({ MaxResults: 50, SortCriteria: [{ Field: "UpdatedAt", SortOrder: "desc" }], Filters: { RecordState: [{ Value: "ACTIVE", Comparison: "EQUALS" }] } });
  });

  it("lists active detection findings (GuardDuty and a custom integration), leaving out Inspector vulnerabilities", async () => {
    const page = await adapter.queryDetectionFindings({}, { limit: 50, cursor: null });
    expect(page.items.map((finding) => finding.title)).toEqual([
      "Mass file encryption on build-runner-2",
      "198.51.100.23 is performing SSH brute force attacks against i-0a1b2c3d4e5f67890.",
      "The EC2 instance i-0f9e8d7c6b5a43210 is querying a domain name that is associated with Bitcoin-related activity.",
      "An IAM entity invoked an S3 API in a suspicious way.",
      "EC2 instance i-0a1b2c3d4e5f67890 is communicating with a remote host on an unusual server port 5432.",
    ]);
    expect(page.items.every((finding) => finding.kind === "DETECTION" && (finding.ocsf as { class_uid: number }).class_uid === 2004)).toBe(true);
  });

  it("pages with NextToken as the cursor until it is absent", async () => {
    const seen: (string | null)[] = [];
    let cursor: string | null = null;
    do {
      const page = await adapter.queryComplianceFindings({}, { limit: 3, cursor });
      seen.push(...controls(page.items));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["S3.8", "IAM.6", "IAM.3", "S3.5", "S3.13", "CloudTrail.2", "EC2.8"]);
    expect(sim.state.requests).toHaveLength(3);
  });

  it.each([
    [{ severity: ["HIGH" as const] }, ["S3.8", "EC2.8"]],
    [{ status: ["IN_PROGRESS" as const] }, ["IAM.6"]],
    [{ status: ["SUPPRESSED" as const, "RESOLVED" as const] }, ["S3.5", "EC2.8"]],
    [{ resourceType: ["AwsS3Bucket"] }, ["S3.8", "S3.5", "S3.13"]],
    [{ updatedAfter: "2025-06-08T00:00:00Z", updatedBefore: "2025-06-09T23:00:00Z" }, ["IAM.6", "IAM.3"]],
    // At or after IAM.3's update, before (not at) IAM.6's.
    [{ updatedAfter: "2025-06-08T09:45:31.250Z", updatedBefore: "2025-06-09T22:41:05.000Z" }, ["IAM.3"]],
    [{ severity: ["MEDIUM" as const], resourceType: ["AwsIamUser"] }, ["IAM.3"]],
  ])("filters compliance findings by %j", async (filter, expected) => {
    expect(controls((await adapter.queryComplianceFindings(filter, { limit: 100, cursor: null })).items)).toEqual(expected);
  });

  it("filters detection findings by severity and resource type", async () => {
    const page = await adapter.queryDetectionFindings({ severity: ["HIGH"], resourceType: ["AwsS3Bucket"] }, { limit: 10, cursor: null });
    expect(page.items.map((finding) => finding.resources[0]?.name)).toEqual(["harbour-customer-exports"]);
  });
});

describe("updateFindingStatus", () => {
  it("sets the workflow status and a note by Id and ProductArn, leaving UpdatedAt alone", async () => {
    const updated = await adapter.updateFindingStatus(idOf("IAM.3"), "IN_PROGRESS", "Rotating the ci-deployer key this week");
    expect(updated).toMatchObject({ controlId: "IAM.3", status: "IN_PROGRESS", updatedAt: "2025-06-08T09:45:31.250Z" });
    const batch = sim.state.requests.find((request) => request.operation === "BatchUpdateFindings")?.body;
    expect(batch).toEqual({
      FindingIdentifiers: [{ Id: awsFinding("IAM.3").Id, ProductArn: awsFinding("IAM.3").ProductArn }],
      Workflow: { Status: "NOTIFIED" },
      Note: { Text: "Rotating the ci-deployer key this week", UpdatedBy: "switchyard" },
    });
    const stored = sim.state.findings.find((finding) => finding.Id === awsFinding("IAM.3").Id);
    expect(stored).toMatchObject({ Workflow: { Status: "NOTIFIED" }, Note: { UpdatedBy: "switchyard" }, UpdatedAt: "2025-06-08T09:45:31.250Z" });
  });

  it("sends no Note when none (or only blanks) is given", async () => {
    await adapter.updateFindingStatus(idOf("S3.13"), "SUPPRESSED", "   ");
    expect(lastBody()).toEqual({ FindingIdentifiers: [expect.any(Object)], Workflow: { Status: "SUPPRESSED" } });
  });

  it("answers with the accepted status even while Security Hub has not applied it yet", async () => {
    const lagging = await startAwsSimulator({ deferUpdates: true });
    try {
      const lagged = adapterFor(lagging);
      const id = toFindingId(awsFinding("0d8e2b7c5a9f41e6b3c1d4a2e9f8b7c6") as { Id: string; ProductArn: string });
      await expect(lagged.updateFindingStatus(id, "RESOLVED")).resolves.toMatchObject({ status: "RESOLVED", kind: "DETECTION" });
      const before = await lagged.queryDetectionFindings({ status: ["RESOLVED"] }, { limit: 10, cursor: null });
      expect(before.items).toHaveLength(0);
      lagging.settle();
      const after = await lagged.queryDetectionFindings({ status: ["RESOLVED"] }, { limit: 10, cursor: null });
      expect(after.items.map((finding) => finding.id)).toEqual([id]);
    } finally {
      await lagging.close();
    }
  });

  it("is NOT_FOUND for a well-formed id Security Hub does not have, without trying to update it", async () => {
    const missing = toFindingId({ Id: "arn:aws:guardduty:us-east-1:111122223333:detector/x/finding/nope", ProductArn: "arn:aws:securityhub:us-east-1::product/aws/guardduty" });
    await expect(adapter.updateFindingStatus(missing, "RESOLVED")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(sim.state.requests.map((request) => request.operation)).toEqual(["GetFindings"]);
  });

  it("refuses a malformed id and an over-long note before calling AWS", async () => {
    await expect(adapter.updateFindingStatus("not-an-id!", "NEW")).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
    await expect(adapter.updateFindingStatus(idOf("S3.8"), "NEW", "x".repeat(513))).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
    expect(sim.state.requests).toHaveLength(0);
  });

  it.each([
    ["FindingNotFound", "NOT_FOUND"],
    ["InvalidInput", "BAD_USER_INPUT"],
    ["ConcurrentUpdateError", "PROVIDER_UNAVAILABLE"],
    ["SomethingElse", "PROVIDER_ERROR"],
  ])("treats an UnprocessedFindings entry %s as an error (%s)", async (errorCode, code) => {
    sim.inject({ kind: "unprocessed", errorCode }, { operation: "BatchUpdateFindings" });
    await expect(adapter.updateFindingStatus(idOf("S3.8"), "RESOLVED")).rejects.toMatchObject({ code, details: { providerCode: errorCode } });
    expect(sim.state.findings.find((finding) => finding.Id === awsFinding("S3.8").Id)?.Workflow?.Status).toBe("NEW");
  });
});
