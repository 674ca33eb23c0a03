/** The Security Hub SDK client behind a small interface: a deadline per call, errors mapped, answers parsed at the edge. */
import { BatchUpdateFindingsCommand, type BatchUpdateFindingsCommandInput, GetFindingsCommand, type GetFindingsCommandInput, SecurityHubClient } from "@aws-sdk/client-securityhub";
import type { z } from "zod";
import { breakerFor, callThrough, type CallOutcome } from "../http/breaker.ts";
import { withDeadline } from "../http/deadline.ts";
import type { TransportSettings } from "../definition.ts";
import { ProviderError, type ProviderCredential } from "../types.ts";
import { type AwsConfig, toSecurityHubConfig } from "./config.ts";
import { toAwsError } from "./errors.ts";
import { capResponses } from "./response-cap.ts";
import { BatchUpdateFindingsAnswer, GetFindingsAnswer } from "./payloads.ts";

export interface SecurityHub {
  getFindings(input: GetFindingsCommandInput, action: string): Promise<z.infer<typeof GetFindingsAnswer>>;
  batchUpdateFindings(input: BatchUpdateFindingsCommandInput, action: string): Promise<z.infer<typeof BatchUpdateFindingsAnswer>>;
}

type Send = (options: { abortSignal: AbortSignal }) => Promise<unknown>;

const paused = () => new ProviderError("PROVIDER_UNAVAILABLE", "Security Hub failed repeatedly for this integration; calls are paused for a short while");

/** The SDK's retries happen inside `send`, so this is the outcome of the whole call, as the breaker wants it. */
async function settle(send: Send, transport: TransportSettings, action: string): Promise<CallOutcome<unknown>> {
  try {
    return { value: await withDeadline(transport.totalTimeoutMs, (abortSignal) => send({ abortSignal })) };
  } catch (thrown) {
    const error = toAwsError(thrown, action);
    return { error, providerDown: error.code === "PROVIDER_UNAVAILABLE" };
  }
}

export function createSecurityHub(config: AwsConfig, credential: ProviderCredential | null, transport: TransportSettings, breakerKey: string | null): SecurityHub {
  const client = new SecurityHubClient(toSecurityHubConfig(config, credential, transport));
  capResponses(client, transport.maxResponseBytes);
  // The SDK sends its own requests, outside the shared HTTP client, so its calls get the same treatment
  // here: one deadline over every attempt, and the integration's breaker around the SDK's retry loop,
  // counting each call once like the shared client does.
  const call = async <T>(send: Send, schema: z.ZodType<T>, action: string): Promise<T> => {
    const answer = await callThrough(breakerFor(breakerKey), () => settle(send, transport, action), paused);
    const parsed = schema.safeParse(answer);
    if (!parsed.success) throw new ProviderError("PROVIDER_ERROR", `Security Hub sent an answer we could not read when asked to ${action}`);
    return parsed.data;
  };
  return {
    getFindings: (input, action) => call((options) => client.send(new GetFindingsCommand(input), options), GetFindingsAnswer, action),
    batchUpdateFindings: (input, action) => call((options) => client.send(new BatchUpdateFindingsCommand(input), options), BatchUpdateFindingsAnswer, action),
  };
}
