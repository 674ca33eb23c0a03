/** The permissions of the management layer and the built-in permission sets that bundle them. */

export const permissions = [
  "organization:read",
  "organization:write",
  "members:read",
  "members:write",
  "roles:read",
  "roles:write",
  "accounts:read",
  "accounts:write",
  "integration-points:read",
  "integration-points:write",
  "integrations:read",
  "integrations:write",
  /** Create and verify integrations under the token's integration point; nothing else (connect tokens). */
  "integrations:connect",
  "credentials:read",
  "credentials:write",
  "webhooks:read",
  "webhooks:write",
  "audit:read",
  "status:read",
  "status:write",
  "tokens:read",
  "tokens:write",
  "tokens:issue-organization",
  "tokens:issue-integration",
] as const;

export type Permission = (typeof permissions)[number];

const reads = permissions.filter((permission) => permission.endsWith(":read"));

export const permissionSets = {
  administrator: {
    description: "Everything in the organization, including members, roles and tokens.",
    permissions: [...permissions],
  },
  viewer: {
    description: "Read everything, change nothing.",
    permissions: reads,
  },
  member: {
    description: "Read everything; manage accounts, integrations, integration points, credentials, webhooks and integration tokens.",
    permissions: [
      ...reads,
      "accounts:write",
      "integration-points:write",
      "integrations:write",
      "integrations:connect",
      "credentials:write",
      "webhooks:write",
      "status:write",
      "tokens:issue-integration",
    ],
  },
  "account-manager": {
    description: "Manage accounts, their integrations, credentials and integration tokens; no members, roles or webhooks.",
    permissions: [
      "organization:read",
      "accounts:read",
      "accounts:write",
      "integration-points:read",
      "integrations:read",
      "integrations:write",
      "integrations:connect",
      "credentials:read",
      "credentials:write",
      "status:read",
      "status:write",
      "audit:read",
      "tokens:issue-integration",
    ],
  },
  "connect-ui": {
    description: "For the Connect page: create and verify integrations of one account under one integration point; change or delete nothing.",
    permissions: ["integration-points:read", "integrations:read", "integrations:connect"],
  },
  "token-issuer": {
    description: "Mint organization and integration tokens no wider than itself; read accounts and integrations.",
    permissions: ["organization:read", "accounts:read", "integrations:read", "tokens:issue-organization", "tokens:issue-integration"],
  },
} as const satisfies Record<string, { description: string; permissions: readonly Permission[] }>;

export type PermissionSetId = keyof typeof permissionSets;

export const permissionSetIds = Object.keys(permissionSets) as PermissionSetId[];

export function isPermissionSetId(value: string): value is PermissionSetId {
  return Object.hasOwn(permissionSets, value);
}

export function isPermission(value: string): value is Permission {
  return (permissions as readonly string[]).includes(value);
}
