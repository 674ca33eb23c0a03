/** The typed connector-API documents the Okta end-to-end test sends. */
import { graphql } from "../generated/index.ts";

export const UsersQuery = graphql(`
  query OktaUsers($first: Int, $after: String, $filter: IdentityUserFilter) {
    identityUsers(first: $first, after: $after, filter: $filter) {
      edges { cursor node { id login email firstName lastName displayName status } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const UserQuery = graphql(`
  query OktaUser($id: ID!) {
    identityUser(id: $id) { id login email firstName lastName displayName status createdAt updatedAt lastLoginAt raw }
  }
`);

export const GroupsQuery = graphql(`
  query OktaGroups($first: Int, $after: String, $filter: IdentityGroupFilter) {
    identityGroups(first: $first, after: $after, filter: $filter) {
      edges { node { id name type description } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const GroupQuery = graphql(`
  query OktaGroup($id: ID!) {
    identityGroup(id: $id) { id name type description createdAt updatedAt }
  }
`);

export const MembersQuery = graphql(`
  query OktaGroupMembers($groupId: ID!, $first: Int, $after: String) {
    identityGroupMembers(groupId: $groupId, first: $first, after: $after) {
      edges { node { id login status } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const AuditLogQuery = graphql(`
  query OktaAuditLog($since: DateTime, $until: DateTime, $eventTypes: [String!], $first: Int, $after: String) {
    identityAuditLog(since: $since, until: $until, eventTypes: $eventTypes, first: $first, after: $after) {
      edges {
        node {
          classUid className activityId activityName typeUid statusId severityId time message
          actor { uid name emailAddr }
          user { uid name emailAddr }
          ocsf
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const EnableMutation = graphql(`
  mutation OktaEnableUser($input: IdentityUserActionInput!) { enableIdentityUser(input: $input) { userId } }
`);
export const DisableMutation = graphql(`
  mutation OktaDisableUser($input: IdentityUserActionInput!, $mode: IdentityUserDisableMode) { disableIdentityUser(input: $input, mode: $mode) { userId } }
`);
export const ForceResetMutation = graphql(`
  mutation OktaForcePasswordReset($input: IdentityUserActionInput!) { forceIdentityUserPasswordReset(input: $input) { userId } }
`);
export const ExpireSessionsMutation = graphql(`
  mutation OktaExpireSessions($input: IdentityUserActionInput!) { expireIdentityUserSessions(input: $input) { userId } }
`);

export const StatusEventsQuery = graphql(`
  query OktaStatusEvents($id: ID!) {
    statusEvents(integrationId: $id, first: 50) { edges { node { operation outcome httpStatus errorCode } } }
  }
`);
