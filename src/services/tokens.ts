/**
 * Refresh-token objects and the token pairs they hold (the Tokens section of the management API):
 * issue, refresh, rotate, reset, remove the secondary pair, delete. Every change drops the cached
 * liveness of the object, so a removed pair's access tokens fail on the very next request.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { PrismaClient, RefreshToken } from "../generated/prisma/client.ts";
import type { TokenSigner } from "../auth/jwt.ts";
import type { TokenLiveness } from "../auth/token-liveness.ts";
import type { Permission } from "../auth/permissions.ts";
import { notFound, unauthenticated } from "../errors.ts";

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  refreshTokenId: string;
  expiresAt: Date;
}

export type Grant =
  | {
      layer: "management";
      memberId: string | null;
      /** True only for a member's logon session. */
      session?: boolean;
      permissions: Permission[];
      accountIds: string[] | null;
      /** Binds a connect token to its integration point. */
      integrationPointId?: string | null;
      name: string;
      accessTtlSeconds: number;
      refreshTtlSeconds: number;
    }
  | {
      layer: "connector";
      accountId: string;
      integrationId: string;
      name: string;
      accessTtlSeconds: number;
      refreshTtlSeconds: number;
    };

type MintSource = Pick<
  RefreshToken,
  "id" | "tenantId" | "organizationId" | "layer" | "memberId" | "session" | "accountId" | "integrationId" | "permissions" | "accountRestricted" | "accountIds" | "integrationPointId" | "accessTtlSeconds" | "expiresAt"
>;

export const hashRefreshToken = (token: string) => createHash("sha256").update(token).digest("hex");
const newRefreshToken = () => `syr_${randomBytes(32).toString("base64url")}`;

export interface TokenService {
  /** Creates a refresh-token object; `db` must be scoped to `owner`'s organization. */
  issue(db: PrismaClient, owner: { tenantId: string; organizationId: string }, grant: Grant): Promise<TokenPair>;
  /** Trades the primary refresh token for a new primary pair; the old primary becomes the secondary. Also returns the object it belongs to. */
  refresh(refreshToken: string): Promise<{ tokens: TokenPair; holder: RefreshToken }>;
  /** New primary pair, the old primary kept as secondary; `authorize` sees the object first and throws to refuse. */
  rotate(db: PrismaClient, id: string, authorize: (row: RefreshToken) => Promise<void>): Promise<TokenPair>;
  /** New primary pair, no secondary, expiry restarted; `authorize` as for `rotate`. */
  reset(db: PrismaClient, id: string, authorize: (row: RefreshToken) => Promise<void>): Promise<TokenPair>;
  removeSecondary(db: PrismaClient, id: string): Promise<RefreshToken>;
  remove(db: PrismaClient, id: string): Promise<RefreshToken>;
}

