/** `GET /api/v1/groups` (plain, `q`, `search`, `filter`, paging), one group, and `GET /api/v1/groups/{id}/users` (1000 by default). */
import { evaluate, parseExpression, type ExpressionPolicy } from "./expression.ts";
import { pageById, readLimit } from "./paging.ts";
import { invalidSearch, notFound, type Handler } from "./wire.ts";

const searchable = new Set(["id", "created", "lastUpdated", "lastMembershipUpdated", "type", "source.id"]);

/** `search`: any profile attribute plus the top-level ones; `co` only on name and description. */
export const groupSearchPolicy: ExpressionPolicy = {
  allows: (path, op) => (searchable.has(path) || path.startsWith("profile.")) && (op !== "co" || path === "profile.name" || path === "profile.description"),
  caseInsensitive: true,
};

const filterable = new Set(["id", "type", "lastUpdated", "lastMembershipUpdated"]);

export const groupFilterPolicy: ExpressionPolicy = {
  allows: (path, op) => filterable.has(path) && (op === "eq" || ((path === "lastUpdated" || path === "lastMembershipUpdated") && ["gt", "ge", "lt", "le"].includes(op))),
  caseInsensitive: false,
};

export const listGroups: Handler = ({ state, query, url }) => {
  let groups = state.groups;
  const q = query.get("q");
  // `q` is a name prefix for pickers: no paging, 300 by default.
  if (q !== null) {
    const limit = readLimit(query, 300, 10_000);
    if (typeof limit !== "number") return limit;
    return { status: 200, body: groups.filter((group) => group.profile.name.toLowerCase().startsWith(q.toLowerCase())).slice(0, limit) };
  }
  for (const [name, policy] of [["search", groupSearchPolicy], ["filter", groupFilterPolicy]] as const) {
    const text = query.get(name);
    if (text === null) continue;
    const node = parseExpression(text, policy);
    if (!node) return invalidSearch();
    groups = groups.filter((group) => evaluate(node, group, policy));
  }
  const limit = readLimit(query, 10_000, 10_000);
  if (typeof limit !== "number") return limit;
  const page = pageById(groups, query, url, limit);
  return { status: 200, body: page.items, links: page.links };
};

export const getGroup: Handler = ({ state, params }) => {
  const [id = ""] = params;
  const group = state.groups.find((candidate) => candidate.id === id);
  return group ? { status: 200, body: group } : notFound(id, "UserGroup");
};

export const listGroupUsers: Handler = ({ state, params, query, url }) => {
  const [id = ""] = params;
  const memberIds = state.members.get(id);
  if (!state.groups.some((group) => group.id === id) || !memberIds) return notFound(id, "UserGroup");
  const limit = readLimit(query, 1000, 10_000);
  if (typeof limit !== "number") return limit;
  const page = pageById(state.users.filter((user) => memberIds.includes(user.id)), query, url, limit);
  return { status: 200, body: page.items, links: page.links };
};
