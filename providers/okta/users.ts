/** User reads: the user list (an Okta `search`) and one user by id. */
import type { IdentityUser, IdentityUserFilter, Page, PageRequest } from "../types.ts";
import { segment, type OktaCall } from "./client.ts";
import type { OktaContext } from "./context.ts";
import { oktaFacts } from "./descriptor.ts";
import { userSearch } from "./filters.ts";
import { readPage } from "./list-page.ts";
import { toIdentityUser } from "./normalise.ts";
import { OktaUser } from "./payloads.ts";

export const usersPath = "/api/v1/users";

/** Always a `search`, so DEPROVISIONED users are listed whatever the filter (see filters.ts). */
export async function queryUsers(context: OktaContext, filter: IdentityUserFilter, page: PageRequest): Promise<Page<IdentityUser>> {
  // A next page's URL already carries the search.
  const search = page.cursor ? null : userSearch(filter);
  return readPage(
    context,
    {
      operation: "identity_query_users",
      path: usersPath,
      query: { search: search ?? undefined },
      maxPageSize: oktaFacts.pagination.maxPageSize.users,
      action: "list users",
      subject: "user list",
    },
    page,
    OktaUser,
    toIdentityUser,
  );
}

export async function readUser(context: OktaContext, id: string, operation: OktaCall["operation"]): Promise<OktaUser> {
  return context.client.read(
    { operation, method: "GET", path: `${usersPath}/${segment(id, "user id")}`, action: "read the user", subject: `user ${id}` },
    OktaUser,
  );
}

export async function getUser(context: OktaContext, id: string): Promise<IdentityUser> {
  return toIdentityUser(await readUser(context, id, "identity_get_user"));
}