export function createTokenService(deps: { prisma: PrismaClient; signer: TokenSigner; liveness: TokenLiveness }): TokenService {
  const { prisma, signer, liveness } = deps;

  async function mintAccess(row: MintSource) {
    const remaining = Math.floor((row.expiresAt.getTime() - Date.now()) / 1000);
    const ttl = Math.max(1, Math.min(row.accessTtlSeconds, remaining));
    const common = { sub: row.memberId ?? row.integrationId ?? row.id, tid: row.tenantId, org: row.organizationId, rtid: row.id };
    if (row.layer === "CONNECTOR") {
      return signer.sign({ ...common, layer: "connector", acct: row.accountId ?? "", int: row.integrationId ?? "" }, ttl);
    }
    return signer.sign(
      {
        ...common,
        layer: "management",
        mid: row.memberId,
        ...(row.session && { ses: true }),
        perm: row.permissions as Permission[],
        acc: row.accountRestricted ? row.accountIds : null,
        ...(row.integrationPointId && { ipt: row.integrationPointId }),
      },
      ttl,
    );
  }

  /** Writes a fresh primary pair; `keepPrimaryAsSecondary` decides what happens to the old one. */
  async function replacePrimary(db: PrismaClient, row: RefreshToken, keepPrimaryAsSecondary: boolean, resetExpiry = false) {
    const refreshToken = newRefreshToken();
    const expiresAt = resetExpiry ? new Date(Date.now() + (row.expiresAt.getTime() - row.createdAt.getTime())) : row.expiresAt;
    const draft = { ...row, expiresAt };
    const access = await mintAccess(draft);
    const updated = await db.refreshToken.update({
      where: { id: row.id },
      data: {
        expiresAt,
        primaryAccessJti: access.jti,
        primaryRefreshHash: hashRefreshToken(refreshToken),
        primaryIssuedAt: new Date(),
        secondaryAccessJti: keepPrimaryAsSecondary ? row.primaryAccessJti : null,
        secondaryRefreshHash: keepPrimaryAsSecondary ? row.primaryRefreshHash : null,
        secondaryIssuedAt: keepPrimaryAsSecondary ? row.primaryIssuedAt : null,
      },
    });
    liveness.invalidate(row.id);
    return { accessToken: access.token, refreshToken, refreshTokenId: updated.id, expiresAt: access.expiresAt };
  }

  async function find(db: PrismaClient, id: string) {
    const row = await db.refreshToken.findUnique({ where: { id } });
    if (!row) throw notFound("Refresh token");
    return row;
  }

  return {
    async issue(db, owner, grant) {
      const refreshToken = newRefreshToken();
      const now = Date.now();
      const base = {
        id: randomUUID(),
        name: grant.name,
        accessTtlSeconds: grant.accessTtlSeconds,
        expiresAt: new Date(now + grant.refreshTtlSeconds * 1000),
        primaryRefreshHash: hashRefreshToken(refreshToken),
        primaryIssuedAt: new Date(now),
        createdAt: new Date(now),
      };
      const draft =
        grant.layer === "management"
          ? {
              ...base,
              layer: "MANAGEMENT" as const,
              memberId: grant.memberId,
              session: grant.session ?? false,
              accountId: null,
              integrationId: null,
              permissions: grant.permissions,
              accountRestricted: grant.accountIds !== null,
              accountIds: grant.accountIds ?? [],
              integrationPointId: grant.integrationPointId ?? null,
            }
          : {
              ...base,
              layer: "CONNECTOR" as const,
              memberId: null,
              session: false,
              accountId: grant.accountId,
              integrationId: grant.integrationId,
              permissions: [],
              accountRestricted: false,
              accountIds: [],
              integrationPointId: null,
            };
      const ownership = { tenantId: owner.tenantId, organizationId: owner.organizationId };
      const access = await mintAccess({ ...draft, ...ownership });
      await db.refreshToken.create({ data: { ...draft, ...ownership, primaryAccessJti: access.jti } });
      return { accessToken: access.token, refreshToken, refreshTokenId: base.id, expiresAt: access.expiresAt };
    },

    async refresh(refreshToken) {
      // Unscoped by necessity: the refresh token is the caller's only credential here.
      const row = await prisma.refreshToken.findUnique({ where: { primaryRefreshHash: hashRefreshToken(refreshToken) } });
      if (!row || row.expiresAt.getTime() <= Date.now()) throw unauthenticated("Refresh token not accepted");
      return { tokens: await replacePrimary(prisma, row, true), holder: row };
    },

    async rotate(db, id, authorize) {
      const row = await find(db, id);
      await authorize(row);
      return replacePrimary(db, row, true);
    },

    async reset(db, id, authorize) {
      const row = await find(db, id);
      await authorize(row);
      return replacePrimary(db, row, false, true);
    },

    async removeSecondary(db, id) {
      await find(db, id);
      const updated = await db.refreshToken.update({
        where: { id },
        data: { secondaryAccessJti: null, secondaryRefreshHash: null, secondaryIssuedAt: null },
      });
      liveness.invalidate(id);
      return updated;
    },

    async remove(db, id) {
      const row = await find(db, id);
      await db.refreshToken.delete({ where: { id } });
      liveness.invalidate(id);
      return row;
    },
  };
}
