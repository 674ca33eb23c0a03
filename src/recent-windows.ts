/**
 * What was noted lately, kept in two back-to-back windows of `windowMs`: the current one and the
 * one before. Anything older is dropped whole as the windows move on, so the memory held is what
 * one to two windows saw, with no sweeping. `fresh` makes an empty window's store.
 */
export function createRecentWindows<T>(windowMs: number, fresh: () => T, now: () => number = Date.now) {
  let index = -1;
  let current = fresh();
  let previous = fresh();
  /** The two windows as of `at` (default now), moving them on first if time has. */
  return (at: number = now()): { current: T; previous: T } => {
    const window = Math.floor(at / windowMs);
    if (window !== index) {
      previous = window === index + 1 ? current : fresh();
      current = fresh();
      index = window;
    }
    return { current, previous };
  };
}
