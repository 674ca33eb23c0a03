/**
 * Builds Okta's SCIM-style expressions from the unified filters. Pure.
 *
 * Users and groups are narrowed with `search`, never `filter`: `search` is the parameter Okta
 * recommends, it is the only one with `sw` (prefix) matching, its string values match case-insensitively
 * (emails and logins are not case-sensitive), and, unlike a plain list, it returns DEPROVISIONED users.
 * The price is that Okta serves it from an eventually consistent index. Users are always searched,
 * even with no condition: a plain list omits DEPROVISIONED users, so which users came back would
 * depend on whether some unrelated condition was given.
 */
import type { IdentityGroupFilter, IdentityUserFilter } from "../types.ts";
import { toMillis } from "../unified/instants.ts";
import { OktaUserStatus } from "./payloads.ts";

/**
 * A string literal in an expression. Okta follows SCIM (RFC 7644 §3.4.2.2), whose values are JSON
 * strings, so JSON quoting escapes `"` and `\` and control characters exactly as the grammar needs.
 */
export function quote(value: string): string {
  return JSON.stringify(value);
}

/** An instant as Okta writes it in expressions and query parameters, `2026-11-23T12:00:00.000Z`. */
export function toOktaInstant(value: string, what: string): string {
  return new Date(toMillis(value, what)).toISOString();
}

/** `a or b or c`, parenthesised when it is joined to other conditions with `and`. */
function anyOf(terms: string[]): string {
  return terms.length === 1 ? terms[0]! : `(${terms.join(" or ")})`;
}

/** The user profile attributes a unified `search` prefix is matched against. */
const prefixAttributes = ["profile.login", "profile.email", "profile.firstName", "profile.lastName"];

/** Matches every user, whatever their status: the expression for a filter without conditions. */
const everyUser = anyOf(OktaUserStatus.options.map((status) => `status eq ${quote(status)}`));

/** The `search` expression for a user filter. */
export function userSearch(filter: IdentityUserFilter): string {
  const terms: string[] = [];
  const statuses = [...new Set(filter.status ?? [])];
  if (statuses.length > 0) terms.push(anyOf(statuses.map((status) => `status eq ${quote(status)}`)));
  if (filter.email !== undefined) terms.push(`profile.email eq ${quote(filter.email)}`);
  if (filter.login !== undefined) terms.push(`profile.login eq ${quote(filter.login)}`);
  const prefix = filter.search;
  if (prefix !== undefined && prefix !== "") terms.push(anyOf(prefixAttributes.map((attribute) => `${attribute} sw ${quote(prefix)}`)));
  // At or after, as the unified filter says: Okta times have whole seconds, so a sync resuming from the
  // last `lastUpdated` it saw with `gt` would skip users updated later in that same second.
  if (filter.updatedAfter !== undefined) terms.push(`lastUpdated ge ${quote(toOktaInstant(filter.updatedAfter, "updatedAfter"))}`);
  return terms.length > 0 ? terms.join(" and ") : everyUser;
}

/** The `search` expression for a group filter (name prefix, exact type), or null. */
export function groupSearch(filter: IdentityGroupFilter): string | null {
  const terms: string[] = [];
  if (filter.name !== undefined && filter.name !== "") terms.push(`profile.name sw ${quote(filter.name)}`);
  if (filter.type !== undefined && filter.type !== "") terms.push(`type eq ${quote(filter.type)}`);
  return terms.length > 0 ? terms.join(" and ") : null;
}

/** The System Log `filter` keeping the given event types, or null for all of them. */
export function eventTypeFilter(eventTypes: readonly string[] | undefined): string | null {
  const types = [...new Set(eventTypes ?? [])].filter((type) => type !== "");
  return types.length > 0 ? anyOf(types.map((type) => `eventType eq ${quote(type)}`)) : null;
}
