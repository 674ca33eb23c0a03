/** Token buckets keyed by name, refilled lazily from the clock; idle full buckets are forgotten. */

export interface BucketRule {
  /** Tokens added per second; 0 disables the limit. */
  perSecond: number;
  /** Bucket size: how many requests may arrive at once after a quiet spell. */
  burst: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export interface Charge {
  key: string;
  rule: BucketRule;
}

/** How long until a refused caller may try again, in whole seconds (at least 1). */
export type Decision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const maxBuckets = 100_000;

export function createTokenBuckets(now: () => number = () => performance.now()) {
  const buckets = new Map<string, Bucket>();

  function current(key: string, rule: BucketRule, time: number): Bucket {
    let bucket = buckets.get(key);
    if (!bucket) {
      if (buckets.size >= maxBuckets) evictIdle(time);
      bucket = { tokens: rule.burst, updatedAt: time };
      buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(rule.burst, bucket.tokens + ((time - bucket.updatedAt) / 1000) * rule.perSecond);
    bucket.updatedAt = time;
    return bucket;
  }

  function evictIdle(time: number) {
    for (const [key, bucket] of buckets) if (time - bucket.updatedAt > 60_000) buckets.delete(key);
    if (buckets.size >= maxBuckets) buckets.delete(buckets.keys().next().value as string);
  }

  return {
    /** Takes one token from every bucket, or from none when any is empty (a refusal costs nothing). */
    take(charges: Charge[], options: { peek?: boolean } = {}): Decision {
      const time = now();
      const active = charges.filter((charge) => charge.rule.perSecond > 0);
      const held = active.map((charge) => ({ charge, bucket: current(charge.key, charge.rule, time) }));
      const short = held.filter(({ bucket }) => bucket.tokens < 1);
      if (short.length > 0) {
        const waitSeconds = Math.max(...short.map(({ charge, bucket }) => (1 - bucket.tokens) / charge.rule.perSecond));
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitSeconds)) };
      }
      if (!options.peek) for (const { bucket } of held) bucket.tokens -= 1;
      return { allowed: true };
    },
  };
}

export type TokenBuckets = ReturnType<typeof createTokenBuckets>;
