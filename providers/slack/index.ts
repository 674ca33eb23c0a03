/** The `notifications_slack` provider: Slack's Web API (chat.*, conversations.*) behind the unified notifications connector. */
import { destinationOf, type ProviderDefinition } from "../definition.ts";
import { operations } from "../operations.ts";
import { createSlackAdapter } from "./adapter.ts";
import { createSlackClient } from "./client.ts";
import { type SlackConfig, SlackConfigSchema, slackBaseUrl, slackConfigFields, toSlackConnection } from "./config.ts";
import { slackTransport } from "./descriptor.ts";

export type { SlackConfig } from "./config.ts";

export const slackProvider = {
  id: "notifications_slack",
  connector: "notifications",
  name: "Slack",
  description: "Posts, reads, updates and deletes Slack messages through the Web API with a bot token; works with GovSlack.",
  configSchema: SlackConfigSchema,
  configFields: slackConfigFields,
  credentialTypes: ["TOKEN"],
  operations: operations.notifications,
  credentialDestination: (config) => destinationOf(slackBaseUrl(config)),
  createAdapter(config, credential, deps) {
    const { baseUrl, auth } = toSlackConnection(config, credential, deps.transport);
    return createSlackAdapter(createSlackClient(deps.http({ baseUrl, auth, descriptor: slackTransport })), config);
  },
} satisfies ProviderDefinition<"notifications", SlackConfig>;
