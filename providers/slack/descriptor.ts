/** Slack Web API facts as data: transport hints for the shared HTTP client, plus id formats and endpoints. */
import type { TransportDescriptor } from "../http/types.ts";

/** Slack answers 429 with `Retry-After: <seconds>` and no reset header. */
export const slackTransport = {
  providerId: "notifications_slack",
  retryAfterHeader: "retry-after",
} as const satisfies TransportDescriptor;

export const slackFacts = {
  apiBaseUrl: "https://slack.com/api",
  /** GovSlack serves the same Web API from its own host. */
  govApiBaseUrl: "https://slack-gov.com/api",
  /** Conversation ids (`C…` public, `G…` private, `D…` direct), as Slack's OpenAPI `defs_channel` describes them. */
  channelId: /^[CDG][A-Z0-9]{8,20}$/,
  /** A message `ts`: a string id, never a number; `defs_ts` in Slack's OpenAPI. */
  ts: /^\d{10}\.\d{6}$/,
} as const;
