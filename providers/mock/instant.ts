/** Reads the ISO 8601 instants the mock filters take, refusing anything else as the real adapters do. */
import { ProviderError } from "../types.ts";

export function toMillis(value: string, name: string): number {
  const millis = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(millis)) throw new ProviderError("BAD_USER_INPUT", `${name} must be an ISO 8601 date-time`);
  return millis;
}

/** Milliseconds of an optional filter bound, or null when it is absent. */
export function optionalMillis(value: string | undefined, name: string): number | null {
  return value === undefined ? null : toMillis(value, name);
}
