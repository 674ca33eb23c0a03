/**
 * Re-checks the tokens behind live subscriptions on one shared timer rather than one per
 * subscription: every two seconds each distinct token is checked once (expiry, then liveness),
 * however many subscriptions it holds, and every subscription of a token that is no longer good
 * is ended. The timer runs only while something is watched.
 */
import type { TokenLiveness } from "../auth/token-liveness.ts";

export const recheckIntervalMs = 2_000;

export interface WatchedToken {
  refreshTokenId: string;
  tokenId: string;
  expiresAt: Date;
}

/** Told once the token is no longer good (an object, not a callback: thousands of subscriptions hold one). */
export interface TokenListener {
  onRevoked(): void;
}

interface Group {
  token: WatchedToken;
  listeners: Set<TokenListener>;
}

interface Watch {
  groups: Map<string, Group>;
  timer: NodeJS.Timeout | null;
  checking: boolean;
}

// Keyed by the liveness service, so that each gateway in a process (tests start several) has its own.
const watches = new WeakMap<TokenLiveness, Watch>();

export async function tokenStillGood(liveness: TokenLiveness, token: WatchedToken): Promise<boolean> {
  if (token.expiresAt.getTime() <= Date.now()) return false;
  return liveness.isLive(token.refreshTokenId, token.tokenId).catch(() => false);
}

async function recheck(liveness: TokenLiveness, watch: Watch): Promise<void> {
  // A slow database must not pile up rounds: skip a tick while the previous one runs.
  if (watch.checking) return;
  watch.checking = true;
  try {
    await Promise.all(
      [...watch.groups.values()].map(async (group) => {
        if (await tokenStillGood(liveness, group.token)) return;
        for (const listener of [...group.listeners]) listener.onRevoked();
      }),
    );
  } finally {
    watch.checking = false;
  }
}

const keyOf = (token: WatchedToken) => `${token.refreshTokenId}:${token.tokenId}`;

/** Calls `listener.onRevoked()` once the token has expired or been revoked, until `unwatchToken`. */
export function watchToken(liveness: TokenLiveness, token: WatchedToken, listener: TokenListener): void {
  let watch = watches.get(liveness);
  if (!watch) {
    watch = { groups: new Map(), timer: null, checking: false };
    watches.set(liveness, watch);
  }
  const key = keyOf(token);
  let group = watch.groups.get(key);
  if (!group) {
    group = { token, listeners: new Set() };
    watch.groups.set(key, group);
  }
  group.listeners.add(listener);
  if (!watch.timer) {
    const active = watch;
    active.timer = setInterval(() => void recheck(liveness, active), recheckIntervalMs);
    active.timer.unref();
  }
}

export function unwatchToken(liveness: TokenLiveness, token: WatchedToken, listener: TokenListener): void {
  const watch = watches.get(liveness);
  const key = keyOf(token);
  const group = watch?.groups.get(key);
  if (!watch || !group) return;
  group.listeners.delete(listener);
  if (group.listeners.size === 0) watch.groups.delete(key);
  if (watch.groups.size === 0 && watch.timer) {
    clearInterval(watch.timer);
    watch.timer = null;
  }
}
