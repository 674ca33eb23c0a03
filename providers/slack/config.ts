/** The non-secret Slack configuration, and how it plus a bot token becomes a base URL and auth. */
import { z } from "zod";
import { httpOrHttpsUrl } from "../config-urls.ts";
import type { ConfigField, TransportSettings } from "../definition.ts";
import type { ProviderAuth } from "../http/types.ts";
import { ProviderError, type ProviderCredential } from "../types.ts";
import { slackFacts } from "./descriptor.ts";

export const SlackConfigSchema = z.strictObject({
  channel: z.string().regex(slackFacts.channelId, "A Slack channel id, like C0123456789").optional(),
  apiBaseUrl: httpOrHttpsUrl().optional(),
});

export type SlackConfig = z.infer<typeof SlackConfigSchema>;

export const slackConfigFields: ConfigField[] = [
  { name: "channel", type: "string", required: false, description: "Default channel id (C…, G… or D…) for messages that name none." },
  {
    name: "apiBaseUrl",
    type: "url",
    required: false,
    description: `Web API base URL; default ${slackFacts.apiBaseUrl}, ${slackFacts.govApiBaseUrl} for GovSlack.`,
  },
];

export interface SlackConnection {
  baseUrl: string;
  auth: ProviderAuth;
}

/** The Web API base requests go to: apiBaseUrl if given, else Slack's own. */
export const slackBaseUrl = (config: SlackConfig): string => (config.apiBaseUrl ?? slackFacts.apiBaseUrl).replace(/\/+$/, "");

/** Plain http would expose the bot token, so it is only allowed where the operator allows private networks (tests, on-prem). */
export function toSlackConnection(config: SlackConfig, credential: ProviderCredential | null, transport: TransportSettings): SlackConnection {
  if (credential?.type !== "TOKEN" || !/^\S+$/.test(credential.token)) {
    throw new ProviderError("BAD_USER_INPUT", "Slack needs a TOKEN credential holding a bot token (xoxb-…)");
  }
  const baseUrl = slackBaseUrl(config);
  if (new URL(baseUrl).protocol !== "https:" && !transport.allowPrivateNetworks) {
    throw new ProviderError("BAD_USER_INPUT", "The Slack apiBaseUrl must use https");
  }
  return { baseUrl, auth: { kind: "bearer", token: credential.token } };
}
