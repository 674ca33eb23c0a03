/** Turns a Jira error answer (an ErrorCollection) into a ProviderError whose message is ours, not Jira's. */
import { ProviderError, type ProviderErrorCode } from "../types.ts";
import { inputFieldOf } from "./issue-input.ts";
import { JiraErrorCollection } from "./payloads.ts";

/** The 4xx statuses the adapter reads itself; 429 and 5xx stay with the shared client's retry policy. */
export const jiraClientErrorStatuses = [400, 401, 403, 404, 405, 409, 410, 413, 422];

const codes: Record<number, ProviderErrorCode> = {
  400: "BAD_USER_INPUT",
  401: "PROVIDER_UNAUTHORIZED",
  403: "PROVIDER_UNAUTHORIZED",
  404: "NOT_FOUND",
  409: "BAD_USER_INPUT",
  413: "BAD_USER_INPUT",
  422: "BAD_USER_INPUT",
};

/**
 * `subject` names what was asked for, e.g. "issue PROJ-1", and is written by the adapter. Invalid
 * fields are named in the message as the unified input names them (`tags`, not `labels`), the
 * first such one as the error's field; `providerCode` keeps Jira's names.
 */
export function toJiraError(status: number, body: unknown, action: string, subject: string): ProviderError {
  const code = codes[status] ?? "PROVIDER_ERROR";
  const fields = invalidFieldNames(body);
  const inputFields = fields.map((name) => inputFieldOf(name) ?? name);
  const field = code === "BAD_USER_INPUT" ? fields.map(inputFieldOf).find((name) => name !== undefined)?.split(".")[0] : undefined;
  return new ProviderError(code, messageFor(status, action, subject, inputFields), {
    httpStatus: status,
    ...(fields.length > 0 ? { providerCode: `invalid:${fields.join(",")}` } : {}),
    ...(field !== undefined ? { field } : {}),
  });
}

function messageFor(status: number, action: string, subject: string, fields: string[]): string {
  switch (status) {
    case 401:
      return "Jira rejected the integration's credentials";
    case 403:
      return `The integration's Jira user may not ${action}`;
    case 404:
      return `Jira has no ${subject}, or the integration's user cannot see it`;
    case 409:
      return `Jira could not ${action} because of a conflicting update; try again`;
    case 410:
      return `Jira no longer offers the API used to ${action}`;
    case 413:
      return `Jira could not ${action}: a per-issue limit has been reached`;
    default:
      if (status >= 500 || !(status in codes)) return `Jira failed to ${action} (HTTP ${status})`;
      return fields.length > 0
        ? `Jira rejected the request to ${action}: check the fields ${fields.join(", ")}`
        : `Jira rejected the request to ${action}`;
  }
}

/**
 * Field ids from `errors` are safe to repeat (they are names we sent, like `summary` or
 * `customfield_10016`); Jira's messages are not, since they may echo values back.
 */
function invalidFieldNames(body: unknown): string[] {
  const parsed = JiraErrorCollection.safeParse(body);
  if (!parsed.success) return [];
  return Object.keys(parsed.data.errors ?? {})
    .filter((name) => /^[A-Za-z][\w.-]{0,63}$/.test(name))
    .slice(0, 10);
}
