/** The mock identity provider: each integration's own directory, one user in every status, with groups, lifecycle actions and an OCSF audit log. */
import { mockConfigFields, mockConfigSchema, type MockConfig } from "./config.ts";
import type { ProviderDefinition } from "../definition.ts";
import { operations } from "../operations.ts";
import { ProviderError, type IdentityGroup, type IdentityUser } from "../types.ts";
import { selectAuditRecords, toAuditLogEvent } from "./audit-log.ts";
import { mockGroups, mockMemberships } from "./data.ts";
import { groupFilters, matchesGroupFilter, matchesUserFilter, userFilters } from "./directory-query.ts";
import { applyLifecycle, findUser, logAction, seedIdentityState } from "./identity-state.ts";
import { pageOf } from "./paging.ts";
import { createIntegrationStore } from "./store.ts";
import { decideDisable, decideEnable, decidePasswordExpiry } from "./user-lifecycle.ts";

const stateOf = createIntegrationStore(seedIdentityState);

function findGroup(id: string): IdentityGroup {
  const group = mockGroups.find((candidate) => candidate.id === id);
  if (!group) throw new ProviderError("NOT_FOUND", "Group not found");
  return group;
}

export const identityMock: ProviderDefinition<"identity", MockConfig> = {
  id: "identity_mock",
  connector: "identity",
  name: "Mock identity",
  description:
    "Keeps each integration's directory in the gateway's memory: one user in every lifecycle status, four groups, and an audit log as OCSF events that the lifecycle actions write to. For development and tests; needs no credentials.",
  configSchema: mockConfigSchema,
  configFields: mockConfigFields,
  credentialTypes: [],
  operations: operations.identity,
  queryCapabilities: {
    identity_query_users: { filters: userFilters, orders: [] },
    identity_query_groups: { filters: groupFilters, orders: [] },
    identity_query_audit_log: { filters: ["since", "until", "eventTypes"], orders: [] },
  },
  credentialDestination: () => "mock",
  createAdapter: (_config, _credential, deps) => {
    const state = stateOf(deps.integrationKey);
    return {
      verify: async () => {},
      queryUsers: async (filter, page) => pageOf([...state.users.values()].filter(matchesUserFilter(filter)), page),
      getUser: async (id) => findUser(state, id),
      queryGroups: async (filter, page) => pageOf(mockGroups.filter(matchesGroupFilter(filter)), page),
      getGroup: async (id) => findGroup(id),
      listGroupMembers: async (groupId, page) => {
        const members: IdentityUser[] = (mockMemberships[findGroup(groupId).id] ?? []).map((id) => findUser(state, id));
        return pageOf(members, page);
      },
      queryAuditLog: async ({ limit, cursor, ...query }) => {
        const page = pageOf(selectAuditRecords(state.auditLog, query), { limit, cursor });
        return { items: page.items.map(toAuditLogEvent), nextCursor: page.nextCursor };
      },
      enableUser: async (id) => applyLifecycle(state, id, decideEnable, new Date()),
      disableUser: async (id, mode) => applyLifecycle(state, id, (status) => decideDisable(status, mode), new Date()),
      forcePasswordReset: async (id) => applyLifecycle(state, id, decidePasswordExpiry, new Date()),
      expireAllSessions: async (id) => logAction(state, findUser(state, id), "user.session.clear", "Clear user session", new Date()),
    };
  },
};
