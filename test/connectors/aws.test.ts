import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../generated/index.ts";
import { createAccount, createIntegration, logon } from "../helpers/flows.ts";
import { errorCode, seedTenant, startGateway, type TestGateway } from "../helpers/gateway.ts";
import { startAwsSimulator, type AwsSimulator } from "../simulators/aws/index.ts";
import { connectorClient, expectNoLeak, pageThrough } from "./connector-api.ts";

const ComplianceQuery = graphql(`
  query AwsComplianceFindings($first: Int, $after: String, $filter: FindingFilter) {
    complianceFindings(first: $first, after: $after, filter: $filter) {
      edges { node { id classUid title severity severityId status complianceStatus controlId updatedAt resources { type uid region } ocsf } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const DetectionQuery = graphql(`
  query AwsDetectionFindings($first: Int, $after: String, $filter: FindingFilter) {
    detectionFindings(first: $first, after: $after, filter: $filter) {
      edges { node { id classUid title severity status controlId updatedAt } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const UpdateStatusMutation = graphql(`
  mutation AwsUpdateFindingStatus($input: UpdateFindingStatusInput!) {
    updateFindingStatus(input: $input) { finding { id classUid controlId status } }
  }
`);

/** Active compliance findings of the fixtures, newest update first; EC2.2 is archived. */
const complianceControls = ["S3.8", "IAM.6", "IAM.3", "S3.5", "S3.13", "CloudTrail.2", "EC2.8"];

describe("AWS Security Hub through the gateway", () => {
  let gateway: TestGateway;
  let sim: AwsSimulator;
  let adminToken: string;
  let accountId: string;
  let token: string;
  const call = connectorClient(() => gateway, () => token);
  const awsIntegration = async (name: string, secretAccessKey: string) =>
    createIntegration(gateway, adminToken, accountId, name, {
      cloudsecurityAws: { region: sim.region, endpoint: sim.url, credential: { aws: { accessKeyId: sim.credentials.longTerm.accessKeyId, secretAccessKey } } },
    });
  const requestsOf = (operation: string) => sim.state.requests.filter((request) => request.operation === operation);

  beforeAll(async () => {
    sim = await startAwsSimulator();
    gateway = await startGateway({ SWITCHYARD_ALLOW_PRIVATE_NETWORKS: "true" });
    const tenant = await seedTenant(gateway);
    adminToken = (await logon(gateway, tenant)).accessToken;
    accountId = (await createAccount(gateway, adminToken, "umbrella")).id;
    token = (await awsIntegration("aws", sim.credentials.longTerm.secretAccessKey)).tokens.accessToken;
  });
  afterAll(async () => {
    await gateway.stop();
    await sim.close();
  });

  it("pages through the active compliance findings, newest first, as OCSF 2003", async () => {
    const { nodes, pages } = await pageThrough(
      (after) => call(ComplianceQuery, { first: 3, after }),
      (data) => data.complianceFindings,
    );
    expect(pages).toBe(3);
    expect(nodes.map((finding) => finding.controlId)).toEqual(complianceControls);
    expect(new Set(nodes.map((finding) => finding.id)).size).toBe(complianceControls.length);
    expect(nodes.every((finding) => finding.classUid === 2003)).toBe(true);
    const bucket = nodes[0];
    expect(bucket).toMatchObject({ severity: "HIGH", severityId: 4, status: "NEW", complianceStatus: "FAILED" });
    expect(bucket?.resources[0]).toMatchObject({ type: "AwsS3Bucket" });
    expect(bucket?.ocsf).toMatchObject({ class_uid: 2003, severity_id: 4 });

    const pagesAsked = requestsOf("GetFindings").map((request) => request.body as { MaxResults?: number; NextToken?: string });
    expect(pagesAsked.slice(-3).map((body) => [body.MaxResults, typeof body.NextToken])).toEqual([
      [3, "undefined"],
      [3, "string"],
      [3, "string"],
    ]);
  });

  it("filters compliance findings by severity and status", async () => {
    const severe = await call(ComplianceQuery, { first: 50, filter: { severity: ["HIGH", "CRITICAL"] } });
    expect(severe.body.errors).toBeUndefined();
    expect(severe.body.data?.complianceFindings.edges.map((edge) => edge.node.controlId)).toEqual(["S3.8", "IAM.6", "EC2.8"]);

    const fresh = await call(ComplianceQuery, { first: 50, filter: { status: ["NEW"] } });
    expect(fresh.body.data?.complianceFindings.edges.map((edge) => edge.node.controlId)).toEqual(["S3.8", "IAM.3", "S3.13", "CloudTrail.2"]);

    const both = await call(ComplianceQuery, { first: 50, filter: { severity: ["HIGH"], status: ["SUPPRESSED"] } });
    expect(both.body.data?.complianceFindings.edges.map((edge) => [edge.node.controlId, edge.node.severity, edge.node.status])).toEqual([["EC2.8", "HIGH", "SUPPRESSED"]]);

    const unknown = await call(ComplianceQuery, { first: 50, filter: { severity: ["UNKNOWN"] } });
    expect(errorCode(unknown)).toBe("BAD_USER_INPUT");
  });

  it("pages through the active detection findings as OCSF 2004, filtered by severity and status", async () => {
    const { nodes, pages } = await pageThrough(
      (after) => call(DetectionQuery, { first: 2, after }),
      (data) => data.detectionFindings,
    );
    expect(pages).toBe(3);
    expect(nodes).toHaveLength(5);
    expect(new Set(nodes.map((finding) => finding.id)).size).toBe(5);
    expect(nodes.every((finding) => finding.classUid === 2004 && finding.controlId === null)).toBe(true);
    expect(nodes[0]?.title).toBe("Mass file encryption on build-runner-2");
    expect(nodes.some((finding) => finding.title.startsWith("CVE-"))).toBe(false);

    const high = await call(DetectionQuery, { first: 50, filter: { severity: ["HIGH"] } });
    expect(high.body.data?.detectionFindings.edges.map((edge) => edge.node.severity)).toEqual(["HIGH", "HIGH"]);
    const notified = await call(DetectionQuery, { first: 50, filter: { status: ["IN_PROGRESS"] } });
    expect(notified.body.data?.detectionFindings.edges.map((edge) => edge.node)).toEqual([
      expect.objectContaining({ status: "IN_PROGRESS", severity: "HIGH", title: expect.stringContaining("querying a domain name") }),
    ]);
  });

  it("updates a finding's workflow status through BatchUpdateFindings", async () => {
    const listed = await call(ComplianceQuery, { first: 50, filter: { status: ["NEW"], severity: ["LOW"] } });
    const target = listed.body.data?.complianceFindings.edges[0]?.node;
    expect(target?.controlId).toBe("S3.13");
    const updated = await call(UpdateStatusMutation, { input: { id: target?.id ?? "", status: "RESOLVED", note: "Lifecycle rule added" } });
    expect(updated.body.errors).toBeUndefined();
    expect(updated.body.data?.updateFindingStatus.finding).toMatchObject({ id: target?.id, controlId: "S3.13", status: "RESOLVED", classUid: 2003 });

    const batch = requestsOf("BatchUpdateFindings").at(-1)?.body as { FindingIdentifiers: { Id: string; ProductArn: string }[]; Workflow: unknown; Note: unknown };
    expect(batch.FindingIdentifiers).toHaveLength(1);
    expect(batch.FindingIdentifiers[0]?.Id).toContain("S3.13");
    expect(batch.Workflow).toEqual({ Status: "RESOLVED" });
    expect(batch.Note).toEqual({ Text: "Lifecycle rule added", UpdatedBy: "switchyard" });
    const stored = sim.state.findings.find((finding) => finding.Id === batch.FindingIdentifiers[0]?.Id);
    expect(stored?.Workflow?.Status).toBe("RESOLVED");

    const resolved = await call(ComplianceQuery, { first: 50, filter: { status: ["RESOLVED"] } });
    expect(resolved.body.data?.complianceFindings.edges.map((edge) => edge.node.controlId).sort()).toEqual(["S3.13", "S3.5"]);

    const inProgress = await call(UpdateStatusMutation, { input: { id: target?.id ?? "", status: "IN_PROGRESS" } });
    expect(inProgress.body.data?.updateFindingStatus.finding.status).toBe("IN_PROGRESS");
    expect(stored?.Workflow?.Status).toBe("NOTIFIED");
  });

  it("refuses a finding id it did not issue without calling Security Hub", async () => {
    const before = requestsOf("BatchUpdateFindings").length;
    const refused = await call(UpdateStatusMutation, { input: { id: "not-a-finding-id", status: "RESOLVED" } });
    expect(errorCode(refused)).toBe("BAD_USER_INPUT");
    expect(requestsOf("BatchUpdateFindings")).toHaveLength(before);
  });

  it("maps a wrong secret access key to PROVIDER_UNAUTHORIZED without echoing it", async () => {
    const wrongSecret = "wRoNg/SeCrEt+KeY/canary0123456789abcdefgh";
    const bad = await awsIntegration("aws-wrong-secret", wrongSecret);
    const refused = await call(ComplianceQuery, { first: 1 }, bad.tokens.accessToken);
    expect(errorCode(refused)).toBe("PROVIDER_UNAUTHORIZED");
    expectNoLeak(refused, [wrongSecret, "signature does not match the one computed"]);
    expect(requestsOf("GetFindings").at(-1)?.accessKeyId).toBeNull();
  });

  it("maps an HTML page in front of Security Hub to an error code, never passing the HTML on", async () => {
    for (const [status, times, code] of [
      [502, 3, "PROVIDER_UNAVAILABLE"],
      [200, 1, "PROVIDER_ERROR"],
    ] as const) {
      sim.inject({ kind: "http", status }, { operation: "GetFindings", times });
      const response = await call(DetectionQuery, { first: 1 });
      expect(errorCode(response), `HTML with HTTP ${status}`).toBe(code);
      expectNoLeak(response, ["<html", "<h1>", sim.credentials.longTerm.secretAccessKey]);
      expect(response.body.errors?.[0]?.message).not.toMatch(/[<>]/);
    }
  });

  it("maps LimitExceededException to PROVIDER_RATE_LIMITED once the SDK's retries are spent, and recovers after one", async () => {
    sim.inject({ kind: "error", errorType: "LimitExceededException" }, { operation: "GetFindings", times: 1 });
    const recovered = await call(DetectionQuery, { first: 1 });
    expect(recovered.body.errors).toBeUndefined();
    expect(recovered.body.data?.detectionFindings.edges).toHaveLength(1);

    const before = requestsOf("GetFindings").length;
    sim.inject({ kind: "error", errorType: "LimitExceededException" }, { operation: "GetFindings", times: 3 });
    const limited = await call(DetectionQuery, { first: 1 });
    expect(errorCode(limited)).toBe("PROVIDER_RATE_LIMITED");
    // Three attempts: the first and SWITCHYARD_PROVIDER_MAX_RETRIES (default 2) retries.
    expect(requestsOf("GetFindings").length - before).toBe(3);
    expectNoLeak(limited, ["Simulated LimitExceededException", sim.credentials.longTerm.secretAccessKey]);
  });
});
