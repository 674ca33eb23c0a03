/**
 * Signs and verifies access tokens: HS256 only, a key id on every token, and every claim required.
 * Header tricks (`jku`, `x5u`, embedded `jwk`, `crit`, unknown `kid`) are refused before any key is used.
 */
import { decodeProtectedHeader, errors, jwtVerify, SignJWT } from "jose";
import { LRUCache } from "lru-cache";
import { createSecretKey, randomUUID, type KeyObject } from "node:crypto";
import { z } from "zod";
import type { KeyMaterial } from "../config.ts";
import { isPermission, type Permission } from "./permissions.ts";

const algorithm = "HS256";
const clockToleranceSeconds = 30;
const maxTokenAgeSeconds = 25 * 3600;
/** Verified tokens remembered; the least recently used is forgotten first. */
const maxVerifiedTokens = 10_000;

/** The date checks `jwtVerify` makes, for a token whose signature was verified before. */
function stillInDate(claims: AccessClaims): boolean {
  const now = Math.floor(Date.now() / 1000);
  return now - clockToleranceSeconds < claims.exp && now - maxTokenAgeSeconds - clockToleranceSeconds <= claims.iat;
}

export const audiences = {
  management: "switchyard:management",
  connector: "switchyard:connector",
} as const;

const uuid = z.string().uuid();

const baseClaims = z.object({
  iss: z.string(),
  sub: z.string().min(1),
  jti: uuid,
  iat: z.number().int(),
  exp: z.number().int(),
  tid: uuid,
  org: uuid,
  rtid: uuid,
});

const managementClaims = baseClaims.extend({
  layer: z.literal("management"),
  aud: z.literal(audiences.management),
  mid: uuid.nullable(),
  /** Present and true on a member's logon session. */
  ses: z.boolean().optional(),
  perm: z.array(z.string().refine(isPermission)).transform((list) => list as Permission[]),
  acc: z.array(uuid).nullable(),
  /** A connect token's integration point. */
  ipt: uuid.optional(),
});

const connectorClaims = baseClaims.extend({
  layer: z.literal("connector"),
  aud: z.literal(audiences.connector),
  acct: uuid,
  int: uuid,
});

const accessClaims = z.discriminatedUnion("layer", [managementClaims, connectorClaims]);

export type AccessClaims = z.infer<typeof accessClaims>;
export type ManagementClaimsInput = Omit<z.input<typeof managementClaims>, "iss" | "aud" | "iat" | "exp" | "jti">;
export type ConnectorClaimsInput = Omit<z.input<typeof connectorClaims>, "iss" | "aud" | "iat" | "exp" | "jti">;

export class InvalidTokenError extends Error {
  override readonly name = "InvalidTokenError";
}

export interface TokenSigner {
  sign(claims: ManagementClaimsInput | ConnectorClaimsInput, ttlSeconds: number): Promise<{ token: string; jti: string; expiresAt: Date }>;
  verify(token: string): Promise<AccessClaims>;
  /**
   * The claims of a token this signer signed or verified before and still remembers, without any
   * check: only for choosing where a request waits (its organization's lane) before it is read.
   * The request is verified in full afterwards; a token never seen here gives undefined.
   */
  recognize(token: string): AccessClaims | undefined;
}

const forbiddenHeaders = ["jku", "x5u", "x5c", "jwk", "crit", "b64"];

/** `keys` is read on every call: the key store replaces its entries in place when keys rotate. */
export function createTokenSigner(keys: KeyMaterial, issuer: string): TokenSigner {
  if (keys.length === 0) throw new Error("at least one signing key is required");
  // A token's signature, once checked, stays checked: later requests with the same token only
  // re-check its dates and that its key is still in the ring (a retired or replaced key drops it).
  const verified = new LRUCache<string, { claims: AccessClaims; key: KeyMaterial[number] }>({ max: maxVerifiedTokens });
  const cryptoKeys = new WeakMap<KeyMaterial[number], KeyObject>();
  const cryptoKey = (key: KeyMaterial[number]) => {
    let imported = cryptoKeys.get(key);
    if (!imported) cryptoKeys.set(key, (imported = createSecretKey(new Uint8Array(key.secret))));
    return imported;
  };

  return {
    async sign(claims, ttlSeconds) {
      const [active] = keys;
      if (!active) throw new Error("no signing key configured");
      const jti = randomUUID();
      const now = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({ ...claims })
        .setProtectedHeader({ alg: algorithm, typ: "at+jwt", kid: active.id })
        .setIssuer(issuer)
        .setAudience(audiences[claims.layer])
        .setIssuedAt(now)
        .setExpirationTime(now + ttlSeconds)
        .setJti(jti)
        .sign(new Uint8Array(active.secret));
      const signed = accessClaims.safeParse({ ...claims, iss: issuer, aud: audiences[claims.layer], iat: now, exp: now + ttlSeconds, jti });
      if (signed.success) verified.set(token, { claims: signed.data, key: active });
      return { token, jti, expiresAt: new Date((now + ttlSeconds) * 1000) };
    },

    recognize(token) {
      return verified.peek(token)?.claims;
    },

    async verify(token) {
      const known = verified.get(token);
      if (known && keys.includes(known.key) && stillInDate(known.claims)) return known.claims;
      let header: ReturnType<typeof decodeProtectedHeader>;
      try {
        header = decodeProtectedHeader(token);
      } catch {
        throw new InvalidTokenError("malformed token");
      }
      if (header.alg !== algorithm || forbiddenHeaders.some((name) => name in header)) {
        throw new InvalidTokenError("token header not accepted");
      }
      const found = typeof header.kid === "string" ? keys.find((candidate) => candidate.id === header.kid) : undefined;
      if (!found) throw new InvalidTokenError("unknown signing key");
      try {
        const { payload } = await jwtVerify(token, cryptoKey(found), {
          algorithms: [algorithm],
          issuer,
          audience: [audiences.management, audiences.connector],
          requiredClaims: ["exp", "iat", "jti", "sub", "iss", "aud"],
          clockTolerance: clockToleranceSeconds,
          maxTokenAge: `${maxTokenAgeSeconds}s`,
        });
        const parsed = accessClaims.safeParse(payload);
        if (!parsed.success) throw new InvalidTokenError("token claims not accepted");
        verified.set(token, { claims: parsed.data, key: found });
        return parsed.data;
      } catch (error) {
        if (error instanceof InvalidTokenError) throw error;
        if (error instanceof errors.JWTExpired) throw new InvalidTokenError("token expired");
        if (error instanceof errors.JOSEError) throw new InvalidTokenError("token not accepted");
        throw error;
      }
    },
  };
}
