/** toSecurityFinding on recorded ASFF findings: kind, severity, workflow, resources, remediation and the OCSF 1.3 JSON. */
import { describe, expect, it } from "vitest";
import { toSecurityFinding } from "../../../providers/aws/normalise.ts";
import { AsffFinding } from "../../../providers/aws/payloads.ts";
import { awsFinding, loadAwsFindings } from "../../fixtures/aws/index.ts";

const finding = (needle: string, patch: Record<string, unknown> = {}) => toSecurityFinding(AsffFinding.parse({ ...awsFinding(needle), ...patch }));

describe("toSecurityFinding", () => {
  it("reads every fixture, as the SDK returns them", () => {
    for (const raw of loadAwsFindings()) expect(() => toSecurityFinding(AsffFinding.parse(raw))).not.toThrow();
  });

  it("maps a Security Hub CSPM control finding to an OCSF Compliance Finding (2003)", () => {
    const s38 = finding("S3.8");
    expect(s38).toMatchObject({
      kind: "COMPLIANCE",
      title: "S3 general purpose buckets should block public access",
      severity: "HIGH",
      severityId: 4,
      status: "NEW",
      complianceStatus: "FAILED",
      controlId: "S3.8",
      resources: [{ type: "AwsS3Bucket", uid: "arn:aws:s3:::harbour-public-assets", region: "us-east-1", name: "harbour-public-assets" }],
      remediation: { description: expect.stringContaining("controls documentation"), url: "https://docs.aws.amazon.com/console/securityhub/S3.8/remediation" },
      createdAt: "2025-03-02T08:15:00.000Z",
      updatedAt: "2025-06-10T04:20:31.512Z",
    });
    expect(s38.ocsf).toMatchObject({
      category_uid: 2,
      class_uid: 2003,
      class_name: "Compliance Finding",
      activity_id: 2,
      type_uid: 200302,
      time: Date.parse("2025-06-10T04:20:31.512Z"),
      severity_id: 4,
      status_id: 1,
      finding_info: {
        uid: awsFinding("S3.8").Id,
        title: "S3 general purpose buckets should block public access",
        types: ["Software and Configuration Checks/Industry and Regulatory Standards"],
        created_time: Date.parse("2025-03-02T08:15:00.000Z"),
        modified_time: Date.parse("2025-06-10T04:20:31.512Z"),
      },
      resources: [{ uid: "arn:aws:s3:::harbour-public-assets", type: "AwsS3Bucket", region: "us-east-1", cloud_partition: "aws" }],
      compliance: {
        status: "Fail",
        status_id: 3,
        control: "S3.8",
        standards: ["standards/aws-foundational-security-best-practices/v/1.0.0", "standards/nist-800-53/v/5.0.0"],
        requirements: expect.arrayContaining(["NIST.800-53.r5 AC-21"]),
      },
      remediation: { desc: expect.any(String), references: ["https://docs.aws.amazon.com/console/securityhub/S3.8/remediation"] },
      cloud: { provider: "AWS", region: "us-east-1", account: { uid: "111122223333" } },
      metadata: { version: "1.3.0", product: { name: "Security Hub", vendor_name: "AWS", feature: { name: "Security Hub" } } },
    });
    expect(s38.raw).toMatchObject({ Id: awsFinding("S3.8").Id });
  });

  it("maps a GuardDuty finding to an OCSF Detection Finding (2004) with no compliance object", () => {
    const brute = finding("a6c9f2e4b1d84e37a0c5b2d9e7f31c48");
    expect(brute).toMatchObject({ kind: "DETECTION", severity: "LOW", severityId: 2, complianceStatus: null, controlId: null, remediation: null });
    expect(brute.resources[0]).toMatchObject({ type: "AwsEc2Instance", name: "web-3" });
    expect(brute.ocsf).toMatchObject({ class_uid: 2004, class_name: "Detection Finding", type_uid: 200402, finding_info: { types: ["TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce"], src_url: expect.stringContaining("guardduty") } });
    expect(brute.ocsf).not.toHaveProperty("compliance");
    expect(brute.ocsf).not.toHaveProperty("remediation");
  });

  it("takes resource names from a Name tag, else from the ARN, and none for an account id", () => {
    expect(finding("IAM.3").resources[0]).toMatchObject({ type: "AwsIamUser", name: "ci-deployer" });
    expect(finding("IAM.6").resources[0]).toMatchObject({ type: "AwsAccount", uid: "AWS::::Account:111122223333", name: null });
    expect(finding("7f3e1d9c2b8a46f5a4e3c2b1d0f9e8a7").resources.map((resource) => resource.type)).toEqual(["AwsS3Bucket", "AwsIamAccessKey"]);
  });

  it.each([
    ["CRITICAL", "IAM.6", 5],
    ["HIGH", "EC2.8", 4],
    ["MEDIUM", "IAM.3", 3],
    ["LOW", "S3.13", 2],
    ["INFORMATIONAL", "S3.5", 1],
  ])("takes severity %s from Severity.Label", (label, needle, id) => {
    expect(finding(needle)).toMatchObject({ severity: label, severityId: id });
  });

  it.each([
    [0, "INFORMATIONAL"],
    [1, "LOW"],
    [39, "LOW"],
    [40, "MEDIUM"],
    [69, "MEDIUM"],
    [70, "HIGH"],
    [89, "HIGH"],
    [90, "CRITICAL"],
    [100, "CRITICAL"],
  ])("falls back to the deprecated Normalized %i → %s only when Label is absent", (normalized, label) => {
    expect(finding("S3.8", { Severity: { Normalized: normalized } }).severity).toBe(label);
  });

  it("prefers Label over a contradicting Normalized, and is UNKNOWN (0) with neither", () => {
    expect(finding("S3.8", { Severity: { Label: "LOW", Normalized: 95 } }).severity).toBe("LOW");
    expect(finding("S3.8", { Severity: undefined })).toMatchObject({ severity: "UNKNOWN", severityId: 0 });
  });

  it.each([
    ["NEW", "NEW", 1],
    ["NOTIFIED", "IN_PROGRESS", 2],
    ["SUPPRESSED", "SUPPRESSED", 3],
    ["RESOLVED", "RESOLVED", 4],
  ])("maps Workflow.Status %s to %s (OCSF status_id %i)", (workflow, status, statusId) => {
    const mapped = finding("S3.8", { Workflow: { Status: workflow } });
    expect(mapped.status).toBe(status);
    expect(mapped.ocsf).toMatchObject({ status_id: statusId });
  });

  it("chooses the OCSF activity: Create when never updated, Close when archived", () => {
    expect(finding("EC2.8").ocsf).toMatchObject({ activity_id: 1, activity_name: "Create", type_uid: 200301 });
    expect(finding("EC2.2").ocsf).toMatchObject({ activity_id: 3, activity_name: "Close", type_uid: 200303 });
  });

  it("maps NOT_AVAILABLE to compliance status Unknown and keeps the reason", () => {
    expect(finding("CloudTrail.2").ocsf).toMatchObject({
      cloud: { region: "eu-west-1" },
      compliance: { status_id: 0, status: "Unknown", status_code: "CONFIG_ACCESS_DENIED", status_detail: expect.stringContaining("access denied") },
    });
  });

  it("keeps a custom integration's confidence and a remediation without a URL", () => {
    const edr = finding("ransomware-behaviour");
    expect(edr).toMatchObject({ kind: "DETECTION", severity: "CRITICAL", remediation: { description: expect.stringContaining("Isolate"), url: null } });
    expect(edr.ocsf).toMatchObject({ confidence_score: 85, remediation: { desc: expect.any(String) }, metadata: { product: { feature: { name: "Default" } } } });
    expect(edr.ocsf.remediation).not.toHaveProperty("references");
  });

  it("writes no null attributes into the OCSF JSON", () => {
    for (const raw of loadAwsFindings()) expect(JSON.stringify(toSecurityFinding(AsffFinding.parse(raw)).ocsf)).not.toContain("null");
  });

  it("refuses a finding missing a required ASFF member", () => {
    const { Resources: _gone, ...partial } = awsFinding("S3.8");
    expect(AsffFinding.safeParse(partial).success).toBe(false);
  });
});
