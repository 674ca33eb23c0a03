/** chat.postMessage, chat.update and chat.delete as Slack answers them, including their `ok:false` cases. */
import type { SimMessage, SlackSimState } from "./state.ts";
import { fail, ok, type SlackAnswer, str } from "./wire.ts";

export interface MethodContext {
  state: SlackSimState;
  args: Record<string, unknown>;
}

const maxText = 40_000;

function botAuthored(state: SlackSimState, text: string, ts: string): SimMessage {
  const { bot, team } = state;
  return {
    bot_id: bot.bot_id,
    type: "message",
    text,
    user: bot.user_id,
    ts,
    app_id: bot.app_id,
    team: team.id,
    bot_profile: { id: bot.bot_id, app_id: bot.app_id, name: bot.name, deleted: false, team_id: team.id },
  };
}

function textProblem(args: Record<string, unknown>): string | null {
  const text = str(args.text) ?? "";
  if (text.trim() === "" && args.blocks === undefined && args.attachments === undefined) return "no_text";
  return text.length > maxText ? "msg_too_long" : null;
}

export function postMessage({ state, args }: MethodContext): SlackAnswer {
  const channel = state.channelByIdOrName(str(args.channel) ?? "");
  if (!channel) return fail("channel_not_found");
  if (channel.is_archived) return fail("is_archived");
  if (!channel.is_member) return fail("not_in_channel");
  const problem = textProblem(args);
  if (problem) return fail(problem);
  const threadTs = str(args.thread_ts);
  const anchor = threadTs === undefined ? undefined : state.find(channel.id, threadTs);
  if (threadTs !== undefined && !anchor) return fail("invalid_thread_ts");
  // Replying to a reply lands in the same thread, under its parent.
  const parent = anchor ? (state.find(channel.id, anchor.thread_ts ?? anchor.ts) ?? anchor) : undefined;
  const message = botAuthored(state, str(args.text) ?? "", state.nextTs());
  if (parent) {
    Object.assign(message, { thread_ts: parent.ts, parent_user_id: parent.user });
    const users = new Set([...(parent.reply_users ?? []), state.bot.user_id]);
    Object.assign(parent, { thread_ts: parent.ts, reply_count: (parent.reply_count ?? 0) + 1, reply_users: [...users], reply_users_count: users.size, latest_reply: message.ts });
  }
  state.messages.get(channel.id)!.push(message);
  return ok({ channel: channel.id, ts: message.ts, message });
}

export function updateMessage({ state, args }: MethodContext): SlackAnswer {
  const channelId = str(args.channel) ?? "";
  if (!state.channel(channelId)) return fail("channel_not_found");
  const message = state.find(channelId, str(args.ts) ?? "");
  if (!message) return fail("message_not_found");
  if (message.bot_id !== state.bot.bot_id) return fail("cant_update_message");
  const problem = textProblem(args);
  if (problem) return fail(problem);
  message.text = str(args.text) ?? "";
  message.edited = { user: state.bot.user_id, ts: state.nextTs() };
  // As documented, the answer's `message` is partial: no `ts` (it sits beside it) and no `edited`.
  const { ts: _ts, edited: _edited, ...partial } = message;
  return ok({ channel: channelId, ts: message.ts, text: message.text, message: partial });
}

export function deleteMessage({ state, args }: MethodContext): SlackAnswer {
  const channelId = str(args.channel) ?? "";
  const list = state.messages.get(channelId);
  if (!list) return fail("channel_not_found");
  const message = state.find(channelId, str(args.ts) ?? "");
  if (!message) return fail("message_not_found");
  if (message.bot_id !== state.bot.bot_id) return fail("cant_delete_message");
  if (message.thread_ts === message.ts && (message.reply_count ?? 0) > 0) {
    // A parent with replies leaves a tombstone so the thread stays readable.
    const { ts, thread_ts, reply_count, reply_users, reply_users_count, latest_reply } = message;
    const tombstone = { type: "message", subtype: "tombstone", text: "This message was deleted.", user: "USLACKBOT", hidden: true, ts, thread_ts, reply_count, reply_users, reply_users_count, latest_reply };
    list.splice(list.indexOf(message), 1, tombstone as SimMessage);
  } else {
    list.splice(list.indexOf(message), 1);
    const parent = message.thread_ts && message.thread_ts !== message.ts ? state.find(channelId, message.thread_ts) : undefined;
    if (parent) parent.reply_count = Math.max(0, (parent.reply_count ?? 1) - 1);
  }
  return ok({ channel: channelId, ts: message.ts });
}
