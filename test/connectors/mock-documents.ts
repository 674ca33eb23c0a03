/** The GraphQL documents of the mock providers' end-to-end tests. */
import { graphql } from "../generated/index.ts";

export const TicketsQuery = graphql(`
  query MockTickets($first: Int, $after: String, $filter: TicketFilter, $orderBy: TicketOrder) {
    tickets(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      edges { node { id key summary status priority tags } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);
export const TicketQuery = graphql(`
  query MockTicket($id: ID!) { ticket(id: $id) { id key summary status project { key } } }
`);
export const ProjectsQuery = graphql(`
  query MockProjects { projects(first: 10) { edges { node { id key name } } } }
`);
export const CreateTicketMutation = graphql(`
  mutation MockCreateTicket($input: CreateTicketInput!) { createTicket(input: $input) { ticket { id key status project { key } assignee { id } parent { key } } } }
`);
export const UpdateTicketMutation = graphql(`
  mutation MockUpdateTicket($input: UpdateTicketInput!) { updateTicket(input: $input) { ticket { id key summary status } } }
`);
export const CommentsQuery = graphql(`
  query MockTicketComments($ticketId: ID!) { ticketComments(ticketId: $ticketId, first: 5) { edges { node { id ticketId body } } } }
`);
export const CreateCommentMutation = graphql(`
  mutation MockCreateComment($input: CreateTicketCommentInput!) { createTicketComment(input: $input) { comment { id ticketId body author { id } } } }
`);
export const DeleteCommentMutation = graphql(`
  mutation MockDeleteComment($input: DeleteTicketCommentInput!) { deleteTicketComment(input: $input) { commentId } }
`);

export const UsersQuery = graphql(`
  query MockIdentityUsers($first: Int, $after: String, $filter: IdentityUserFilter) {
    identityUsers(first: $first, after: $after, filter: $filter) {
      edges { node { id login status } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);
export const UserQuery = graphql(`
  query MockIdentityUser($id: ID!) { identityUser(id: $id) { id login status displayName } }
`);
export const GroupsQuery = graphql(`
  query MockIdentityGroups($filter: IdentityGroupFilter) { identityGroups(first: 10, filter: $filter) { edges { node { id name type } } } }
`);
export const GroupQuery = graphql(`
  query MockIdentityGroup($id: ID!) { identityGroup(id: $id) { id name type } }
`);
export const GroupMembersQuery = graphql(`
  query MockIdentityGroupMembers($groupId: ID!) { identityGroupMembers(groupId: $groupId, first: 10) { edges { node { id status } } } }
`);
export const AuditLogQuery = graphql(`
  query MockIdentityAuditLog($since: DateTime, $eventTypes: [String!]) {
    identityAuditLog(first: 20, since: $since, eventTypes: $eventTypes) { edges { node { classUid activityId typeUid statusId time user { uid } actor { name } ocsf } } }
  }
`);
export const DisableMutation = graphql(`
  mutation MockDisableUser($input: IdentityUserActionInput!) { disableIdentityUser(input: $input) { userId } }
`);
export const EnableMutation = graphql(`
  mutation MockEnableUser($input: IdentityUserActionInput!) { enableIdentityUser(input: $input) { userId } }
`);
export const ForcePasswordResetMutation = graphql(`
  mutation MockForcePasswordReset($input: IdentityUserActionInput!) { forceIdentityUserPasswordReset(input: $input) { userId } }
`);
export const ExpireSessionsMutation = graphql(`
  mutation MockExpireSessions($input: IdentityUserActionInput!) { expireIdentityUserSessions(input: $input) { userId } }
`);

export const CreateNotificationMutation = graphql(`
  mutation MockCreateNotification($input: CreateNotificationInput!) { createNotification(input: $input) { notification { id channel text } } }
`);
export const NotificationQuery = graphql(`
  query MockNotification($id: ID!) { notification(id: $id) { id channel text } }
`);
export const UpdateNotificationMutation = graphql(`
  mutation MockUpdateNotification($input: UpdateNotificationInput!) { updateNotification(input: $input) { notification { id text } } }
`);
export const ClearNotificationMutation = graphql(`
  mutation MockClearNotification($input: ClearNotificationInput!) { clearNotification(input: $input) { id } }
`);

export const ComplianceQuery = graphql(`
  query MockComplianceFindings($first: Int, $after: String, $filter: FindingFilter) {
    complianceFindings(first: $first, after: $after, filter: $filter) {
      edges { node { id severity status classUid } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);
export const DetectionQuery = graphql(`
  query MockDetectionFindings($filter: FindingFilter) { detectionFindings(first: 10, filter: $filter) { edges { node { id severity status classUid resources { type } } } pageInfo { hasNextPage } } }
`);
export const UpdateFindingMutation = graphql(`
  mutation MockUpdateFinding($input: UpdateFindingStatusInput!) { updateFindingStatus(input: $input) { finding { id status ocsf } } }
`);
export const ProvidersQuery = graphql(`
  query MockProviderCapabilities { providers { id operations { id filters orders } } }
`);

