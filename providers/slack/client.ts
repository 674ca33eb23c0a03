/** Binds the shared HTTP client to Slack's RPC style: one method per call, `ok` decides, answers parsed at the edge. */
import type { z } from "zod";
import type { ProviderHttpClient } from "../http/types.ts";
import type { OperationId } from "../operations.ts";
import { ProviderError } from "../types.ts";
import { reportsSlackOutage, type SlackCallContext, toSlackError } from "./errors.ts";
import { SlackEnvelope } from "./payloads.ts";

export type SlackArgs = Record<string, string | number | boolean | undefined>;

export interface SlackCall extends SlackCallContext {
  /** Reported in status events; `verify()` is not a connector operation, so it has its own id. */
  operation: OperationId | "notifications_verify";
  /** A Web API method, e.g. `chat.postMessage`. */
  method: string;
  args: SlackArgs;
  /**
   * Writes go as JSON POSTs, never retried by the transport (a repeated chat.postMessage posts twice);
   * reads go as GETs with query arguments, which it may retry.
   */
  kind: "write" | "read";
}

export interface SlackClient {
  call<T>(call: SlackCall, schema: z.ZodType<T>): Promise<T>;
}

export function createSlackClient(http: ProviderHttpClient): SlackClient {
  return {
    async call({ operation, method, args, kind, ...context }, schema) {
      const sent = kind === "write" ? { method: "POST" as const, json: args } : { method: "GET" as const, query: args };
      const response = await http.request({ operation, path: `/${method}`, ...sent, reportsProviderFault: reportsSlackOutage });
      const envelope = SlackEnvelope.safeParse(response.body);
      if (!envelope.success) throw unexpected(context, response.status);
      if (!envelope.data.ok) throw toSlackError(envelope.data.error, context, envelope.data.needed);
      const parsed = schema.safeParse(response.body);
      if (!parsed.success) throw unexpected(context, response.status);
      return parsed.data;
    },
  };
}

function unexpected({ action }: SlackCallContext, httpStatus: number): ProviderError {
  return new ProviderError("PROVIDER_ERROR", `Slack sent an unexpected answer when asked to ${action}`, { httpStatus });
}
