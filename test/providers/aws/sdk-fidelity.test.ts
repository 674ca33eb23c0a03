/**
 * The official @aws-sdk/client-securityhub, pointed at the simulator with static credentials, must
 * sign requests the simulator accepts and get answers it parses: this keeps the simulator honest.
 */
import {
  BatchUpdateFindingsCommand,
  GetFindingsCommand,
  InvalidInputException,
  LimitExceededException,
  paginateGetFindings,
  SecurityHubClient,
  SecurityHubServiceException,
} from "@aws-sdk/client-securityhub";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AsffFinding, BatchUpdateFindingsAnswer, GetFindingsAnswer } from "../../../providers/aws/payloads.ts";
import { type AwsSimulator, startAwsSimulator } from "../../simulators/aws/index.ts";

let sim: AwsSimulator;
let client: SecurityHubClient;

beforeAll(async () => {
  sim = await startAwsSimulator();
  client = new SecurityHubClient({ region: sim.region, endpoint: sim.url, credentials: sim.credentials.longTerm, maxAttempts: 1 });
});
afterAll(() => sim.close());

const active = { RecordState: [{ Value: "ACTIVE", Comparison: "EQUALS" as const }] };
const caught = (promise: Promise<unknown>) => promise.then(() => expect.fail("expected the SDK to throw"), (error: unknown) => error as SecurityHubServiceException);

describe("SecurityHubClient against the simulator", () => {
  it("pages GetFindings with the SDK paginator, every finding carrying ASFF's required members", async () => {
    const pages: number[] = [];
    const ids = new Set<string>();
    for await (const page of paginateGetFindings({ client, pageSize: 4 }, { Filters: active })) {
      expect(GetFindingsAnswer.safeParse(page).success).toBe(true);
      pages.push(page.Findings?.length ?? 0);
      for (const finding of page.Findings ?? []) {
        expect(finding).toMatchObject({ SchemaVersion: "2018-10-08", AwsAccountId: "111122223333", RecordState: "ACTIVE", Severity: { Label: expect.any(String) }, Workflow: { Status: expect.any(String) } });
        expect(AsffFinding.safeParse(finding).success).toBe(true);
        ids.add(finding.Id!);
      }
    }
    // 13 active findings in the fixtures (two are archived).
    expect(pages).toEqual([4, 4, 4, 1]);
    expect(ids.size).toBe(13);
  });

  it("evaluates the filters the adapter sends", async () => {
    const answer = await client.send(
      new GetFindingsCommand({ Filters: { ...active, Type: [{ Value: "TTPs/", Comparison: "PREFIX" }, { Value: "Effects/", Comparison: "PREFIX" }], SeverityLabel: [{ Value: "HIGH", Comparison: "EQUALS" }] } }),
    );
    expect(answer.Findings?.map((finding) => finding.ProductName)).toEqual(["GuardDuty", "GuardDuty"]);
    expect(answer.NextToken).toBeUndefined();
  });

  it("updates findings with BatchUpdateFindings, reporting unknown ones as unprocessed", async () => {
    const [first] = (await client.send(new GetFindingsCommand({ Filters: active, MaxResults: 1 }))).Findings ?? [];
    const answer = await client.send(
      new BatchUpdateFindingsCommand({
        FindingIdentifiers: [{ Id: first!.Id!, ProductArn: first!.ProductArn! }, { Id: "missing", ProductArn: first!.ProductArn! }],
        Workflow: { Status: "NOTIFIED" },
        Note: { Text: "Triaged by the SDK fidelity test", UpdatedBy: "sdk" },
      }),
    );
    expect(BatchUpdateFindingsAnswer.safeParse(answer).success).toBe(true);
    expect(answer.ProcessedFindings).toEqual([{ Id: first!.Id, ProductArn: first!.ProductArn }]);
    expect(answer.UnprocessedFindings).toEqual([{ FindingIdentifier: { Id: "missing", ProductArn: first!.ProductArn }, ErrorCode: "FindingNotFound", ErrorMessage: expect.any(String) }]);
    const [reread] = (await client.send(new GetFindingsCommand({ Filters: { Id: [{ Value: first!.Id!, Comparison: "EQUALS" }] } }))).Findings ?? [];
    expect(reread).toMatchObject({ Workflow: { Status: "NOTIFIED" }, Note: { Text: "Triaged by the SDK fidelity test", UpdatedBy: "sdk" }, UpdatedAt: first!.UpdatedAt });
  });

  it("gets an InvalidSignatureException (403) for a wrong secret, read from X-Amzn-Errortype", async () => {
    const wrong = new SecurityHubClient({ region: sim.region, endpoint: sim.url, credentials: { ...sim.credentials.longTerm, secretAccessKey: "wrong" }, maxAttempts: 1 });
    const error = await caught(wrong.send(new GetFindingsCommand({})));
    expect(error).toBeInstanceOf(SecurityHubServiceException);
    expect(error).toMatchObject({ name: "InvalidSignatureException", $fault: "client", $metadata: { httpStatusCode: 403 } });
  });

  it("deserialises modeled errors into their SDK classes", async () => {
    sim.inject({ kind: "error", errorType: "LimitExceededException" });
    expect(await caught(client.send(new GetFindingsCommand({})))).toBeInstanceOf(LimitExceededException);
    const invalid = await caught(client.send(new GetFindingsCommand({ MaxResults: 101 })));
    expect(invalid).toBeInstanceOf(InvalidInputException);
    expect(invalid).toMatchObject({ $metadata: { httpStatusCode: 400 }, Code: "InvalidInputException" });
  });
});
