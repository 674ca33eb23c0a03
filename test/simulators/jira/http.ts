/** Small HTTP helpers for the simulator: bodies, JSON answers and Jira's ErrorCollection. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { JiraSimState } from "./state.ts";

export interface SimResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A literal body (HTML pages, broken JSON) sent instead of `body`. */
  raw?: { contentType: string; text: string };
}

/** Jira's ErrorCollection; the simulator's wording follows Jira's where it is documented. */
export function jiraError(status: number, errorMessages: string[], errors: Record<string, string> = {}): SimResponse {
  return { status, body: { errorMessages, errors } };
}

export const issueNotFound = () => jiraError(404, ["Issue does not exist or you do not have permission to see it."]);

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export function send(response: ServerResponse, answer: SimResponse): void {
  const headers: Record<string, string> = { "x-arequestid": `sim-${Date.now().toString(36)}`, ...answer.headers };
  if (answer.raw) {
    response.writeHead(answer.status, { ...headers, "content-type": answer.raw.contentType });
    response.end(answer.raw.text);
    return;
  }
  if (answer.body === undefined) {
    response.writeHead(answer.status, headers);
    response.end();
    return;
  }
  response.writeHead(answer.status, { ...headers, "content-type": "application/json;charset=UTF-8" });
  response.end(JSON.stringify(answer.body));
}

/** Repeated and comma-separated query values, flattened (`fields=a,b&fields=c`). */
export function listParam(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((value) => value.split(","))
    .map((value) => value.trim())
    .filter((value) => value !== "");
}

export function intParam(query: URLSearchParams, name: string, fallback: number): number | null {
  const value = query.get(name);
  if (value === null || value === "") return fallback;
  return /^\d+$/.test(value) ? Number(value) : null;
}

/** What a route handler sees: the site's state and the parsed request. */
export interface SimContext {
  state: JiraSimState;
  method: string;
  /** Captured path parameters, in order. */
  params: string[];
  query: URLSearchParams;
  body: unknown;
  /** Base of `self` links: the simulator URL, plus `/ex/jira/{cloudId}` on the gateway. */
  selfBase: string;
}

export type Handler = (context: SimContext) => SimResponse;
