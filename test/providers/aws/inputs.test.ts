/** Pure pieces of the AWS adapter: finding ids, GetFindings filters (the compliance/detection rule) and SDK error mapping. */
import { describe, expect, it } from "vitest";
import { toAwsError } from "../../../providers/aws/errors.ts";
import { toFindingFilters, toGetFindingsInput } from "../../../providers/aws/filters.ts";
import { parseFindingId, toFindingId } from "../../../providers/aws/finding-id.ts";

const identifier = { Id: "arn:aws:guardduty:us-east-1:111122223333:detector/5cb2/finding/a6c9", ProductArn: "arn:aws:securityhub:us-east-1::product/aws/guardduty" };

describe("finding ids", () => {
  it("carry Id and ProductArn together and round-trip", () => {
    const id = toFindingId(identifier);
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(parseFindingId(id)).toEqual(identifier);
  });

  it.each([
    ["not base64url", "abc+/="],
    ["not JSON", Buffer.from("hello").toString("base64url")],
    ["a non-Security-Hub product", Buffer.from(JSON.stringify(["arn:aws:s3:::bucket", "x"])).toString("base64url")],
    ["extra members", Buffer.from(JSON.stringify([identifier.ProductArn, identifier.Id, "x"])).toString("base64url")],
    ["an empty Id", Buffer.from(JSON.stringify([identifier.ProductArn, ""])).toString("base64url")],
    ["a non-canonical encoding", `${toFindingId(identifier)}A`],
  ])("refuses %s as BAD_USER_INPUT", (_case, id) => {
    expect(() => parseFindingId(id)).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT" }));
  });
});

describe("toFindingFilters", () => {
  it("asks for compliance findings by every ComplianceStatus (joined by OR), active records only", () => {
    expect(toFindingFilters("COMPLIANCE", {})).toEqual({
      RecordState: [{ Value: "ACTIVE", Comparison: "EQUALS" }],
      ComplianceStatus: ["PASSED", "WARNING", "FAILED", "NOT_AVAILABLE"].map((Value) => ({ Value, Comparison: "EQUALS" })),
    });
  });

  it("asks for detection findings by ASFF threat type prefixes", () => {
    expect(toFindingFilters("DETECTION", {}).Type).toEqual(["TTPs/", "Effects/", "Unusual Behaviors/"].map((Value) => ({ Value, Comparison: "PREFIX" })));
  });

  it("maps severity, status (IN_PROGRESS is NOTIFIED), resource type and an open-ended update window", () => {
    const filters = toFindingFilters("COMPLIANCE", { severity: ["HIGH", "CRITICAL"], status: ["IN_PROGRESS", "NEW"], resourceType: ["AwsS3Bucket"], updatedAfter: "2025-06-01T00:00:00+02:00" });
    expect(filters).toMatchObject({
      SeverityLabel: [{ Value: "HIGH", Comparison: "EQUALS" }, { Value: "CRITICAL", Comparison: "EQUALS" }],
      WorkflowStatus: [{ Value: "NOTIFIED", Comparison: "EQUALS" }, { Value: "NEW", Comparison: "EQUALS" }],
      ResourceType: [{ Value: "AwsS3Bucket", Comparison: "EQUALS" }],
      UpdatedAt: [{ Start: "2025-05-31T22:00:00.000Z", End: "9999-12-31T23:59:59.999Z" }],
    });
  });

  it.each([
    ["an UNKNOWN severity", { severity: ["UNKNOWN" as const] }],
    ["a date that is not one", { updatedBefore: "last tuesday" }],
    ["an inverted window", { updatedAfter: "2025-06-02T00:00:00Z", updatedBefore: "2025-06-01T00:00:00Z" }],
    ["an empty window", { updatedAfter: "2025-06-02T00:00:00Z", updatedBefore: "2025-06-02T00:00:00Z" }],
  ])("refuses %s as BAD_USER_INPUT", (_case, filter) => {
    expect(() => toFindingFilters("DETECTION", filter)).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT" }));
  });

  it("clamps the page size to 1–100 and passes the cursor as NextToken", () => {
    expect(toGetFindingsInput("DETECTION", {}, { limit: 500, cursor: "tok" })).toMatchObject({ MaxResults: 100, NextToken: "tok", SortCriteria: [{ Field: "UpdatedAt", SortOrder: "desc" }] });
    expect(toGetFindingsInput("DETECTION", {}, { limit: 0, cursor: null })).not.toHaveProperty("NextToken");
    expect(toGetFindingsInput("DETECTION", {}, { limit: 0, cursor: null }).MaxResults).toBe(1);
  });
});

describe("toAwsError", () => {
  const sdkError = (name: string, status: number, fault: "client" | "server" = "client") =>
    Object.assign(new Error(`raw SDK message echoing arn:aws:iam::111122223333:user/secret`), { name, $fault: fault, $metadata: { httpStatusCode: status } });

  it.each([
    ["InvalidAccessException", 401, "PROVIDER_UNAUTHORIZED"],
    ["UnrecognizedClientException", 403, "PROVIDER_UNAUTHORIZED"],
    ["InvalidSignatureException", 403, "PROVIDER_UNAUTHORIZED"],
    ["AccessDeniedException", 403, "PROVIDER_UNAUTHORIZED"],
    ["ExpiredTokenException", 403, "PROVIDER_UNAUTHORIZED"],
    ["LimitExceededException", 429, "PROVIDER_RATE_LIMITED"],
    ["ThrottlingException", 400, "PROVIDER_RATE_LIMITED"],
    ["TooManyRequestsException", 429, "PROVIDER_RATE_LIMITED"],
    ["InvalidInputException", 400, "BAD_USER_INPUT"],
    ["ResourceNotFoundException", 404, "NOT_FOUND"],
    ["InternalException", 500, "PROVIDER_UNAVAILABLE"],
    ["SomethingNew", 503, "PROVIDER_UNAVAILABLE"],
    ["SomethingNew", 400, "PROVIDER_ERROR"],
  ])("maps %s (HTTP %i) to %s with our own message", (name, status, code) => {
    const mapped = toAwsError(sdkError(name, status, status >= 500 ? "server" : "client"), "list findings");
    expect(mapped).toMatchObject({ code, details: { httpStatus: status, providerCode: name } });
    expect(mapped.message).not.toMatch(/raw SDK|arn:aws/);
  });

  it("maps timeouts, aborts and connection failures to PROVIDER_UNAVAILABLE", () => {
    expect(toAwsError(Object.assign(new Error("x"), { name: "TimeoutError" }), "list findings").code).toBe("PROVIDER_UNAVAILABLE");
    expect(toAwsError(Object.assign(new Error("x"), { name: "AbortError" }), "list findings").code).toBe("PROVIDER_UNAVAILABLE");
    expect(toAwsError(Object.assign(new Error("x"), { code: "ECONNREFUSED" }), "list findings").code).toBe("PROVIDER_UNAVAILABLE");
    expect(toAwsError("thrown string", "list findings").code).toBe("PROVIDER_ERROR");
  });
});
