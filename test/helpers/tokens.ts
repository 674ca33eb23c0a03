/**
 * Forges access tokens for authentication tests. A gateway started with `knownSigningKeys` signs
 * with a key the test also holds, so a test can re-sign a real token's claims with one thing
 * changed (an expired `exp`, a foreign issuer, a header trick) and see only that change refused.
 */
import { randomBytes } from "node:crypto";
import { decodeJwt, SignJWT, UnsecuredJWT, type JWTHeaderParameters, type JWTPayload } from "jose";

export interface SigningKey {
  id: string;
  secret: Uint8Array;
}

export function newSigningKey(id = `kid-${randomBytes(3).toString("hex")}`): SigningKey {
  return { id, secret: new Uint8Array(randomBytes(32)) };
}

/** The `SWITCHYARD_SIGNING_KEYS` value that makes a gateway sign with `key`. */
export const signingKeysEnv = (key: SigningKey) => ({
  SWITCHYARD_SIGNING_KEYS: `${key.id}:${Buffer.from(key.secret).toString("base64url")}`,
});

/** The claims of a token the gateway issued, as src/auth/jwt.ts wrote them. */
export const claimsOf = (token: string): JWTPayload => decodeJwt(token);

export interface ForgeOptions {
  /** Claims to drop entirely (e.g. `exp`). */
  omit?: string[];
  /** Extra or replacing protected-header parameters (e.g. `jku`, `kid`, an embedded `jwk`). */
  header?: Record<string, unknown>;
  /** Signs with this key material instead of the gateway's. */
  secret?: Uint8Array;
}

/** Signs `claims` as the gateway would (HS256, `typ: at+jwt`, the key's `kid`), with the requested deviations. */
export async function forge(key: SigningKey, claims: JWTPayload, options: ForgeOptions = {}): Promise<string> {
  const payload: JWTPayload = { ...claims };
  for (const name of options.omit ?? []) delete payload[name];
  return new SignJWT(payload)
    .setProtectedHeader({ alg: "HS256", typ: "at+jwt", kid: key.id, ...options.header } as JWTHeaderParameters)
    .sign(options.secret ?? key.secret);
}

/** The same claims with `alg: none` and no signature. */
export const unsigned = (claims: JWTPayload): string => new UnsecuredJWT({ ...claims }).encode();

export const nowSeconds = () => Math.floor(Date.now() / 1000);
