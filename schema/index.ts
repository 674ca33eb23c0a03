/** Imports every domain, then builds the whole schema and each sub-graph. */
import { builder } from "./builder.ts";
import "./common.ts";
import "./filters.ts";
// Management: the organizational model
import "./organization.ts";
import "./sub-organization.ts";
import "./member.ts";
import "./member-mutations.ts";
import "./role.ts";
import "./role-mutations.ts";
import "./permission-set.ts";
// Management: authentication
import "./auth.ts";
import "./tokens.ts";
// Management: the integration model
import "./account.ts";
import "./integration.ts";
import "./integration-point.ts";
import "./credential.ts";
import "./capabilities.ts";
import "./status.ts";
import "./webhook.ts";
import "./webhook-delivery.ts";
import "./audit.ts";
// Connectors
import "./connector/ticket-types.ts";
import "./connector/tickets.ts";
import "./connector/ticket-mutations.ts";
import "./connector/identity.ts";
import "./connector/identity-groups.ts";
import "./connector/identity-audit.ts";
import "./connector/identity-actions.ts";
import "./connector/notifications.ts";
import "./connector/cloudsecurity.ts";
// Both layers
import "./subscriptions.ts";

export const schema = builder.toSchema({ sortSchema: true });
export const managementSchema = builder.toSchema({ subGraph: "management", sortSchema: true });
export const connectorSchema = builder.toSchema({ subGraph: "connector", sortSchema: true });
