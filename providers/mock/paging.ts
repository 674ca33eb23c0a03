/** Offset paging over in-memory lists, with the offset as the opaque cursor. */
import { ProviderError, type Page, type PageRequest } from "../types.ts";

export function pageOf<T>(items: readonly T[], page: PageRequest): Page<T> {
  const start = offsetOf(page.cursor);
  const end = start + Math.max(1, Math.trunc(page.limit) || 1);
  return { items: items.slice(start, end), nextCursor: end < items.length ? String(end) : null };
}

function offsetOf(cursor: string | null): number {
  if (cursor === null) return 0;
  if (!/^\d{1,9}$/.test(cursor)) throw new ProviderError("BAD_USER_INPUT", "The cursor was not issued by this list");
  return Number(cursor);
}
