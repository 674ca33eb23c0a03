/** Group reads: the group list (plain, or narrowed with `search`), one group, and a group's member users. */
import type { IdentityGroup, IdentityGroupFilter, IdentityUser, Page, PageRequest } from "../types.ts";
import { segment } from "./client.ts";
import type { OktaContext } from "./context.ts";
import { oktaFacts } from "./descriptor.ts";
import { groupSearch } from "./filters.ts";
import { readPage } from "./list-page.ts";
import { toIdentityGroup, toIdentityUser } from "./normalise.ts";
import { OktaGroup, OktaUser } from "./payloads.ts";

const groupsPath = "/api/v1/groups";

export async function queryGroups(context: OktaContext, filter: IdentityGroupFilter, page: PageRequest): Promise<Page<IdentityGroup>> {
  const search = page.cursor ? null : groupSearch(filter);
  return readPage(
    context,
    {
      operation: "identity_query_groups",
      path: groupsPath,
      query: { search: search ?? undefined },
      maxPageSize: oktaFacts.pagination.maxPageSize.groups,
      action: "list groups",
      subject: "group list",
    },
    page,
    OktaGroup,
    toIdentityGroup,
  );
}

export async function getGroup(context: OktaContext, id: string): Promise<IdentityGroup> {
  const group = await context.client.read(
    { operation: "identity_get_group", method: "GET", path: `${groupsPath}/${segment(id, "group id")}`, action: "read the group", subject: `group ${id}` },
    OktaGroup,
  );
  return toIdentityGroup(group);
}

/** Okta's default page here is 1000 users; the adapter always asks for a bounded page instead. */
export async function listGroupMembers(context: OktaContext, groupId: string, page: PageRequest): Promise<Page<IdentityUser>> {
  return readPage(
    context,
    {
      operation: "identity_list_group_members",
      path: `${groupsPath}/${segment(groupId, "group id")}/users`,
      query: {},
      maxPageSize: oktaFacts.pagination.maxPageSize.groupMembers,
      action: "list the group's members",
      subject: `group ${groupId}`,
    },
    page,
    OktaUser,
    toIdentityUser,
  );
}
