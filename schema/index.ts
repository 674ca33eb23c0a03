/** Imports every domain, then builds the whole schema and each sub-graph. */
import { isObjectType, type GraphQLSchema } from "graphql";
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
import "./refresh-token-list.ts";
// Management: the integration model
import "./account.ts";
import "./integration.ts";
import "./integration-list.ts";
import "./integration-point.ts";
import "./credential.ts";
import "./credential-list.ts";
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

/** The Prisma plugin adds `totalCount` to its connections without a description; it means the same on every list. */
function describeTotalCounts(built: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(built.getTypeMap())) {
    const field = isObjectType(type) ? type.getFields().totalCount : undefined;
    if (field && !field.description) field.description = "Items in the whole list (with its filter), not just this page.";
  }
  return built;
}

export const schema = describeTotalCounts(builder.toSchema({ sortSchema: true }));
export const managementSchema = describeTotalCounts(builder.toSchema({ subGraph: "management", sortSchema: true }));
export const connectorSchema = describeTotalCounts(builder.toSchema({ subGraph: "connector", sortSchema: true }));
