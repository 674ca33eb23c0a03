/** Opaque cursors for Jira's offset-paged lists (projects, comments), and page-size clamping. */
import { ProviderError } from "../types.ts";

export function encodeOffsetCursor(startAt: number): string {
  return Buffer.from(`startAt:${startAt}`, "utf8").toString("base64url");
}

export function decodeOffsetCursor(cursor: string | null): number {
  if (cursor === null) return 0;
  const match = /^startAt:(\d{1,9})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) throw new ProviderError("BAD_USER_INPUT", "The cursor was not issued by this list");
  return Number(match[1]);
}

/** Offset of the next page, or null when this page was the last (or empty, which would never advance). */
export function nextOffsetCursor(startAt: number, received: number, more: boolean): string | null {
  return more && received > 0 ? encodeOffsetCursor(startAt + received) : null;
}

export function pageSize(limit: number, max: number): number {
  return Math.min(Math.max(Math.trunc(limit) || 1, 1), max);
}
