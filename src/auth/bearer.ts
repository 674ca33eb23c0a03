/** Reading `Authorization: Bearer <token>`, the one way a token reaches this gateway. */

/** The token of a Bearer header, whose scheme may come in any case (RFC 9110 §11.1); null for any other header. */
export function bearerToken(authorization: string | null | undefined): string | null {
  return /^Bearer (\S+)$/i.exec(authorization?.trim() ?? "")?.[1] ?? null;
}

/** An access token's shape: three base64url parts, the last (the signature) possibly empty, which verification refuses. */
export const accessTokenShape = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
