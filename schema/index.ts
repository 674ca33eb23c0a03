/** Imports every domain, then builds the whole schema and each sub-graph. */
import { builder } from "./builder.ts";
import "./common.ts";
import "./filters.ts";
import "./organization.ts";
import "./auth.ts";
import "./tokens.ts";
import "./account.ts";
import "./integration.ts";
import "./connector/ticket-types.ts";
import "./connector/tickets.ts";
import "./connector/ticket-mutations.ts";
import "./connector/identity.ts";
import "./connector/identity-groups.ts";
import "./connector/identity-audit.ts";
import "./connector/identity-actions.ts";
import "./connector/notifications.ts";
import "./connector/cloudsecurity.ts";

export const schema = builder.toSchema({ sortSchema: true });
export const managementSchema = builder.toSchema({ subGraph: "management", sortSchema: true });
export const connectorSchema = builder.toSchema({ subGraph: "connector", sortSchema: true });
import "./capabilities.ts";
import "./status.ts";
import "./credential.ts";
import "./integration-point.ts";
import "./webhook.ts";
import "./audit.ts";
