/**
 * Filters mock users and groups as the Okta adapter's `search` expressions do: text matches without
 * regard to case, `search` and a group `name` are prefixes, an empty prefix is no condition, and
 * `updatedAfter` is at or after. Pure.
 */
import type { IdentityGroup, IdentityGroupFilter, IdentityUser, IdentityUserFilter } from "../types.ts";
import { optionalMillis } from "../unified/instants.ts";

export const userFilters = ["status", "email", "login", "search", "updatedAfter"];

export const groupFilters = ["name", "type"];

const same = (a: string | null, b: string) => a !== null && a.toLowerCase() === b.toLowerCase();
const startsWith = (value: string | null, prefix: string) => value !== null && value.toLowerCase().startsWith(prefix.toLowerCase());

export function matchesUserFilter(filter: IdentityUserFilter): (user: IdentityUser) => boolean {
  const updatedAfter = optionalMillis(filter.updatedAfter, "updatedAfter");
  const prefix = filter.search ?? "";
  return (user) =>
    (!filter.status?.length || filter.status.includes(user.status)) &&
    (filter.email === undefined || same(user.email, filter.email)) &&
    (filter.login === undefined || same(user.login, filter.login)) &&
    (prefix === "" || [user.login, user.email, user.firstName, user.lastName].some((value) => startsWith(value, prefix))) &&
    (updatedAfter === null || Date.parse(user.updatedAt) >= updatedAfter);
}

/** A group's type is an enumeration in Okta, matched exactly. */
export function matchesGroupFilter(filter: IdentityGroupFilter): (group: IdentityGroup) => boolean {
  const prefix = filter.name ?? "";
  const type = filter.type ?? "";
  return (group) => (prefix === "" || startsWith(group.name, prefix)) && (type === "" || group.type === type);
}
