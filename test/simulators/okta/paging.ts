/** Okta's cursor paging: `limit` and an opaque `after`, answered with a `self` Link and, unless last, a `next` Link. */
import { oktaError, type SimAnswer } from "./wire.ts";

export interface Paged<T> {
  items: T[];
  links: string[];
}

/** The page size asked for (default when absent, capped at `max`), or an error answer for a non-number. */
export function readLimit(query: URLSearchParams, fallback: number, max: number): number | SimAnswer {
  const text = query.get("limit");
  if (text === null || text === "") return fallback;
  if (!/^\d+$/.test(text)) return oktaError(400, "E0000001", "Api validation failed: limit", ["limit: The field must be an integer"]);
  return Math.min(Math.max(Number(text), 1), max);
}

/** `self` is the request URL as received; `next` is the same URL with the new `after` (and the effective limit). */
export function linksFor(requestUrl: URL, after: string | null, limit: number): string[] {
  const links = [`<${requestUrl.href}>; rel="self"`];
  if (after !== null) {
    const next = new URL(requestUrl.href);
    next.searchParams.set("after", after);
    next.searchParams.set("limit", String(limit));
    links.push(`<${next.href}>; rel="next"`);
  }
  return links;
}

/** Users and groups page in id order; `after` is the last id of the previous page. */
export function pageById<T extends { id: string }>(items: T[], query: URLSearchParams, requestUrl: URL, limit: number): Paged<T> {
  const after = query.get("after");
  const ordered = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rest = after ? ordered.filter((item) => item.id > after) : ordered;
  const page = rest.slice(0, limit);
  const more = rest.length > page.length;
  return { items: page, links: linksFor(requestUrl, more ? page.at(-1)!.id : null, limit) };
}
