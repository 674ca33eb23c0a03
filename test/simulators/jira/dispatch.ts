/** Handles one simulator request: record it, apply any armed fault, check auth, then route it. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { createFaultQueue } from "./faults.ts";
import { faultResponse } from "./faults.ts";
import { jiraError, readBody, send, type SimResponse } from "./http.ts";
import { routes } from "./routes.ts";
import type { JiraSimState, RecordedRequest } from "./state.ts";

export interface Site {
  state: JiraSimState;
  faults: ReturnType<typeof createFaultQueue>;
  baseUrl(): string;
}

export async function dispatch(site: Site, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const { state, faults } = site;
  const { credentials } = state;
  const url = new URL(request.url ?? "/", site.baseUrl());
  const method = request.method ?? "GET";
  const gateway = /^\/ex\/jira\/([^/]+)(\/.*)$/.exec(url.pathname);
  const path = gateway ? gateway[2]! : url.pathname;
  const text = await readBody(request);
  state.requests.push(record(method, path, url.searchParams, text, request.headers.authorization));
  const fault = faults.take(method, path);
  if (fault) {
    const answer = faultResponse(fault, state.now());
    if (answer) send(response, answer);
    return;
  }
  if (gateway && gateway[1] !== credentials.cloudId) return send(response, jiraError(404, ["Site not found."]));
  if (!authorised(state, request.headers.authorization, Boolean(gateway))) {
    return send(response, jiraError(401, ["Client must be authenticated to access this resource."]));
  }
  const selfBase = gateway ? `${site.baseUrl()}/ex/jira/${credentials.cloudId}` : site.baseUrl();
  send(response, route(state, { method, path, query: url.searchParams, text, contentType: request.headers["content-type"], selfBase }));
}

interface Incoming {
  method: string;
  path: string;
  query: URLSearchParams;
  text: string;
  contentType: string | undefined;
  selfBase: string;
}

function route(state: JiraSimState, { method, path, query, text, contentType, selfBase }: Incoming): SimResponse {
  const matching = routes.filter(([, pattern]) => pattern.test(path));
  const found = matching.find(([routeMethod]) => routeMethod === method);
  if (!found) return matching.length > 0 ? { status: 405 } : jiraError(404, ["No resource at this path."]);
  if (text !== "" && !(contentType ?? "").includes("json")) return jiraError(415, ["Unsupported media type: send application/json."]);
  const body = parseJson(text);
  if (body === invalid) return jiraError(400, ["Unexpected character in the request body: it is not valid JSON."]);
  const params = (found[1].exec(path) ?? []).slice(1).map((param) => decodeURIComponent(param));
  return found[2]({ state, method, params, query, body, selfBase });
}

const invalid = Symbol("invalid JSON");

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return invalid;
  }
}

/** Basic works on the site; Bearer works only through the gateway, as on Atlassian Cloud. */
function authorised(state: JiraSimState, header: string | undefined, viaGateway: boolean): boolean {
  const { email, apiToken, bearerToken } = state.credentials;
  const [scheme = "", value = ""] = (header ?? "").split(" ", 2);
  if (scheme.toLowerCase() === "bearer") return viaGateway && value === bearerToken;
  if (scheme.toLowerCase() !== "basic" || viaGateway) return false;
  return Buffer.from(value, "base64").toString("utf8") === `${email}:${apiToken}`;
}

function record(method: string, path: string, query: URLSearchParams, text: string, authorization: string | undefined): RecordedRequest {
  const grouped: Record<string, string[]> = {};
  for (const [name, value] of query) (grouped[name] ??= []).push(value);
  const parsed = parseJson(text);
  const scheme = (authorization ?? "").split(" ", 1)[0]!.toLowerCase();
  const auth = scheme === "basic" ? "basic" : scheme === "bearer" ? "bearer" : scheme === "" ? "none" : "other";
  return { method, path, query: grouped, body: parsed === invalid ? text : parsed, auth };
}
