/** The mock identity provider: one user in every status, read-only. */
import { mockConfigFields, mockConfigSchema, type MockConfig } from "./config.ts";
import type { ProviderDefinition } from "../definition.ts";
import { ProviderError } from "../types.ts";
import { mockUsers } from "./data.ts";
import { pageOf } from "./paging.ts";

const unsupported = async (): Promise<never> => {
  throw new ProviderError("UNSUPPORTED_OPERATION", "The mock identity provider is read-only");
};

export const identityMock: ProviderDefinition<"identity", MockConfig> = {
  id: "identity_mock",
  connector: "identity",
  name: "Mock identity",
  description: "Serves one user in every lifecycle status for development and tests; needs no credentials.",
  configSchema: mockConfigSchema,
  configFields: mockConfigFields,
  credentialTypes: [],
  operations: ["identity_query_users", "identity_get_user"],
  queryCapabilities: { identity_query_users: { filters: ["status", "email"], orders: [] } },
  createAdapter: () => ({
    verify: async () => {},
    queryUsers: async (filter, page) =>
      pageOf(
        mockUsers.filter(
          (user) => (!filter.status?.length || filter.status.includes(user.status)) && (!filter.email || user.email === filter.email),
        ),
        page,
      ),
    getUser: async (id) => {
      const user = mockUsers.find((candidate) => candidate.id === id);
      if (!user) throw new ProviderError("NOT_FOUND", "User not found");
      return user;
    },
    queryGroups: unsupported,
    getGroup: unsupported,
    listGroupMembers: unsupported,
    queryAuditLog: unsupported,
    enableUser: unsupported,
    disableUser: unsupported,
    forcePasswordReset: unsupported,
    expireAllSessions: unsupported,
  }),
};
