/** Zod schemas for the Slack Web API answers the adapter reads; unknown members pass through untouched. */
import { z } from "zod";
import { slackFacts } from "./descriptor.ts";

const SlackTs = z.string().regex(slackFacts.ts);

/** Every Web API answer: HTTP 200 whether it worked or not, so `ok` decides. */
export const SlackEnvelope = z.looseObject({
  ok: z.boolean(),
  error: z.string().optional(),
  /** On `missing_scope`: the scope the method needs, e.g. `channels:history`. */
  needed: z.string().optional(),
  warning: z.string().optional(),
});

/** `objs_message`: `type`, `ts` and `text` are required; the author is a `user` or a `bot_id`. */
export const SlackMessage = z.looseObject({
  type: z.string(),
  ts: SlackTs,
  text: z.string(),
  user: z.string().optional(),
  bot_id: z.string().nullable().optional(),
  subtype: z.string().optional(),
  team: z.string().optional(),
  thread_ts: SlackTs.optional(),
  edited: z.looseObject({ user: z.string().optional(), ts: SlackTs }).optional(),
});
export type SlackMessage = z.infer<typeof SlackMessage>;

export const SlackPostMessageResult = z.looseObject({ ok: z.literal(true), channel: z.string(), ts: SlackTs, message: SlackMessage });

/** chat.update's `message` is partial (the documented example has only `text` and `user`); `ts` and `text` sit beside it. */
export const SlackUpdateResult = z.looseObject({
  ok: z.literal(true),
  channel: z.string(),
  ts: SlackTs,
  text: z.string(),
  message: SlackMessage.partial().loose().optional(),
});

export const SlackDeleteResult = z.looseObject({ ok: z.literal(true), channel: z.string(), ts: SlackTs });

/** conversations.history and conversations.replies; an empty or absent `next_cursor` ends the pages. */
export const SlackHistoryResult = z.looseObject({
  ok: z.literal(true),
  messages: z.array(SlackMessage),
  has_more: z.boolean().optional(),
  response_metadata: z.looseObject({ next_cursor: z.string().optional() }).optional(),
});

export const SlackAuthTestResult = z.looseObject({
  ok: z.literal(true),
  url: z.string(),
  team: z.string(),
  user: z.string(),
  team_id: z.string(),
  user_id: z.string(),
  bot_id: z.string().optional(),
});
