/** Slack's wire conventions: arguments from query, JSON or form bodies; the token from the header or a form field; answers. */
import type { IncomingMessage, ServerResponse } from "node:http";

export interface SlackAnswer {
  /** 200 for every Web API answer, `ok` or not; 429 only when rate limited. */
  status: number;
  body: Record<string, unknown> | null;
  headers?: Record<string, string>;
}

export interface ParsedCall {
  method: string;
  httpMethod: string;
  contentType: string | null;
  args: Record<string, unknown>;
  token: string | null;
  tokenFrom: "header" | "form" | null;
  /** Set when a JSON body came without `charset`, which Slack accepts with a warning. */
  warning: string | null;
  /** A body Slack could not read: `invalid_json`, `json_not_object`, `invalid_form_data`. */
  bodyError: string | null;
}

export const ok = (fields: Record<string, unknown> = {}): SlackAnswer => ({ status: 200, body: { ok: true, ...fields } });
export const fail = (error: string, fields: Record<string, unknown> = {}): SlackAnswer => ({ status: 200, body: { ok: false, error, ...fields } });

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function parseCall(request: IncomingMessage, method: string, query: URLSearchParams): Promise<ParsedCall> {
  const contentType = request.headers["content-type"] ?? null;
  const text = await readBody(request);
  const args: Record<string, unknown> = Object.fromEntries(query);
  const call: ParsedCall = { method, httpMethod: request.method ?? "GET", contentType, args, token: null, tokenFrom: null, warning: null, bodyError: null };
  if (text !== "" && /^application\/json/i.test(contentType ?? "")) {
    if (!/charset=/i.test(contentType ?? "")) call.warning = "missing_charset";
    try {
      const json: unknown = JSON.parse(text);
      if (json === null || typeof json !== "object" || Array.isArray(json)) call.bodyError = "json_not_object";
      else Object.assign(args, json);
    } catch {
      call.bodyError = "invalid_json";
    }
  } else if (text !== "") {
    // Form posts may carry the token in the body; JSON posts must use the Authorization header.
    Object.assign(args, Object.fromEntries(new URLSearchParams(text)));
    if (typeof args.token === "string") {
      call.token = args.token;
      call.tokenFrom = "form";
    }
  }
  delete args.token;
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "");
  if (bearer?.[1]) {
    call.token = bearer[1];
    call.tokenFrom = "header";
  }
  return call;
}

export function send(response: ServerResponse, answer: SlackAnswer, warning: string | null, scopes: string[] | null): void {
  const headers: Record<string, string> = {
    "content-type": "application/json; charset=utf-8",
    "x-slack-req-id": Math.random().toString(16).slice(2, 18),
    ...(scopes ? { "x-oauth-scopes": scopes.join(",") } : {}),
    ...answer.headers,
  };
  let body = answer.body;
  if (body && warning) {
    const metadata = (body.response_metadata as Record<string, unknown> | undefined) ?? {};
    body = { ...body, warning, response_metadata: { ...metadata, warnings: [warning] } };
  }
  response.writeHead(answer.status, headers);
  response.end(body === null ? "" : JSON.stringify(body));
}

/** Slack reads `true`/`1` (form and query strings) and JSON booleans alike. */
export function flag(value: unknown): boolean {
  return value === true || value === "true" || value === "1" || value === 1;
}

export function str(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return undefined;
}
