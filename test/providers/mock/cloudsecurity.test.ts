/** The mock cloud-security adapter: OCSF findings of both classes and workflow status updates. */
import { describe, expect, it } from "vitest";
import { cloudsecurityMock } from "../../../providers/mock/cloudsecurity.ts";
import { mockAdapter } from "./harness.ts";

const page = { limit: 50, cursor: null };

describe("cloudsecurity_mock", () => {
  it("serves compliance findings (2003) and detections (2004) with their OCSF JSON", async () => {
    const adapter = mockAdapter(cloudsecurityMock);
    const compliance = (await adapter.queryComplianceFindings({}, page)).items;
    const detections = (await adapter.queryDetectionFindings({}, page)).items;
    expect(compliance).toHaveLength(5);
    expect(detections).toHaveLength(4);
    expect(compliance.find((finding) => finding.id === "mock-finding-0")?.ocsf).toMatchObject({
      class_uid: 2003,
      type_uid: 200302,
      severity_id: 5,
      severity: "Critical",
      status_id: 1,
      compliance: { control: "MOCK.0", status_id: 3, status: "Fail" },
      resources: [{ type: "AwsS3Bucket" }],
    });
    expect(detections[0]?.ocsf).toMatchObject({ class_uid: 2004, class_name: "Detection Finding", finding_info: { uid: "mock-detection-3" } });
  });

  it("changes a finding's workflow status for later reads in that integration only, keeping updatedAt and the note", async () => {
    const key = `cloudsecurity-${Date.now()}`;
    const adapter = mockAdapter(cloudsecurityMock, key);
    const before = (await adapter.queryDetectionFindings({}, page)).items.find((finding) => finding.id === "mock-detection-1");
    const updated = await adapter.updateFindingStatus("mock-detection-1", "SUPPRESSED", "  Known scanner  ");
    expect(updated).toMatchObject({ id: "mock-detection-1", status: "SUPPRESSED", updatedAt: before?.updatedAt, ocsf: { status_id: 3, status: "Suppressed" }, raw: { note: "Known scanner" } });

    const suppressed = await mockAdapter(cloudsecurityMock, key).queryDetectionFindings({ status: ["SUPPRESSED"] }, page);
    expect(suppressed.items).toEqual([updated]);
    expect((await mockAdapter(cloudsecurityMock).queryDetectionFindings({ status: ["SUPPRESSED"] }, page)).items).toEqual([]);
  });

  it("refuses an unknown finding and an overlong note", async () => {
    const adapter = mockAdapter(cloudsecurityMock);
    await expect(adapter.updateFindingStatus("mock-finding-9", "RESOLVED")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(adapter.updateFindingStatus("mock-finding-0", "RESOLVED", "x".repeat(513))).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
    expect((await adapter.queryComplianceFindings({ status: ["NEW"] }, page)).items).toHaveLength(5);
  });
});
