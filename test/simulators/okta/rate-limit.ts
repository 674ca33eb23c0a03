/**
 * Okta's rate limiting: per endpoint family, a count per one-minute window. Every response carries
 * `X-Rate-Limit-Limit`, `-Remaining` and `-Reset` (the window's end, UTC epoch seconds); past the limit
 * the answer is 429 E0000047, with no `Retry-After`.
 */
export type Bucket = "users" | "groups" | "logs" | "other";

export type RateLimits = Record<Bucket, number>;

/** Per-minute limits in the range Okta's defaults use for these endpoints. */
export const defaultRateLimits: RateLimits = { users: 600, groups: 500, logs: 120, other: 600 };

export function bucketOf(path: string): Bucket {
  if (path.startsWith("/api/v1/logs")) return "logs";
  if (path.startsWith("/api/v1/groups")) return "groups";
  if (path.startsWith("/api/v1/users")) return "users";
  return "other";
}

export function createRateLimiter(now: () => Date, limits: RateLimits) {
  const windows = new Map<Bucket, { reset: number; used: number }>();
  const windowOf = (bucket: Bucket) => {
    const reset = (Math.floor(now().getTime() / 60_000) + 1) * 60;
    let window = windows.get(bucket);
    if (!window || window.reset !== reset) windows.set(bucket, (window = { reset, used: 0 }));
    return window;
  };
  const headers = (bucket: Bucket, remaining: number, reset: number) => ({
    "X-Rate-Limit-Limit": String(limits[bucket]),
    "X-Rate-Limit-Remaining": String(Math.max(remaining, 0)),
    "X-Rate-Limit-Reset": String(reset),
  });
  return {
    /** Counts one request against its bucket; `exceeded` when the window's limit is spent. */
    take(path: string): { headers: Record<string, string>; exceeded: boolean } {
      const bucket = bucketOf(path);
      const window = windowOf(bucket);
      window.used += 1;
      return { headers: headers(bucket, limits[bucket] - window.used, window.reset), exceeded: window.used > limits[bucket] };
    },
    /** The headers of an answer that was not counted (401s, injected faults), with a chosen reset. */
    peek(path: string, resetInSeconds?: number): Record<string, string> {
      const bucket = bucketOf(path);
      const window = windowOf(bucket);
      const reset = resetInSeconds === undefined ? window.reset : Math.ceil(now().getTime() / 1000) + resetInSeconds;
      return headers(bucket, resetInSeconds === undefined ? limits[bucket] - window.used : 0, reset);
    },
  };
}
