/** Stable operation ids (`<connector>_<verb>_<noun>`), used in capabilities, status events and errors. */
import type { ConnectorId } from "./types.ts";

export const operations = {
  ticketing: [
    "ticketing_query_tickets",
    "ticketing_get_ticket",
    "ticketing_create_ticket",
    "ticketing_update_ticket",
    "ticketing_list_projects",
    "ticketing_list_comments",
    "ticketing_create_comment",
    "ticketing_delete_comment",
  ],
  identity: [
    "identity_query_users",
    "identity_get_user",
    "identity_query_groups",
    "identity_get_group",
    "identity_list_group_members",
    "identity_query_audit_log",
    "identity_enable_user",
    "identity_disable_user",
    "identity_force_password_reset",
    "identity_expire_sessions",
  ],
  notifications: [
    "notifications_create_message",
    "notifications_get_message",
    "notifications_update_message",
    "notifications_clear_message",
  ],
  cloudsecurity: [
    "cloudsecurity_query_compliance_findings",
    "cloudsecurity_query_detection_findings",
    "cloudsecurity_update_finding",
  ],
} as const satisfies Record<ConnectorId, readonly string[]>;

export type OperationId = (typeof operations)[ConnectorId][number];
