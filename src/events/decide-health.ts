/**
 * The rule that moves an integration between health states, from its most recent connector calls
 * (newest first, at most `window` of them):
 * - UNKNOWN: no calls recorded (or the status was reset);
 * - FAILING: the last 3 calls all failed, or at least half of the window failed;
 * - DEGRADED: any call in the window failed;
 * - HEALTHY: every call in the window succeeded.
 * Failures are calls that ended in a provider error or timeout; a caller's bad input does not count.
 */
export type Health = "UNKNOWN" | "HEALTHY" | "DEGRADED" | "FAILING";

export const healthWindow = 10;

export function decideHealth(recentNewestFirst: readonly boolean[]): Health {
  const window = recentNewestFirst.slice(0, healthWindow);
  if (window.length === 0) return "UNKNOWN";
  const failures = window.filter((succeeded) => !succeeded).length;
  const lastThreeFailed = window.length >= 3 && window.slice(0, 3).every((succeeded) => !succeeded);
  if (lastThreeFailed || failures * 2 >= window.length) return "FAILING";
  if (failures > 0) return "DEGRADED";
  return "HEALTHY";
}
