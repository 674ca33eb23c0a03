/** Starts the Slack Web API simulator on 127.0.0.1 (port 0): `{base}/api/<method>`, Slack's `ok` convention, faults. */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { deleteMessage, type MethodContext, postMessage, updateMessage } from "./chat.ts";
import { history, readable, replies } from "./conversations.ts";
import { createFaultQueue, faultAnswer, type SlackFault, type SlackFaultOptions } from "./faults.ts";
import { createSlackSimState, type SimToken, type SlackSimState } from "./state.ts";
import { fail, ok, parseCall, send, type SlackAnswer } from "./wire.ts";

export type { SlackFault } from "./faults.ts";

export interface SlackSimulator {
  /** Origin, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The Web API base, `{url}/api`, as our config's `apiBaseUrl`; the official SDK wants it with a trailing slash. */
  apiUrl: string;
  /** `bot` has every scope the adapter needs; `writeOnly` lacks `*:history`; `revoked` answers `token_revoked`. */
  tokens: { bot: string; writeOnly: string; revoked: string };
  state: SlackSimState;
  inject(fault: SlackFault, options?: SlackFaultOptions): void;
  close(): Promise<void>;
}

type Handler = (context: MethodContext, token: SimToken) => SlackAnswer;

const scoped = (scope: string, handler: (context: MethodContext) => SlackAnswer): Handler => (context, token) =>
  token.scopes.includes(scope) ? handler(context) : fail("missing_scope", { needed: scope, provided: token.scopes.join(",") });

const readChannel = (handler: typeof history): Handler => (context, token) => {
  const channel = readable(context.state, token.scopes, context.args);
  return "id" in channel ? handler(context, channel) : channel;
};

const methods: Record<string, Handler> = {
  "auth.test": ({ state }) =>
    ok({ url: `https://${state.team.domain}.slack.com/`, team: state.team.name, user: state.bot.name, team_id: state.team.id, user_id: state.bot.user_id, bot_id: state.bot.bot_id, is_enterprise_install: false }),
  "chat.postMessage": scoped("chat:write", postMessage),
  "chat.update": scoped("chat:write", updateMessage),
  "chat.delete": scoped("chat:write", deleteMessage),
  "conversations.history": readChannel(history),
  "conversations.replies": readChannel(replies),
};

export async function startSlackSimulator(options: { now?: () => Date } = {}): Promise<SlackSimulator> {
  const state = createSlackSimState(options.now ?? (() => new Date()));
  const faults = createFaultQueue();
  const server = createServer((request, response) => {
    handle(state, faults, request, response).catch(() => send(response, fail("fatal_error"), null, null));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const [bot, writeOnly, revoked] = state.tokens.map((entry) => entry.token) as [string, string, string];
  return {
    url,
    apiUrl: `${url}/api`,
    tokens: { bot, writeOnly, revoked },
    state,
    inject: (fault, faultOptions) => faults.arm(fault, faultOptions),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(state: SlackSimState, faults: ReturnType<typeof createFaultQueue>, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? "/", "http://slack.invalid");
  const method = /^\/api\/([A-Za-z]+(?:\.[A-Za-z]+)+)$/.exec(url.pathname)?.[1];
  if (!method) {
    response.writeHead(404, { "content-type": "text/html" }).end("<html><body>Not found</body></html>");
    return;
  }
  const call = await parseCall(request, method, url.searchParams);
  state.requests.push({ method, httpMethod: call.httpMethod, contentType: call.contentType, tokenFrom: call.tokenFrom, args: call.args });
  const fault = faults.take(method);
  if (fault && !(fault.kind === "error" && fault.applied)) return send(response, faultAnswer(fault), null, null);
  const token = state.tokens.find((entry) => entry.token === call.token);
  const answer = ((): SlackAnswer => {
    if (!call.token) return fail("not_authed");
    if (!token) return fail("invalid_auth");
    if (token.revoked) return fail("token_revoked");
    if (call.bodyError) return fail(call.bodyError);
    const handler = methods[method];
    return handler ? handler({ state, args: call.args }, token) : fail("unknown_method", { req_method: method });
  })();
  send(response, fault ? faultAnswer(fault) : answer, call.warning, token?.scopes ?? null);
}
