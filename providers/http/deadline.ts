/**
 * A deadline over an outgoing exchange: the signal aborts with a TimeoutError after `ms`, and the
 * timer ends with the work. AbortSignal.timeout would keep its timer (and signal) alive for the full
 * wait after every call, tens of thousands of them under load.
 */
export async function withDeadline<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`No answer within ${ms} ms`, "TimeoutError")), ms);
  try {
    return await work(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}
