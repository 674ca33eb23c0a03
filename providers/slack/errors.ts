/** Slack `{ok:false,error}` codes into ProviderErrors whose messages are ours, never Slack's body. */
import { ProviderError, type ProviderErrorCode } from "../types.ts";
import { SlackEnvelope } from "./payloads.ts";

/** What the adapter was doing, for messages: `action` "post the message", `subject` "channel C0123456789". */
export interface SlackCallContext {
  action: string;
  subject: string;
}

type Rule = { code: ProviderErrorCode; message: (context: SlackCallContext) => string };

const unauthorized: Rule = { code: "PROVIDER_UNAUTHORIZED", message: () => "Slack rejected the integration's token" };
const notFound: Rule = { code: "NOT_FOUND", message: ({ subject }) => `Slack has no ${subject}, or the bot cannot see it` };
const rejected: Rule = { code: "BAD_USER_INPUT", message: ({ action }) => `Slack rejected the request to ${action}` };
const limited: Rule = { code: "PROVIDER_RATE_LIMITED", message: () => "Slack is rate limiting the integration; try again later" };
/** Slack's own failures, reported as HTTP 200 `ok:false`; after them part of a write may have happened. */
const outage: Rule = { code: "PROVIDER_UNAVAILABLE", message: ({ action }) => `Slack failed on its side when asked to ${action}` };

const rules: Record<string, Rule> = {
  invalid_auth: unauthorized,
  not_authed: unauthorized,
  account_inactive: unauthorized,
  token_revoked: unauthorized,
  token_expired: unauthorized,
  missing_scope: { code: "PROVIDER_UNAUTHORIZED", message: ({ action }) => `The Slack token lacks a scope needed to ${action}` },
  channel_not_found: notFound,
  message_not_found: notFound,
  thread_not_found: notFound,
  not_in_channel: { code: "BAD_USER_INPUT", message: () => "The Slack bot is not a member of that channel; invite it first" },
  is_archived: { code: "BAD_USER_INPUT", message: () => "That Slack channel is archived" },
  no_text: { code: "BAD_USER_INPUT", message: () => "Slack needs message text" },
  msg_too_long: { code: "BAD_USER_INPUT", message: () => "The message is too long for Slack" },
  cant_update_message: { code: "BAD_USER_INPUT", message: () => "Slack lets the bot update only messages it posted" },
  cant_delete_message: { code: "BAD_USER_INPUT", message: () => "Slack lets the bot delete only messages it posted" },
  edit_window_closed: { code: "BAD_USER_INPUT", message: () => "The message can no longer be edited in this Slack workspace" },
  invalid_thread_ts: rejected,
  invalid_arguments: rejected,
  ratelimited: limited,
  rate_limited: limited,
  // Not `request_timeout`: Slack sends it when the POST data arrived missing or truncated, a fault on our side.
  fatal_error: outage,
  internal_error: outage,
  service_unavailable: outage,
};

const ruleFor = (error: string | undefined): Rule | undefined => (error && Object.hasOwn(rules, error) ? rules[error] : undefined);

/** The shared client's `reportsProviderFault`: an answer reporting an outage on Slack's side, which the client retries (reads only) and the breaker counts. */
export function reportsSlackOutage(body: unknown): boolean {
  const envelope = SlackEnvelope.safeParse(body);
  return envelope.success && !envelope.data.ok && ruleFor(envelope.data.error) === outage;
}

/** `needed` is a scope name (`channels:history`), useful to an operator and safe to repeat once checked. */
export function toSlackError(error: string | undefined, context: SlackCallContext, needed?: string): ProviderError {
  const rule = ruleFor(error) ?? {
    code: "PROVIDER_ERROR",
    message: ({ action }: SlackCallContext) => `Slack failed to ${action}`,
  };
  const scope = error === "missing_scope" && needed && /^[a-z.:_,]{1,100}$/.test(needed) ? ` (${needed})` : "";
  return new ProviderError(rule.code, `${rule.message(context)}${scope}`, {
    httpStatus: 200,
    ...(error && /^[a-z_]{1,64}$/.test(error) ? { providerCode: error } : {}),
  });
}
