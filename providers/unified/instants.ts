/** Reads the ISO 8601 instants that filters take (date-times, not bare dates or epoch numbers); anything else is the caller's mistake. */
import { ProviderError } from "./errors.ts";

export function toMillis(value: string, name: string): number {
  const millis = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(millis)) throw new ProviderError("BAD_USER_INPUT", `${name} must be an ISO 8601 date-time`);
  return millis;
}

/** Milliseconds of an optional filter bound, or null when it is absent. */
export function optionalMillis(value: string | undefined, name: string): number | null {
  return value === undefined ? null : toMillis(value, name);
}
