/** Binds the shared HTTP client to Jira: reads Jira's 4xx answers itself and parses every success at the edge. */
import type { z } from "zod";
import type { HttpMethod, ProviderHttpClient, ProviderRequest } from "../http/types.ts";
import type { OperationId } from "../operations.ts";
import { ProviderError } from "../types.ts";
import { jiraFacts } from "./descriptor.ts";
import { jiraClientErrorStatuses, toJiraError } from "./errors.ts";

export interface JiraCall {
  /** Reported in status events; `verify()` is not a connector operation, so it has its own id. */
  operation: OperationId | "ticketing_verify";
  method: HttpMethod;
  /** Relative to `/rest/api/3`, e.g. `/issue/PROJ-1`. */
  path: string;
  query?: ProviderRequest["query"];
  json?: unknown;
  idempotent?: boolean;
  /** What the call does, for messages: "read the issue". */
  action: string;
  /** What a 404 means was missing: "issue PROJ-1". */
  subject: string;
}

export interface JiraClient {
  /** Sends the call and parses its answer with `schema`. */
  read<T>(call: JiraCall, schema: z.ZodType<T>): Promise<T>;
  /** Sends a call whose success has no body worth reading (Jira's 204s). */
  send(call: JiraCall): Promise<void>;
}

export function createJiraClient(http: ProviderHttpClient): JiraClient {
  const request = async ({ action, subject, path, ...call }: JiraCall) => {
    const response = await http.request({
      ...call,
      path: `${jiraFacts.apiPrefix}${path}`,
      acceptStatus: jiraClientErrorStatuses,
    });
    if (response.status >= 300) throw toJiraError(response.status, response.body, action, subject);
    return response;
  };
  return {
    async read(call, schema) {
      const response = await request(call);
      const parsed = schema.safeParse(response.body);
      if (!parsed.success) {
        throw new ProviderError("PROVIDER_ERROR", `Jira sent an unexpected answer when asked to ${call.action}`, {
          httpStatus: response.status,
        });
      }
      return parsed.data;
    },
    async send(call) {
      await request(call);
    },
  };
}

/**
 * A caller's id or key as a path segment. Jira ids are digits and keys look like `PROJ-12`, so
 * anything else (a slash, `..`, a query) is refused before it could change the route.
 */
export function segment(value: string, what: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$/.test(value)) {
    throw new ProviderError("BAD_USER_INPUT", `That is not a valid Jira ${what}`);
  }
  return value;
}
