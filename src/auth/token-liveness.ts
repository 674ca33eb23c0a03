/**
 * Answers "is this access token's pair still current?" for every authenticated request. Results
 * are cached briefly; the replica that changes a refresh token drops its entry at once, and
 * `onRevoked` lets a broadcast (Redis, when configured) drop it on every other replica.
 * Concurrent requests with the same token share one lookup, so a burst on a cold or expired
 * entry costs one statement rather than one per request.
 */
import { LRUCache } from "lru-cache";
import type { PrismaClient } from "../generated/prisma/client.ts";

interface Entry {
  jtis: ReadonlySet<string>;
  expiresAt: number;
}

export interface TokenLiveness {
  isLive(refreshTokenId: string, jti: string): Promise<boolean>;
  /** Forget what is known about a refresh token (call after any change to it); tells the other replicas too. */
  invalidate(refreshTokenId: string): void;
  /** Forget a refresh token because another replica changed it. */
  forget(refreshTokenId: string): void;
}

export function createTokenLiveness(
  prisma: PrismaClient,
  options: { cacheMs?: number; maxEntries?: number; broadcast?: (refreshTokenId: string) => void } = {},
): TokenLiveness {
  const cache = new LRUCache<string, Entry>({ max: options.maxEntries ?? 50_000, ttl: options.cacheMs ?? 5_000 });
  const loading = new Map<string, Promise<Entry>>();

  async function load(refreshTokenId: string): Promise<Entry> {
    // Deliberately unscoped: the token itself is what proves the tenant; this lookup is by primary key.
    const row = await prisma.refreshToken.findUnique({
      where: { id: refreshTokenId },
      select: { primaryAccessJti: true, secondaryAccessJti: true, expiresAt: true },
    });
    const jtis = new Set(row ? [row.primaryAccessJti, row.secondaryAccessJti].filter((jti): jti is string => !!jti) : []);
    return { jtis, expiresAt: row ? row.expiresAt.getTime() : 0 };
  }

  /** One lookup per refresh token at a time; kept only if nothing invalidated the token meanwhile. */
  function refresh(refreshTokenId: string): Promise<Entry> {
    const inFlight = loading.get(refreshTokenId);
    if (inFlight) return inFlight;
    const pending: Promise<Entry> = load(refreshTokenId).then(
      (entry) => {
        if (loading.get(refreshTokenId) === pending) {
          loading.delete(refreshTokenId);
          cache.set(refreshTokenId, entry);
        }
        return entry;
      },
      (error: unknown) => {
        if (loading.get(refreshTokenId) === pending) loading.delete(refreshTokenId);
        throw error;
      },
    );
    loading.set(refreshTokenId, pending);
    return pending;
  }

  function forget(refreshTokenId: string) {
    cache.delete(refreshTokenId);
    loading.delete(refreshTokenId);
  }

  return {
    async isLive(refreshTokenId, jti) {
      const entry = cache.get(refreshTokenId) ?? (await refresh(refreshTokenId));
      return entry.expiresAt > Date.now() && entry.jtis.has(jti);
    },
    invalidate(refreshTokenId) {
      forget(refreshTokenId);
      options.broadcast?.(refreshTokenId);
    },
    forget,
  };
}
