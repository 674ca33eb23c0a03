/** Offset paging over in-memory lists, with the offset as the opaque cursor. */
import type { Page, PageRequest } from "../types.ts";

export function pageOf<T>(items: readonly T[], page: PageRequest): Page<T> {
  const start = page.cursor ? Number.parseInt(page.cursor, 10) || 0 : 0;
  const end = start + page.limit;
  return { items: items.slice(start, end), nextCursor: end < items.length ? String(end) : null };
}
