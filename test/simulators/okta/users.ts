/** `GET /api/v1/users` (plain, `q`, `search`, `filter`, paging) and `GET /api/v1/users/{idOrLogin}` (also `me`). */
import { evaluate, parseExpression, type ExpressionPolicy } from "./expression.ts";
import { pageById, readLimit } from "./paging.ts";
import { findUser, type SimUser } from "./state.ts";
import { invalidSearch, notFound, type Handler, type SimAnswer } from "./wire.ts";

const searchTopLevel = new Set(["id", "status", "created", "activated", "statusChanged", "lastUpdated", "type.id"]);
const containsAllowed = new Set(["profile.firstName", "profile.lastName", "profile.email", "profile.login"]);

/** `search`: any profile attribute and the top-level dates, `co` on four names only, values case-insensitive. */
export const userSearchPolicy: ExpressionPolicy = {
  allows: (path, op) => (searchTopLevel.has(path) || path.startsWith("profile.")) && (op !== "co" || containsAllowed.has(path)),
  caseInsensitive: true,
};

const filterable = new Set(["status", "lastUpdated", "id", "profile.login", "profile.email", "profile.firstName", "profile.lastName"]);

/** `filter`: seven properties, `eq` only except ranges on lastUpdated, values case-sensitive. */
export const userFilterPolicy: ExpressionPolicy = {
  allows: (path, op) => filterable.has(path) && (op === "eq" || (path === "lastUpdated" && ["gt", "ge", "lt", "le"].includes(op))),
  caseInsensitive: false,
};

export const listUsers: Handler = ({ state, query, url }) => {
  const q = query.get("q");
  if (q !== null) return quickFind(state.users, q, query);
  let users = state.users;
  const expressions: [string, ExpressionPolicy][] = [];
  for (const [name, policy] of [["search", userSearchPolicy], ["filter", userFilterPolicy]] as const) {
    const text = query.get(name);
    if (text !== null) expressions.push([text, policy]);
  }
  // Only search and filter reach DEPROVISIONED users; the plain list leaves them out.
  if (expressions.length === 0) users = users.filter((user) => user.status !== "DEPROVISIONED");
  for (const [text, policy] of expressions) {
    const node = parseExpression(text, policy);
    if (!node) return invalidSearch();
    users = users.filter((user) => evaluate(node, user, policy));
  }
  const limit = readLimit(query, 200, 200);
  if (typeof limit !== "number") return limit;
  const page = pageById(users, query, url, limit);
  // Stored users carry only their `self` link, which is all Okta puts on users in a collection.
  return { status: 200, body: page.items, links: page.links };
};

/** `q`: a prefix of first name, last name or email, no paging, ten by default, no DEPROVISIONED users. */
function quickFind(users: SimUser[], q: string, query: URLSearchParams): SimAnswer {
  const limit = readLimit(query, 10, 200);
  if (typeof limit !== "number") return limit;
  const prefix = q.toLowerCase();
  const matches = users.filter(
    (user) =>
      user.status !== "DEPROVISIONED" &&
      ["firstName", "lastName", "email"].some((name) => String(user.profile[name] ?? "").toLowerCase().startsWith(prefix)),
  );
  return { status: 200, body: matches.slice(0, limit) };
}

export const getUser: Handler = ({ state, params, token, baseUrl }) => {
  const [idOrLogin = ""] = params;
  const user = idOrLogin === "me" ? state.users.find((candidate) => candidate.id === token.owner) : findUser(state, idOrLogin);
  return user ? { status: 200, body: singleView(user, baseUrl) } : notFound(idOrLogin, "User");
};

/** A single user carries the lifecycle links its status allows. */
export function singleView(user: SimUser, baseUrl: string): SimUser {
  const self = `${baseUrl}/api/v1/users/${user.id}`;
  const lifecycle: Record<string, string[]> = {
    ACTIVE: ["suspend", "deactivate", "expire_password", "reset_password"],
    SUSPENDED: ["unsuspend", "deactivate"],
    LOCKED_OUT: ["unlock", "deactivate", "expire_password", "reset_password"],
    STAGED: ["activate", "deactivate"],
    DEPROVISIONED: ["activate"],
    PROVISIONED: ["reactivate", "deactivate"],
    RECOVERY: ["reactivate", "deactivate", "expire_password", "reset_password"],
    PASSWORD_EXPIRED: ["deactivate", "expire_password", "reset_password"],
  };
  const links: Record<string, { href: string; method?: string }> = { self: { href: self } };
  for (const name of lifecycle[user.status] ?? []) {
    links[name.replace(/_(\w)/g, (_match, letter: string) => letter.toUpperCase())] = { href: `${self}/lifecycle/${name}`, method: "POST" };
  }
  return { ...user, _links: links };
}
