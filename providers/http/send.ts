/** One HTTP exchange through the shared agent: send, read under the size cap, parse. Expected failures come back as values. */
import { request, type Agent } from "undici";
import { withDeadline } from "./deadline.ts";
import { classifyFailure } from "./map-error.ts";
import type { AttemptOutcome } from "./decide-retry.ts";
import type { WireRequest } from "./prepare.ts";
import { parseBody, readCapped } from "./read-body.ts";
import type { ResponseHeaders } from "./rate-limit.ts";
import type { ProviderResponse } from "./types.ts";

export type Exchange = { response: ProviderResponse } | Extract<AttemptOutcome, { failure: unknown }>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** undici lower-cases names and gathers repeated headers (Okta's two `Link` lines) into arrays already. */
function copyHeaders(raw: Record<string, string | string[] | undefined>): ResponseHeaders {
  const headers: ResponseHeaders = {};
  for (const [name, value] of Object.entries(raw)) if (value !== undefined) headers[name] = value;
  return headers;
}

export function sendOnce(wire: WireRequest, agent: Agent, limits: { timeoutMs: number; maxResponseBytes: number }): Promise<Exchange> {
  // One deadline bounds the whole exchange, headers and body alike.
  return withDeadline(limits.timeoutMs, async (signal) => {
    let answer: Awaited<ReturnType<typeof request>>;
    try {
      answer = await request(wire.url, { method: wire.method, headers: wire.headers, body: wire.body, dispatcher: agent, signal });
    } catch (error) {
      return { failure: classifyFailure(error) };
    }
    const status = answer.statusCode;
    const headers = copyHeaders(answer.headers);
    const read = await readCapped(answer.body, first(headers["content-length"]), limits.maxResponseBytes);
    if ("failure" in read) return { failure: read.failure, httpStatus: status };
    const parsed = parseBody(read.bytes, first(headers["content-type"]), status);
    if ("malformed" in parsed) return { failure: "malformed", httpStatus: status };
    return { response: { status, headers, body: parsed.body, bytes: read.bytes.length } };
  });
}
