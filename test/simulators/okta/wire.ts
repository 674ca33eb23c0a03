/** The simulator's wire helpers: answers, Okta's error body, and sending with rate-limit and Link headers. */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

export interface SimAnswer {
  status: number;
  /** JSON body; left out for 204s. */
  body?: unknown;
  /** Each entry becomes its own `Link` header line (or one comma-joined line, see `LinkStyle`). */
  links?: string[];
  headers?: Record<string, string>;
  /** A literal body (truncated JSON) sent instead of `body`. */
  raw?: string;
}

/** Okta sends `self` and `next` as two header lines; some proxies join them into one. */
export type LinkStyle = "separate" | "joined";

/** Okta's error body; the summary wording follows Okta's where it is documented. */
export function oktaError(status: number, errorCode: string, errorSummary: string, causes: string[] = []): SimAnswer {
  return {
    status,
    body: { errorCode, errorSummary, errorLink: errorCode, errorId: `oae${randomBytes(11).toString("base64url")}`, errorCauses: causes.map((cause) => ({ errorSummary: cause })) },
  };
}

export const notFound = (what: string, kind: string) => oktaError(404, "E0000007", `Not found: Resource not found: ${what} (${kind})`);
export const invalidSearch = () => oktaError(400, "E0000031", "Invalid search criteria.");
export const notAllowedInStatus = () => oktaError(403, "E0000038", "This operation is not allowed in the user's current status.");

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export function send(response: ServerResponse, answer: SimAnswer, rateHeaders: Record<string, string>, linkStyle: LinkStyle): void {
  const headers: Record<string, string | string[]> = { "x-okta-request-id": randomBytes(12).toString("base64url"), ...rateHeaders, ...answer.headers };
  if (answer.links && answer.links.length > 0) headers.link = linkStyle === "joined" ? answer.links.join(", ") : answer.links;
  if (answer.raw !== undefined) {
    response.writeHead(answer.status, { ...headers, "content-type": "application/json" });
    response.end(answer.raw);
  } else if (answer.body === undefined) {
    response.writeHead(answer.status, headers);
    response.end();
  } else {
    response.writeHead(answer.status, { ...headers, "content-type": "application/json" });
    response.end(JSON.stringify(answer.body));
  }
}

/** What a route handler sees: the org, the parsed request, and the token that authorised it. */
export interface SimRequest {
  state: import("./state.ts").OktaSimState;
  method: string;
  /** Captured path parameters, in order, URL-decoded. */
  params: string[];
  query: URLSearchParams;
  /** The absolute request URL as received, for `self` links. */
  url: URL;
  /** The simulator's origin, for `_links` and `next` links. */
  baseUrl: string;
  token: import("./state.ts").SimToken;
}

export type Handler = (request: SimRequest) => SimAnswer;
