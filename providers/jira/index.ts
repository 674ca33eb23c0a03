/** The `ticketing_jira` provider: Jira Cloud REST API v3 behind the unified ticketing connector. */
import { destinationOf, type ProviderDefinition } from "../definition.ts";
import { operations } from "../operations.ts";
import { createJiraAdapter } from "./adapter.ts";
import { createJiraClient } from "./client.ts";
import { type JiraConfig, JiraConfigSchema, jiraBaseUrl, jiraConfigFields, toJiraConnection } from "./config.ts";
import { createJiraContext } from "./context.ts";
import { jiraTransport } from "./descriptor.ts";

export type { JiraConfig } from "./config.ts";

export const jiraProvider = {
  id: "ticketing_jira",
  connector: "ticketing",
  name: "Jira Cloud",
  description: "Jira Cloud issues, projects and comments through the REST API v3, with an API token or an OAuth 2.0 token.",
  configSchema: JiraConfigSchema,
  configFields: jiraConfigFields,
  credentialTypes: ["BASIC", "TOKEN"],
  operations: operations.ticketing,
  queryCapabilities: {
    ticketing_query_tickets: {
      filters: ["status", "priority", "assigneeId", "projectKey", "tags", "createdAfter", "createdBefore", "updatedAfter", "updatedBefore"],
      orders: ["CREATED_AT", "UPDATED_AT", "PRIORITY", "DUE_DATE"],
    },
  },
  credentialDestination(config, credentialType) {
    const base = jiraBaseUrl(config, credentialType);
    return base ? destinationOf(base) : "";
  },
  createAdapter(config, credential, deps) {
    const { baseUrl, auth } = toJiraConnection(config, credential, deps.transport);
    const client = createJiraClient(deps.http({ baseUrl, auth, descriptor: jiraTransport }));
    const user = auth.kind === "basic" ? auth.username : "oauth";
    return createJiraAdapter(createJiraContext(client, `${deps.integrationKey ?? "unsaved"} ${baseUrl} ${user}`, config.customFieldIds));
  },
} satisfies ProviderDefinition<"ticketing", JiraConfig>;
