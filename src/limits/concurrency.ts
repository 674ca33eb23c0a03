/**
 * Caps concurrent work per key (organization, integration). A caller over the cap waits in line
 * for at most `queueWaitMs`, then is refused: short bursts are smoothed without client retries,
 * while a flood cannot pile up unbounded waiting work or hold a neighbour's slots.
 */

interface Lane {
  running: number;
  /** The cap the latest caller asked for: a lane's cap may shrink or grow between callers. */
  limit: number;
  waiting: (() => void)[];
}

/** One lane a call must hold a slot of: at most `limit` at once, at most `line` more waiting (default four per slot). */
export interface LaneWanted {
  key: string;
  limit: number;
  line?: number;
}

export class ConcurrencyLimitError extends Error {
  override readonly name = "ConcurrencyLimitError";
  constructor(readonly key: string) {
    super(`too many concurrent calls for ${key}`);
  }
}

export function createConcurrencyLimiter(queueWaitMs: number) {
  const lanes = new Map<string, Lane>();

  /** No room to wait: waiting is off, or the line is as long as allowed. */
  const lineIsFull = (lane: Lane, wanted: LaneWanted) => queueWaitMs === 0 || lane.waiting.length >= (wanted.line ?? wanted.limit * 4);

  function release(key: string) {
    const lane = lanes.get(key);
    if (!lane) return;
    lane.running -= 1;
    // Under a cap that shrank, the slot is not passed on until the lane is back under it.
    while (lane.running < lane.limit && lane.waiting.length > 0) {
      lane.running += 1;
      lane.waiting.shift()?.();
    }
    if (lane.running === 0) lanes.delete(key);
  }

  async function acquire(wanted: LaneWanted): Promise<void> {
    const { key, limit } = wanted;
    let lane = lanes.get(key);
    if (!lane) lanes.set(key, (lane = { running: 0, limit, waiting: [] }));
    lane.limit = limit;
    if (lane.running < limit) {
      lane.running += 1;
      return;
    }
    if (lineIsFull(lane, wanted)) throw new ConcurrencyLimitError(key);
    const queue = lane.waiting;
    await new Promise<void>((resolve, reject) => {
      // `release` counts this call as running before admitting it.
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
    isFull(wanted: LaneWanted): boolean {
      const lane = lanes.get(wanted.key);
      return lane !== undefined && lane.running >= wanted.limit && lineIsFull(lane, wanted);
    },

    /** Runs `work` holding one slot of every lane (taken in the order given, released in reverse). */
    async run<T>(lanesWanted: LaneWanted[], work: () => Promise<T>): Promise<T> {
      const held: string[] = [];
      try {
        for (const wanted of lanesWanted) {
          await acquire(wanted);
          held.push(wanted.key);
        }
        return await work();
      } finally {
        for (const key of held.reverse()) release(key);
      }
    },
  };
}

export type ConcurrencyLimiter = ReturnType<typeof createConcurrencyLimiter>;
