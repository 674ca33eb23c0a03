/** Starts the Okta Management API simulator on 127.0.0.1 (port 0) and hands back its controls. */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createFaultQueue, faultAnswer, type FaultOptions, type OktaFault } from "./faults.ts";
import { createRateLimiter, defaultRateLimits, type RateLimits } from "./rate-limit.ts";
import { routes } from "./routes.ts";
import { createOktaSimState, type OktaSimState, type RecordedRequest, type SimCredentials, type SimToken } from "./state.ts";
import { oktaError, readBody, send, type LinkStyle, type SimAnswer } from "./wire.ts";

export interface OktaSimulatorOptions extends Partial<SimCredentials> {
  /** The org clock, for lifecycle stamps, System Log defaults and rate-limit windows. */
  now?: () => Date;
  rateLimits?: Partial<RateLimits>;
  /** `joined` sends `self` and `next` as one comma-joined `Link` line, as some proxies rewrite them. */
  linkStyle?: LinkStyle;
}

export interface OktaSimulator {
  /** The org's base URL, standing in for `https://{yourOktaDomain}`. */
  url: string;
  credentials: SimCredentials;
  /** The live org: seeded from test/fixtures/okta, changed by lifecycle calls, every request recorded. */
  state: OktaSimState;
  inject(fault: OktaFault, options?: FaultOptions): void;
  clearFaults(): void;
  close(): Promise<void>;
}

export async function startOktaSimulator(options: OktaSimulatorOptions = {}): Promise<OktaSimulator> {
  const { now = () => new Date(), rateLimits, linkStyle = "separate", ...given } = options;
  const credentials: SimCredentials = { apiToken: "00QCjAl4MlV-WPXM-simulated-api-token", readOnlyToken: "00ReadOnly-admin-simulated-token", accessToken: "eyJraWQiOiJzaW0iLCJhbGciOiJSUzI1NiJ9.simulated", ...given };
  const org = {
    state: createOktaSimState(credentials, now),
    faults: createFaultQueue(),
    limiter: createRateLimiter(now, { ...defaultRateLimits, ...rateLimits }),
    linkStyle,
    url: "",
  };
  const server = createServer((request, response) => {
    dispatch(org, request, response).catch(() => send(response, oktaError(500, "E0000009", "Internal Server Error"), {}, linkStyle));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  org.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: org.url,
    credentials,
    state: org.state,
    inject: (fault, faultOptions) => org.faults.arm(fault, faultOptions),
    clearFaults: () => org.faults.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type Org = { state: OktaSimState; faults: ReturnType<typeof createFaultQueue>; limiter: ReturnType<typeof createRateLimiter>; linkStyle: LinkStyle; url: string };

/** Record, authenticate, apply an armed fault or the rate limit, route, and send with rate-limit headers. */
async function dispatch(org: Org, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const { state, limiter } = org;
  const url = new URL(request.url ?? "/", org.url);
  const method = request.method ?? "GET";
  await readBody(request);
  state.requests.push(record(method, url, request.headers.authorization));
  const reply = (answer: SimAnswer, headers: Record<string, string>) => send(response, answer, headers, org.linkStyle);
  const token = authenticate(state, request.headers.authorization);
  if (!token) return reply(oktaError(401, "E0000011", "Invalid token provided"), limiter.peek(url.pathname));
  const fault = org.faults.take(method, url.pathname);
  const replaced = fault && faultAnswer(fault);
  if (fault && replaced) return reply(replaced, limiter.peek(url.pathname, fault.kind === "rate-limit" ? (fault.resetInSeconds ?? 1) : undefined));
  const counted = limiter.take(url.pathname);
  if (counted.exceeded) return reply(oktaError(429, "E0000047", "API call exceeded rate limit due to too many requests."), counted.headers);
  let answer = route({ state, method, url, token, baseUrl: org.url });
  if (fault?.kind === "next-link" && answer.links) answer = { ...answer, links: [answer.links[0]!, `<${fault.to}>; rel="next"`] };
  reply(answer, counted.headers);
}

function route(request: { state: OktaSimState; method: string; url: URL; token: SimToken; baseUrl: string }): SimAnswer {
  const path = request.url.pathname;
  const matching = routes.filter(([, pattern]) => pattern.test(path));
  const found = matching.find(([routeMethod]) => routeMethod === request.method);
  if (!found) {
    return matching.length > 0 ? oktaError(405, "E0000022", "The endpoint does not support the provided HTTP method") : oktaError(404, "E0000007", `Not found: Resource not found: ${path} (Resource)`);
  }
  const params = (found[1].exec(path) ?? []).slice(1).map((param) => decodeURIComponent(param));
  return found[2]({ ...request, params, query: request.url.searchParams });
}

/** `SSWS <api token>` or `Bearer <access token>`; the scheme is matched case-insensitively. */
function authenticate(state: OktaSimState, header: string | undefined): SimToken | undefined {
  const [scheme = "", value = ""] = (header ?? "").split(" ", 2);
  return state.tokens.find((token) => token.scheme.toLowerCase() === scheme.toLowerCase() && token.value === value);
}

function record(method: string, url: URL, authorization: string | undefined): RecordedRequest {
  const query: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) (query[name] ??= []).push(value);
  const scheme = (authorization ?? "").split(" ", 1)[0]!.toLowerCase();
  const auth = scheme === "ssws" ? "ssws" : scheme === "bearer" ? "bearer" : scheme === "" ? "none" : "other";
  return { method, path: url.pathname, query, auth };
}
