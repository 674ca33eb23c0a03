/** Reads how long a provider asks us to wait: `Retry-After` (seconds or HTTP date) or a rate-limit reset time. Pure. */
import type { TransportDescriptor } from "./types.ts";

export type ResponseHeaders = Record<string, string | string[]>;

function header(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function secondsUntil(at: number, now: number): number | null {
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - now) / 1000)) : null;
}

/** `Retry-After: 7` or `Retry-After: Sun, 06 Nov 1994 08:49:37 GMT` (every HTTP-date form starts with a day name). */
export function parseRetryAfter(value: string | undefined, now: number): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text);
  return /^[A-Za-z]{3}/.test(text) ? secondsUntil(Date.parse(text), now) : null;
}

/** A reset header: Okta's UTC epoch seconds, or Jira's ISO time such as `2026-11-23T12:05Z`. */
export function parseReset(value: string | undefined, format: "epoch-seconds" | "iso-8601", now: number): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (format === "epoch-seconds") return /^\d+(\.\d+)?$/.test(text) ? secondsUntil(Number(text) * 1000, now) : null;
  return /^\d{4}-\d{2}-\d{2}T/.test(text) ? secondsUntil(Date.parse(text), now) : null;
}

/**
 * Seconds the provider asked us to wait before trying again, or null when it did not say.
 * Only 429 and 503 carry such a request. The reset header counts on 429 alone: Okta sends it on
 * every response, where it describes the window, not a wait.
 */
export function requestedWaitSeconds(status: number, headers: ResponseHeaders, descriptor: TransportDescriptor, now: number): number | null {
  if (status !== 429 && status !== 503) return null;
  const retryAfter = parseRetryAfter(header(headers, descriptor.retryAfterHeader ?? "retry-after"), now);
  if (retryAfter !== null || status !== 429) return retryAfter;
  const reset = descriptor.rateLimitResetHeader;
  return reset ? parseReset(header(headers, reset.name), reset.format, now) : null;
}
