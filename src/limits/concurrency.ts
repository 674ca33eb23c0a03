/**
 * Caps concurrent work per key (organization, integration). A caller over the cap waits in line
 * for at most `queueWaitMs`, then is refused: short bursts are smoothed without client retries,
 * while a flood cannot pile up unbounded waiting work or hold a neighbour's slots.
 */

interface Lane {
  running: number;
  waiting: (() => void)[];
}

export class ConcurrencyLimitError extends Error {
  override readonly name = "ConcurrencyLimitError";
  constructor(readonly key: string) {
    super(`too many concurrent calls for ${key}`);
  }
}

export function createConcurrencyLimiter(queueWaitMs: number) {
  const lanes = new Map<string, Lane>();

  /** No room to wait: waiting is off, or four callers per slot already wait. */
  const lineIsFull = (lane: Lane, limit: number) => queueWaitMs === 0 || lane.waiting.length >= limit * 4;

  function release(key: string) {
    const lane = lanes.get(key);
    if (!lane) return;
    const next = lane.waiting.shift();
    if (next) return next();
    lane.running -= 1;
    if (lane.running === 0) lanes.delete(key);
  }

  async function acquire(key: string, limit: number): Promise<void> {
    let lane = lanes.get(key);
    if (!lane) lanes.set(key, (lane = { running: 0, waiting: [] }));
    if (lane.running < limit) {
      lane.running += 1;
      return;
    }
    if (lineIsFull(lane, limit)) throw new ConcurrencyLimitError(key);
    const queue = lane.waiting;
    await new Promise<void>((resolve, reject) => {
      // The slot passes straight from the releasing call to this one, so `running` stays as it is.
      const admit = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        queue.splice(queue.indexOf(admit), 1);
        reject(new ConcurrencyLimitError(key));
      }, queueWaitMs);
      queue.push(admit);
    });
  }

  return {
    /** Whether a caller arriving now would be refused at once: every slot taken and the line full. */
    isFull(key: string, limit: number): boolean {
      const lane = lanes.get(key);
      return lane !== undefined && lane.running >= limit && lineIsFull(lane, limit);
    },

    /** Runs `work` holding one slot of every lane (taken in the order given, released in reverse). */
    async run<T>(lanesWanted: { key: string; limit: number }[], work: () => Promise<T>): Promise<T> {
      const held: string[] = [];
      try {
        for (const { key, limit } of lanesWanted) {
          await acquire(key, limit);
          held.push(key);
        }
        return await work();
      } finally {
        for (const key of held.reverse()) release(key);
      }
    },
  };
}

export type ConcurrencyLimiter = ReturnType<typeof createConcurrencyLimiter>;
