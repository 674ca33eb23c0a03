/** The simulated Security Hub account: findings seeded from fixtures, known credentials, issued NextTokens, the request log. */
import { loadAwsFindings } from "../../fixtures/aws/index.ts";
import type { KnownCredential } from "./sigv4.ts";

/** An ASFF finding as stored; only the members the simulator reads are typed. */
export interface SimFinding {
  Id: string;
  ProductArn: string;
  ProductName?: string;
  GeneratorId: string;
  AwsAccountId: string;
  Region?: string;
  Title: string;
  Types?: string[];
  CreatedAt: string;
  UpdatedAt: string;
  FirstObservedAt?: string;
  LastObservedAt?: string;
  Severity?: { Label?: string };
  Workflow?: { Status?: string };
  RecordState?: string;
  Compliance?: { Status?: string; SecurityControlId?: string };
  Resources: { Type: string; Id: string }[];
  Note?: { Text: string; UpdatedBy: string; UpdatedAt: string };
  [member: string]: unknown;
}

export interface AwsSimCredential extends KnownCredential {
  accessKeyId: string;
}

export function createAwsSimState(region: string, credentials: AwsSimCredential[], now: () => Date) {
  return {
    region,
    now,
    findings: loadAwsFindings() as SimFinding[],
    credentials: new Map(credentials.map((credential) => [credential.accessKeyId, credential])),
    /** NextToken → where the next page starts, and the query it belongs to. */
    pages: new Map<string, { offset: number; query: string }>(),
    /** With `deferUpdates`, accepted BatchUpdateFindings wait here until `settle()`, as Security Hub applies them later. */
    pending: [] as (() => void)[],
    requests: [] as { operation: string; accessKeyId: string | null; body: unknown }[],
  };
}

export type AwsSimState = ReturnType<typeof createAwsSimState>;
