/** Fault injection: the next matching requests get a 429, a 5xx, truncated JSON, or a `next` Link pointing elsewhere. */
import { oktaError, type SimAnswer } from "./wire.ts";

export type OktaFault =
  /** 429 E0000047 with `X-Rate-Limit-Remaining: 0` and `X-Rate-Limit-Reset` this many whole seconds from now (default 1; 0 or less: already reset). */
  | { kind: "rate-limit"; resetInSeconds?: number }
  | { kind: "unavailable"; status?: 500 | 502 | 503 | 504 }
  /** A 200 JSON answer cut off mid-document. */
  | { kind: "truncated-json" }
  /** The real answer, with its `next` Link replaced by this URL. */
  | { kind: "next-link"; to: string };

export interface FaultOptions {
  /** How many matching requests get the fault (default 1). */
  times?: number;
  method?: string;
  path?: string | RegExp;
}

interface Armed extends FaultOptions {
  fault: OktaFault;
  remaining: number;
}

export function createFaultQueue() {
  let armed: Armed[] = [];
  const matches = (entry: Armed, method: string, path: string) =>
    (!entry.method || entry.method.toUpperCase() === method) && (!entry.path || (typeof entry.path === "string" ? entry.path === path : entry.path.test(path)));
  return {
    arm(fault: OktaFault, options: FaultOptions = {}) {
      armed.push({ ...options, fault, remaining: options.times ?? 1 });
    },
    clear() {
      armed = [];
    },
    /** The fault for this request, if one is armed for it, consuming one use. */
    take(method: string, path: string): OktaFault | null {
      const entry = armed.find((candidate) => candidate.remaining > 0 && matches(candidate, method, path));
      if (!entry) return null;
      entry.remaining -= 1;
      armed = armed.filter((candidate) => candidate.remaining > 0);
      return entry.fault;
    },
  };
}

/** The answer a fault replaces the real one with, or null when it only alters the real answer. */
export function faultAnswer(fault: OktaFault): SimAnswer | null {
  switch (fault.kind) {
    case "rate-limit":
      return oktaError(429, "E0000047", "API call exceeded rate limit due to too many requests.");
    case "unavailable":
      return oktaError(fault.status ?? 503, "E0000009", "Internal Server Error");
    case "truncated-json":
      return { status: 200, raw: '[{"id":"00ukeY6PinHhpfSYK0g4","status":"ACTI' };
    case "next-link":
      return null;
  }
}
