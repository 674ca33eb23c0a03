/**
 * `GET /api/v1/logs`: `since` (default `until` − 7 days), `until` (default now), `filter`, `q`, `limit`
 * (100 by default, at most 1000), `sortOrder` (ASCENDING by default) and an opaque `after`.
 * A query without `until` that runs ASCENDING is a polling query: its `next` link is always sent, even
 * when no event is left, so pollers can come back later. Every other query is bounded: no `next` at the end.
 */
import { evaluate, parseExpression, type ExpressionPolicy } from "./expression.ts";
import { linksFor, readLimit } from "./paging.ts";
import type { OktaSimState, SimLogEvent } from "./state.ts";
import { invalidSearch, oktaError, type Handler, type SimAnswer } from "./wire.ts";

/** The System Log filter takes any attribute and every operator. */
const logFilterPolicy: ExpressionPolicy = { allows: () => true, caseInsensitive: false };

type Position = [time: number, uuid: string];

const positionOf = (event: SimLogEvent): Position => [Date.parse(event.published), event.uuid];
const encodeAfter = (position: Position) => Buffer.from(JSON.stringify(position)).toString("base64url");

function decodeAfter(text: string): Position | null {
  try {
    const value = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as unknown;
    return Array.isArray(value) && typeof value[0] === "number" && typeof value[1] === "string" ? [value[0], value[1]] : null;
  } catch {
    return null;
  }
}

function compare(a: Position, b: Position): number {
  return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
}

function instant(query: URLSearchParams, name: string): number | null | undefined {
  const text = query.get(name);
  if (text === null) return undefined;
  const time = Date.parse(text);
  return /^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(time) ? time : null;
}

/** The events in [since, until) that pass `filter` and every `q` keyword, or an error answer. */
function matching(state: OktaSimState, query: URLSearchParams, lower: number, upper: number): SimLogEvent[] | SimAnswer {
  let events = state.logs.filter((event) => {
    const time = Date.parse(event.published);
    return time >= lower && time < upper;
  });
  const filter = query.get("filter");
  if (filter !== null) {
    const node = parseExpression(filter, logFilterPolicy);
    if (!node) return invalidSearch();
    events = events.filter((event) => evaluate(node, event, logFilterPolicy));
  }
  const keywords = (query.get("q") ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  return events.filter((event) => keywords.every((keyword) => JSON.stringify(event).toLowerCase().includes(keyword)));
}

export const listLogs: Handler = ({ state, query, url }) => {
  const until = instant(query, "until");
  const since = instant(query, "since");
  if (until === null || since === null) return oktaError(400, "E0000001", "Api validation failed: since/until", ["Invalid date format; use ISO 8601"]);
  const upper = until ?? state.now().getTime();
  const lower = since ?? upper - 7 * 24 * 3600 * 1000;
  if (lower > upper) return oktaError(400, "E0000001", "Api validation failed: since", ["since must be before until"]);
  const sortOrder = query.get("sortOrder") ?? "ASCENDING";
  if (sortOrder !== "ASCENDING" && sortOrder !== "DESCENDING") return oktaError(400, "E0000001", "Api validation failed: sortOrder");
  const limit = readLimit(query, 100, 1000);
  if (typeof limit !== "number") return limit;
  const afterText = query.get("after");
  const after = afterText === null ? null : decodeAfter(afterText);
  if (afterText !== null && after === null) return oktaError(400, "E0000001", "Api validation failed: after");
  const events = matching(state, query, lower, upper);
  if (!Array.isArray(events)) return events;

  const direction = sortOrder === "ASCENDING" ? 1 : -1;
  events.sort((a, b) => direction * compare(positionOf(a), positionOf(b)));
  const rest = after ? events.filter((event) => direction * compare(positionOf(event), after) > 0) : events;
  const page = rest.slice(0, limit);
  const polling = until === undefined && sortOrder === "ASCENDING";
  const last = page.at(-1);
  const resumeAt: Position | null = last ? positionOf(last) : (after ?? (polling ? [lower - 1, ""] : null));
  const next = rest.length > page.length || polling ? resumeAt : null;
  return { status: 200, body: page, links: linksFor(url, next ? encodeAfter(next) : null, limit) };
};
