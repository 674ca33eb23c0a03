/** The Security Hub SDK client behind a small interface: a deadline per call, errors mapped, answers parsed at the edge. */
import { BatchUpdateFindingsCommand, type BatchUpdateFindingsCommandInput, GetFindingsCommand, type GetFindingsCommandInput, SecurityHubClient } from "@aws-sdk/client-securityhub";
import { BrokenCircuitError } from "cockatiel";
import type { z } from "zod";
import { breakers } from "../http/breaker.ts";
import { withDeadline } from "../http/deadline.ts";
import type { TransportSettings } from "../definition.ts";
import { ProviderError, type ProviderCredential } from "../types.ts";
import { type AwsConfig, toSecurityHubConfig } from "./config.ts";
import { toAwsError } from "./errors.ts";
import { BatchUpdateFindingsAnswer, GetFindingsAnswer } from "./payloads.ts";

export interface SecurityHub {
  getFindings(input: GetFindingsCommandInput, action: string): Promise<z.infer<typeof GetFindingsAnswer>>;
  batchUpdateFindings(input: BatchUpdateFindingsCommandInput, action: string): Promise<z.infer<typeof BatchUpdateFindingsAnswer>>;
}

type Send = (options: { abortSignal: AbortSignal }) => Promise<unknown>;

type Outcome = { answer: unknown } | { error: ProviderError };

const providerDown = (outcome: unknown) => "error" in (outcome as Outcome) && (outcome as { error: ProviderError }).error.code === "PROVIDER_UNAVAILABLE";

export function createSecurityHub(config: AwsConfig, credential: ProviderCredential | null, transport: TransportSettings, breakerKey: string): SecurityHub {
  const client = new SecurityHubClient(toSecurityHubConfig(config, credential, transport));
  // One deadline over every attempt, like the shared HTTP client's total timeout; and the same
  // per-integration circuit breaker, since the SDK sends its own requests.
  const call = async <T>(send: Send, schema: z.ZodType<T>, action: string): Promise<T> => {
    let outcome: Outcome;
    try {
      outcome = await breakers.get(breakerKey, providerDown).execute(async (): Promise<Outcome> => {
        try {
          return { answer: await withDeadline(transport.totalTimeoutMs, (abortSignal) => send({ abortSignal })) };
        } catch (error) {
          return { error: toAwsError(error, action) };
        }
      });
    } catch (error) {
      if (error instanceof BrokenCircuitError) throw new ProviderError("PROVIDER_UNAVAILABLE", "Security Hub failed repeatedly for this integration; calls are paused for a short while");
      throw error;
    }
    if ("error" in outcome) throw outcome.error;
    const answer = outcome.answer;
    const parsed = schema.safeParse(answer);
    if (!parsed.success) throw new ProviderError("PROVIDER_ERROR", `Security Hub sent an answer we could not read when asked to ${action}`);
    return parsed.data;
  };
  return {
    getFindings: (input, action) => call((options) => client.send(new GetFindingsCommand(input), options), GetFindingsAnswer, action),
    batchUpdateFindings: (input, action) => call((options) => client.send(new BatchUpdateFindingsCommand(input), options), BatchUpdateFindingsAnswer, action),
  };
}
