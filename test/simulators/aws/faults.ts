/** Fault injection for the Security Hub simulator: modeled errors, unprocessed updates, a hang, or a non-AWS HTTP answer. */
import type { AwsAnswer } from "./wire.ts";
import { serviceError } from "./wire.ts";

export type AwsOperation = "GetFindings" | "BatchUpdateFindings";

export type AwsFault =
  /** A modeled error, e.g. LimitExceededException (429) or InternalException (500). */
  | { kind: "error"; errorType: string }
  /** BatchUpdateFindings answers 200 with every finding unprocessed under this code. */
  | { kind: "unprocessed"; errorCode: string }
  /** Accepts the request and never answers. */
  | { kind: "hang" }
  /** Something in front of the service answers, e.g. a 502 page. */
  | { kind: "http"; status: number };

export interface AwsFaultOptions {
  operation?: AwsOperation;
  times?: number;
}

export function createFaultQueue() {
  let armed: { fault: AwsFault; operation?: AwsOperation; remaining: number }[] = [];
  return {
    arm(fault: AwsFault, options: AwsFaultOptions = {}) {
      armed.push({ fault, operation: options.operation, remaining: options.times ?? 1 });
    },
    take(operation: AwsOperation): AwsFault | null {
      const entry = armed.find((candidate) => candidate.remaining > 0 && (!candidate.operation || candidate.operation === operation) && (candidate.fault.kind !== "unprocessed" || operation === "BatchUpdateFindings"));
      if (!entry) return null;
      entry.remaining -= 1;
      armed = armed.filter((candidate) => candidate.remaining > 0);
      return entry.fault;
    },
  };
}

/** The answer a fault produces; null for a hang; `unprocessed` is applied by the operation itself. */
export function faultAnswer(fault: Exclude<AwsFault, { kind: "unprocessed" }>): AwsAnswer | null {
  switch (fault.kind) {
    case "error":
      return serviceError(fault.errorType, `Simulated ${fault.errorType}`);
    case "http":
      return { status: fault.status, body: null, raw: `<html><body><h1>${fault.status}</h1></body></html>` };
    case "hang":
      return null;
  }
}
