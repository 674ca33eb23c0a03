/**
 * Page cursors for Okta lists. The cursor handed to callers is Okta's own `rel="next"` URL, base64url-encoded
 * so it stays opaque; the next page is fetched from exactly that URL, never rebuilt from an `after` value.
 * A cursor is honoured only on the integration's own origin and for the list that issued it.
 */
import { ProviderError } from "../types.ts";

export function encodeCursor(nextUrl: string): string {
  return Buffer.from(nextUrl, "utf8").toString("base64url");
}

/** The URL to fetch for `cursor`, refused unless it is on `baseUrl`'s origin, on `listPath`, and carries no credentials. */
export function decodeCursor(cursor: string, baseUrl: string, listPath: string): string {
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, "base64url").toString("utf8") : "";
  if (!isOwnListUrl(text, baseUrl, listPath)) throw new ProviderError("BAD_USER_INPUT", "The cursor was not issued by this list");
  return text;
}

/**
 * The cursor for the page after this one, or null on the last page. A `next` link that leaves the org
 * is a provider fault: following it would send the token elsewhere.
 */
export function cursorFor(next: string | null, baseUrl: string, listPath: string): string | null {
  if (next === null) return null;
  const absolute = URL.canParse(next, baseUrl) ? new URL(next, baseUrl).href : "";
  if (!isOwnListUrl(absolute, baseUrl, listPath)) {
    throw new ProviderError("PROVIDER_ERROR", "Okta pointed the next page at another address, which the gateway does not follow");
  }
  // Absolute links (all Okta sends) are kept byte for byte; only a relative one is resolved.
  return encodeCursor(/^https?:\/\//i.test(next) ? next : absolute);
}

function isOwnListUrl(text: string, baseUrl: string, listPath: string): boolean {
  if (!/^https?:\/\//i.test(text) || !URL.canParse(text)) return false;
  const url = new URL(text);
  return url.origin === new URL(baseUrl).origin && url.pathname === listPath && url.username === "" && url.password === "" && url.hash === "";
}

/** The page size to ask for: the caller's limit, clamped to 1…max. */
export function pageSize(limit: number, max: number): number {
  return Math.min(Math.max(Math.trunc(limit) || 1, 1), max);
}
