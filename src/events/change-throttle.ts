/**
 * Paces the status changes one integration publishes. Subscribers watching the organization receive
 * every integration's changes, and a busy integration changes with every recording batch, so its
 * counters-only changes go out at most once per `minIntervalMs`: one arriving sooner waits, and a
 * later one replaces it (it carries the newer counters). A change of health is never held back, and
 * sends any waiting counters-only change of its integration along with it, superseded.
 */
import type { StatusChange } from "./bus.ts";
import { createRecentWindows } from "../recent-windows.ts";

interface Published {
  at: number;
  health: StatusChange["health"];
}

export interface ChangeThrottle {
  offer(change: StatusChange): void;
  /** Publishes every waiting change now (on shutdown). */
  flush(): void;
}

export function createChangeThrottle(publish: (change: StatusChange) => void, minIntervalMs: number, now: () => number = Date.now): ChangeThrottle {
  // An entry older than `minIntervalMs` no longer holds anything back, so two windows of it suffice.
  const windows = createRecentWindows(minIntervalMs, () => new Map<string, Published>(), now);
  const waiting = new Map<string, { change: StatusChange; timer: NodeJS.Timeout }>();

  function lastPublished(integrationId: string, at: number): Published | undefined {
    const { current, previous } = windows(at);
    const last = current.get(integrationId) ?? previous.get(integrationId);
    return last && at - last.at < minIntervalMs ? last : undefined;
  }

  function publishNow(change: StatusChange) {
    const pending = waiting.get(change.integrationId);
    if (pending) {
      clearTimeout(pending.timer);
      waiting.delete(change.integrationId);
    }
    const at = now();
    windows(at).current.set(change.integrationId, { at, health: change.health });
    publish(change);
  }

  return {
    offer(change) {
      const pending = waiting.get(change.integrationId);
      if (pending && pending.change.health === change.health) {
        pending.change = change;
        return;
      }
      const at = now();
      const last = lastPublished(change.integrationId, at);
      if (!last || last.health !== change.health) return publishNow(change);
      const timer = setTimeout(() => {
        const latest = waiting.get(change.integrationId);
        if (latest) publishNow(latest.change);
      }, last.at + minIntervalMs - at);
      timer.unref();
      waiting.set(change.integrationId, { change, timer });
    },
    flush() {
      for (const { change } of [...waiting.values()]) publishNow(change);
    },
  };
}
