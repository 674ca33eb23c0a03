/** The Okta IdentityAdapter: each method delegates to the operation module that owns it. */
import type { IdentityAdapter } from "../types.ts";
import { queryAuditLog } from "./audit-log.ts";
import type { OktaContext } from "./context.ts";
import { getGroup, listGroupMembers, queryGroups } from "./groups.ts";
import { disableUser, enableUser, expireAllSessions, forcePasswordReset } from "./lifecycle.ts";
import { OktaUser } from "./payloads.ts";
import { getUser, queryUsers, usersPath } from "./users.ts";

export function createOktaAdapter(context: OktaContext): IdentityAdapter {
  return {
    async verify() {
      // An API token acts as the admin who made it, and `/users/me` returns that admin: the cheapest proof
      // of org and token. An OAuth token from a service app has no user behind it, so it lists one user,
      // which needs okta.users.read, a scope the connector needs anyway.
      const call = { operation: "identity_verify", method: "GET", action: "verify the connection" } as const;
      if (context.scheme === "SSWS") await context.client.read({ ...call, path: `${usersPath}/me`, subject: "user behind the API token" }, OktaUser);
      else await context.client.list({ ...call, path: usersPath, query: { limit: 1 }, subject: "user list" }, OktaUser);
    },
    queryUsers: (filter, page) => queryUsers(context, filter, page),
    getUser: (id) => getUser(context, id),
    queryGroups: (filter, page) => queryGroups(context, filter, page),
    getGroup: (id) => getGroup(context, id),
    listGroupMembers: (groupId, page) => listGroupMembers(context, groupId, page),
    queryAuditLog: (query) => queryAuditLog(context, query),
    enableUser: (id) => enableUser(context, id),
    disableUser: (id, mode) => disableUser(context, id, mode),
    forcePasswordReset: (id) => forcePasswordReset(context, id),
    expireAllSessions: (id) => expireAllSessions(context, id),
  };
}
