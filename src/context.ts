/**
 * Builds the per-request (and per-WebSocket-operation) context. The token is verified once, here:
 * a missing-but-needed token is answered per field; a bad, expired or revoked token fails the
 * whole request with 401; tenant/org headers that disagree with the token fail it with 403.
 */
import { randomUUID } from "node:crypto";
import { accessTokenShape, bearerToken } from "./auth/bearer.ts";
import { InvalidTokenError, type AccessClaims } from "./auth/jwt.ts";
import { anonymous, type Viewer } from "./auth/viewer.ts";
import { forbiddenRequest, unauthenticated } from "./errors.ts";
import type { PrismaClient } from "./generated/prisma/client.ts";
import { createLoaders, type Loaders } from "./loaders/loaders.ts";
import type { Services } from "./services/services.ts";

export interface Context {
  requestId: string;
  remoteAddress: string | null;
  viewer: Viewer;
  /** Scoped to the viewer's tenant, organization and accounts; sees nothing for anonymous callers. */
  db: PrismaClient;
  services: Services;
  loaders: Loaders;
  /** For graphql-ws operations: the connection, to close it (e.g. 4403 when the token is revoked). */
  connection?: Connection;
}

export interface RequestFacts {
  authorization: string | null;
  tenantHeader: string | null;
  organizationHeader: string | null;
  requestId: string | null;
  remoteAddress: string | null;
  connection?: Connection;
}

/** A WebSocket connection as far as the context needs it (the `ws` socket itself fits). */
export interface Connection {
  close(code: number, reason: string): void;
}

const nobody = { tenantId: "00000000-0000-0000-0000-000000000000", organizationId: "00000000-0000-0000-0000-000000000000", accountIds: [] };

function toViewer(claims: AccessClaims): Viewer {
  const common = {
    tenantId: claims.tid,
    organizationId: claims.org,
    refreshTokenId: claims.rtid,
    tokenId: claims.jti,
    expiresAt: new Date(claims.exp * 1000),
  };
  if (claims.layer === "connector") {
    return { ...common, kind: "integration", accountId: claims.acct, integrationId: claims.int };
  }
  return { ...common, kind: "organization", memberId: claims.mid, session: claims.ses === true, permissions: new Set(claims.perm), accountIds: claims.acc, integrationPointId: claims.ipt ?? null };
}

export async function authenticate(services: Services, authorization: string | null): Promise<Viewer> {
  if (!authorization) return anonymous;
  const token = bearerToken(authorization);
  if (!token || !accessTokenShape.test(token)) throw unauthenticated("Authorization must be `Bearer <access token>`");
  let claims: AccessClaims;
  try {
    claims = await services.signer.verify(token);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw unauthenticated(`Access token not accepted: ${error.message}`);
    throw error;
  }
  if (!(await services.liveness.isLive(claims.rtid, claims.jti))) {
    // Within the clock tolerance an expired token still verifies, and its pair has usually expired with it.
    throw unauthenticated(`Access token not accepted: ${claims.exp * 1000 <= Date.now() ? "token expired" : "revoked"}`);
  }
  return toViewer(claims);
}

export async function createContext(services: Services, facts: RequestFacts): Promise<Context> {
  const viewer = await authenticate(services, facts.authorization);
  if (viewer.kind !== "anonymous") {
    if (facts.tenantHeader !== null && facts.tenantHeader !== viewer.tenantId) throw forbiddenRequest("X-Tenant-ID does not match the token");
    if (facts.organizationHeader !== null && facts.organizationHeader !== viewer.organizationId) {
      throw forbiddenRequest("X-Org-ID does not match the token");
    }
  }
  const scope =
    viewer.kind === "anonymous"
      ? nobody
      : {
          tenantId: viewer.tenantId,
          organizationId: viewer.organizationId,
          accountIds: viewer.kind === "integration" ? [viewer.accountId] : viewer.accountIds,
          memberId: viewer.kind === "organization" ? viewer.memberId : null,
        };
  const db = services.scoped(scope);
  const requestId = facts.requestId && /^[A-Za-z0-9._-]{1,128}$/.test(facts.requestId) ? facts.requestId : randomUUID();
  const context = {
    requestId,
    remoteAddress: facts.remoteAddress,
    viewer,
    db,
    services,
    ...(facts.connection && { connection: facts.connection }),
  } as Context;
  context.loaders = createLoaders(db, scope, context);
  return context;
}
