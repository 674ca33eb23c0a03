/** Every provider the gateway knows, as a literal map from provider id to its definition. */
import type { ProviderDefinition } from "./definition.ts";
import type { ConnectorId } from "./types.ts";
import { cloudsecurityMock } from "./mock/cloudsecurity.ts";
import { identityMock } from "./mock/identity.ts";
import { notificationsMock } from "./mock/notifications.ts";
import { ticketingMock } from "./mock/ticketing.ts";
import { jiraProvider } from "./jira/index.ts";
import { slackProvider } from "./slack/index.ts";
import { awsProvider } from "./aws/index.ts";
import { oktaProvider } from "./okta/index.ts";

export const providers = {
  ticketing_jira: jiraProvider,
  identity_okta: oktaProvider,
  notifications_slack: slackProvider,
  cloudsecurity_aws: awsProvider,
  ticketing_mock: ticketingMock,
  identity_mock: identityMock,
  notifications_mock: notificationsMock,
  cloudsecurity_mock: cloudsecurityMock,
} as const satisfies Record<string, ProviderDefinition<ConnectorId, any>>;

export type ProviderId = keyof typeof providers;

export const providerIds = Object.keys(providers) as ProviderId[];

export function isProviderId(value: string): value is ProviderId {
  return Object.hasOwn(providers, value);
}

/** A provider's field in the GraphQL provider input: its id in camelCase (`ticketing_jira` → `ticketingJira`). */
export const providerInputName = (id: string) => id.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
