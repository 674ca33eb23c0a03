/** Fault injection: the next matching requests answer 429, 503, hang, truncated JSON or an HTML page. */
import type { SimResponse } from "./http.ts";

export type JiraFault =
  /** 429 with Jira's rate-limit headers; `retryAfterSeconds: null` leaves Retry-After out, as Jira may. */
  | { kind: "rate-limit"; retryAfterSeconds?: number | null; reason?: string }
  | { kind: "unavailable"; retryAfterSeconds?: number | null }
  /** Accepts the request and never answers (until the simulator closes). */
  | { kind: "hang" }
  /** A 200 JSON response cut off mid-document. */
  | { kind: "truncated-json" }
  /** An HTML page (a login or maintenance page from a proxy), 200 unless `status` says otherwise. */
  | { kind: "html"; status?: number };

export interface FaultOptions {
  /** How many matching requests get the fault (default 1). */
  times?: number;
  method?: string;
  /** Matches the API path (after any `/ex/jira/{cloudId}` prefix). */
  path?: string | RegExp;
}

interface Armed extends FaultOptions {
  fault: JiraFault;
  remaining: number;
}

export function createFaultQueue() {
  let armed: Armed[] = [];
  const matches = (entry: Armed, method: string, path: string) =>
    (!entry.method || entry.method.toUpperCase() === method) &&
    (!entry.path || (typeof entry.path === "string" ? entry.path === path : entry.path.test(path)));
  return {
    arm(fault: JiraFault, options: FaultOptions = {}) {
      armed.push({ ...options, fault, remaining: options.times ?? 1 });
    },
    clear() {
      armed = [];
    },
    /** The fault for this request, if one is armed for it, consuming one use. */
    take(method: string, path: string): JiraFault | null {
      const entry = armed.find((candidate) => candidate.remaining > 0 && matches(candidate, method, path));
      if (!entry) return null;
      entry.remaining -= 1;
      armed = armed.filter((candidate) => candidate.remaining > 0);
      return entry.fault;
    },
  };
}

/** The response a fault produces, or null for a hang. */
export function faultResponse(fault: JiraFault, now: Date): SimResponse | null {
  switch (fault.kind) {
    case "rate-limit": {
      const seconds = fault.retryAfterSeconds === undefined ? 1 : fault.retryAfterSeconds;
      const reset = new Date(now.getTime() + (seconds ?? 60) * 1000).toISOString().slice(0, 16) + "Z";
      const headers: Record<string, string> = {
        "x-ratelimit-limit": "350",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": reset,
        "ratelimit-reason": fault.reason ?? "jira-burst-based",
      };
      if (seconds !== null) headers["retry-after"] = String(seconds);
      return { status: 429, headers, body: { errorMessages: ["Rate limit exceeded."], errors: {} } };
    }
    case "unavailable": {
      const seconds = fault.retryAfterSeconds ?? null;
      return { status: 503, headers: seconds === null ? {} : { "retry-after": String(seconds) }, body: { errorMessages: ["Service Unavailable"], errors: {} } };
    }
    case "truncated-json":
      return { status: 200, raw: { contentType: "application/json;charset=UTF-8", text: '{"issues":[{"expand":"","id":"10001","key":"EX-1","fields":{"summ' } };
    case "html":
      return {
        status: fault.status ?? 200,
        raw: { contentType: "text/html;charset=UTF-8", text: "<!DOCTYPE html><html><head><title>Log in with Atlassian account</title></head><body><p>Log in to continue.</p></body></html>" },
      };
    case "hang":
      return null;
  }
}
