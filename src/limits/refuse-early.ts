/**
 * What is decided before yoga reads a request. A free early refusal: when the caller's bucket is
 * already empty, or its organization's request lane full, answer 429 without building a Request,
 * verifying the token or touching the database; and, for a token this process already knows, the
 * organization's request lane itself (`serveInLane`). For the refusal the token's claims are read
 * unverified and only pick the bucket and lane; nothing is spent here (see
 * `Fairness.alreadyExhausted`), so a forged token cannot drain another tenant's bucket.
 *
 * The refused connection is then not read for a while (its Retry-After, at most `maxPauseMs`):
 * a client that ignores Retry-After and keeps sending on it costs nothing meanwhile, so a flood
 * cannot take the event loop from other tenants. Only that connection waits; a forged token
 * can pause nobody's connection but its sender's.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { decodeJwt } from "jose";
import { bearerToken } from "../auth/bearer.ts";
import type { AccessClaims, TokenSigner } from "../auth/jwt.ts";
import type { Fairness } from "./fairness.ts";


/** The claims of the request's bearer token when this process has verified that token before; read once per request. */
export function recognizedClaims(signer: TokenSigner, request: IncomingMessage): AccessClaims | undefined {
  const token = bearerToken(request.headers.authorization);
  return token ? signer.recognize(token) : undefined;
}

function unverifiedClaims(authorization: string | undefined): { org?: unknown; int?: unknown } | null {
  const token = bearerToken(authorization);
  if (!token) return null;
  try {
    return decodeJwt(token);
  } catch {
    return null;
  }
}

/** True when the response has been sent (429); false to carry on. `known`: see `recognizedClaims`; any other token is decoded, unverified. */
export function refusedEarly(fairness: Fairness, known: AccessClaims | undefined, request: IncomingMessage, response: ServerResponse): boolean {
  const decision = fairness.alreadyExhausted(known ?? unverifiedClaims(request.headers.authorization), request.socket.remoteAddress ?? null);
  if (decision.allowed) return false;
  refuse(request, response, decision.retryAfterSeconds, decision.what);
  return true;
}

/** A request lane slot taken before the request was read; a subscription gives it back as it starts streaming. */
export interface HeldLane {
  release(): void;
}

/**
 * Serves a request within its organization's request lane, taken here, before the request is
 * read, when its token is a management token this process already knows (signed or verified it
 * before; see `TokenSigner.recognize`). A burst beyond the lane and its line then waits unread, or
 * is refused at no cost, instead of being parsed and verified first: a flood's surplus no longer
 * takes the event loop from other tenants. Any other request takes the lane at execution
 * (use-rate-limit.ts); `serve(lane)` tells it the lane is held already.
 */
export async function serveInLane(fairness: Fairness, claims: AccessClaims | undefined, request: IncomingMessage, response: ServerResponse, serve: (lane: HeldLane | null) => Promise<void>): Promise<void> {
  if (claims?.layer !== "management") return serve(null);
  let served: Promise<void> | null = null;
  try {
    // The slot is held until the response is done, or until `release` (a subscription's stream may last for hours).
    await fairness.managementRequest(claims.org, () => new Promise<void>((release) => {
      served = serve({ release: () => release() });
      served.then(() => release(), () => release());
    }));
  } catch {
    if (served === null) return refuse(request, response, 1, "concurrent requests");
  }
  await served;
}

function refuse(request: IncomingMessage, response: ServerResponse, seconds: number, what: string) {
  const error = { message: `Too many ${what}; retry after ${seconds} s`, extensions: { code: "RATE_LIMITED", retryAfterSeconds: seconds } };
  response.writeHead(429, { "content-type": "application/json; charset=utf-8", "retry-after": String(seconds), "cache-control": "no-store" });
  response.end(JSON.stringify({ errors: [error] }));
  pauseReading(request.socket, Math.min(seconds * 1000, maxPauseMs));
}

export const maxPauseMs = 1_000;

function pauseReading(socket: Socket, ms: number) {
  // Node's HTTP server resumes a socket when it finishes a response; a pause must outlast that.
  const hold = () => socket.pause();
  const forget = () => clearTimeout(timer);
  socket.on("resume", hold);
  socket.once("close", forget);
  socket.pause();
  // Paused connections resume spread over the second half of the wait, not all at once in a burst.
  const timer = setTimeout(() => {
    socket.off("resume", hold);
    socket.off("close", forget);
    socket.resume();
  }, ms * (0.5 + Math.random() / 2));
  timer.unref();
}
