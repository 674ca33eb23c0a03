/** Reads how long a provider asks us to wait: `Retry-After` (seconds or HTTP date) or a reset-time header. */
import type { TransportDescriptor } from "./types.ts";

type Headers = Record<string, string | string[]>;

function first(headers: Headers, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function parseRetryAfter(value: string | undefined, now: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed));
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

export function parseReset(value: string | undefined, format: "epoch-seconds" | "iso-8601", now: number): number | null {
  if (!value) return null;
  const at = format === "epoch-seconds" ? Number(value.trim()) * 1000 : Date.parse(value.trim());
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - now) / 1000)) : null;
}

/** Seconds to wait before retrying, from the descriptor's headers; null when the provider says nothing. */
export function retryAfterSeconds(headers: Headers, descriptor: TransportDescriptor, now: number): number | null {
  const fromRetryAfter = parseRetryAfter(first(headers, descriptor.retryAfterHeader ?? "retry-after"), now);
  if (fromRetryAfter !== null) return fromRetryAfter;
  const reset = descriptor.rateLimitResetHeader;
  return reset ? parseReset(first(headers, reset.name), reset.format, now) : null;
}
