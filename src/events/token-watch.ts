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

interface Group {
  token: WatchedToken;
  onRevoked: Set<() => void>;
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
        for (const revoke of [...group.onRevoked]) revoke();
      }),
    );
  } finally {
    watch.checking = false;
  }
}

/** Calls `onRevoked` once the token has expired or been revoked; returns the function that stops watching. */
export function watchToken(liveness: TokenLiveness, token: WatchedToken, onRevoked: () => void): () => void {
  let watch = watches.get(liveness);
  if (!watch) {
    watch = { groups: new Map(), timer: null, checking: false };
    watches.set(liveness, watch);
  }
  const key = `${token.refreshTokenId}:${token.tokenId}`;
  let group = watch.groups.get(key);
  if (!group) {
    group = { token, onRevoked: new Set() };
    watch.groups.set(key, group);
  }
  group.onRevoked.add(onRevoked);
  if (!watch.timer) {
    const active = watch;
    active.timer = setInterval(() => void recheck(liveness, active), recheckIntervalMs);
    active.timer.unref();
  }
  const watching = watch;
  const watched = group;
  return () => {
    watched.onRevoked.delete(onRevoked);
    if (watched.onRevoked.size === 0 && watching.groups.get(key) === watched) watching.groups.delete(key);
    if (watching.groups.size === 0 && watching.timer) {
      clearInterval(watching.timer);
      watching.timer = null;
    }
  };
}
