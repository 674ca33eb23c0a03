/** Fault injection for the Slack simulator: the next matching calls are rate limited, fail with a code, or break at HTTP level. */
import type { SlackAnswer } from "./wire.ts";

export type SlackFault =
  /** HTTP 429, `Retry-After: <seconds>`, body `{ok:false,error:"ratelimited"}`. */
  | { kind: "ratelimited"; retryAfterSeconds?: number }
  /**
   * HTTP 200 `{ok:false,error}` with any code, e.g. `fatal_error`. With `applied`, the method does its work first and
   * only the answer is the error, as when Slack fails after part of a write happened.
   */
  | { kind: "error"; error: string; applied?: boolean }
  /** A non-Slack answer from something in front of it: a status with an HTML body. */
  | { kind: "http"; status: number };

export interface SlackFaultOptions {
  /** Only calls to this Web API method, e.g. `chat.postMessage`. */
  method?: string;
  /** How many calls get the fault (default 1). */
  times?: number;
}

export function createFaultQueue() {
  let armed: { fault: SlackFault; method?: string; remaining: number }[] = [];
  return {
    arm(fault: SlackFault, options: SlackFaultOptions = {}) {
      armed.push({ fault, method: options.method, remaining: options.times ?? 1 });
    },
    clear() {
      armed = [];
    },
    take(method: string): SlackFault | null {
      const entry = armed.find((candidate) => candidate.remaining > 0 && (!candidate.method || candidate.method === method));
      if (!entry) return null;
      entry.remaining -= 1;
      armed = armed.filter((candidate) => candidate.remaining > 0);
      return entry.fault;
    },
  };
}

export function faultAnswer(fault: SlackFault): SlackAnswer {
  switch (fault.kind) {
    case "ratelimited":
      return { status: 429, body: { ok: false, error: "ratelimited" }, headers: { "retry-after": String(fault.retryAfterSeconds ?? 1) } };
    case "error":
      return { status: 200, body: { ok: false, error: fault.error } };
    case "http":
      return { status: fault.status, body: null };
  }
}
