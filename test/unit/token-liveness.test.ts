import { describe, expect, it } from "vitest";
import type { PrismaClient } from "../../src/generated/prisma/client.ts";
import { createTokenLiveness } from "../../src/auth/token-liveness.ts";

const refreshTokenId = "00000000-0000-4000-8000-000000000001";

/** A refresh-token table of one row whose lookups can be held open, counting every statement. */
function fakeDatabase() {
  const state = { lookups: 0, primaryAccessJti: "jti-1", hold: null as Promise<void> | null };
  const prisma = {
    refreshToken: {
      async findUnique() {
        state.lookups++;
        const row = { primaryAccessJti: state.primaryAccessJti, secondaryAccessJti: null, expiresAt: new Date(Date.now() + 60_000) };
        await state.hold;
        return row;
      },
    },
  } as unknown as PrismaClient;
  return { prisma, state };
}

function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe("token liveness", () => {
  it("answers a burst of requests with the same token from one lookup", async () => {
    const { prisma, state } = fakeDatabase();
    const liveness = createTokenLiveness(prisma);
    const answers = await Promise.all(Array.from({ length: 50 }, () => liveness.isLive(refreshTokenId, "jti-1")));
    expect(answers.every(Boolean)).toBe(true);
    expect(state.lookups).toBe(1);
    expect(await liveness.isLive(refreshTokenId, "jti-2")).toBe(false);
    expect(state.lookups).toBe(1);
  });

  it("does not keep a lookup that an invalidation overtook", async () => {
    const { prisma, state } = fakeDatabase();
    const liveness = createTokenLiveness(prisma);
    const held = gate();
    state.hold = held.promise;
    const before = liveness.isLive(refreshTokenId, "jti-1");
    // The token is rotated while the lookup is still running.
    state.primaryAccessJti = "jti-2";
    liveness.invalidate(refreshTokenId);
    held.open();
    state.hold = null;
    expect(await before).toBe(true);
    expect(await liveness.isLive(refreshTokenId, "jti-1")).toBe(false);
    expect(await liveness.isLive(refreshTokenId, "jti-2")).toBe(true);
    expect(state.lookups).toBe(2);
  });

  it("lets the next request retry after a failed lookup", async () => {
    const { prisma, state } = fakeDatabase();
    const liveness = createTokenLiveness(prisma);
    state.hold = Promise.reject(new Error("database unavailable"));
    state.hold.catch(() => {});
    await expect(liveness.isLive(refreshTokenId, "jti-1")).rejects.toThrow("database unavailable");
    state.hold = null;
    expect(await liveness.isLive(refreshTokenId, "jti-1")).toBe(true);
    expect(state.lookups).toBe(2);
  });
});
