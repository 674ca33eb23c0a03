/** The `@oneOf` input that picks an integration's provider and carries its settings. */
import { builder } from "./builder.ts";

const mockFields = (t: Parameters<Parameters<typeof builder.inputType>[1]["fields"]>[0]) => ({
  label: t.string({ description: "Optional free-form label kept with the configuration." }),
});

const TicketingMockConfigInput = builder.inputType("TicketingMockConfigInput", {
  description: "Settings of the built-in mock ticketing provider (none required).",
  subGraphs: ["management"],
  fields: mockFields,
});
const IdentityMockConfigInput = builder.inputType("IdentityMockConfigInput", {
  description: "Settings of the built-in mock identity provider (none required).",
  subGraphs: ["management"],
  fields: mockFields,
});
const NotificationsMockConfigInput = builder.inputType("NotificationsMockConfigInput", {
  description: "Settings of the built-in mock notifications provider (none required).",
  subGraphs: ["management"],
  fields: (t) => ({
    ...mockFields(t),
    channel: t.string({ description: "Channel name stamped on messages; default `mock-channel`." }),
  }),
});
const CloudsecurityMockConfigInput = builder.inputType("CloudsecurityMockConfigInput", {
  description: "Settings of the built-in mock cloud-security provider (none required).",
  subGraphs: ["management"],
  fields: mockFields,
});

export const ProviderConfigInput = builder.inputType("ProviderConfigInput", {
  description: "Exactly one provider and its settings. The field name is the provider id in camelCase.",
  subGraphs: ["management"],
  isOneOf: true,
  fields: (t) => ({
    ticketingMock: t.field({ type: TicketingMockConfigInput, description: "The built-in mock ticketing provider." }),
    identityMock: t.field({ type: IdentityMockConfigInput, description: "The built-in mock identity provider." }),
    notificationsMock: t.field({ type: NotificationsMockConfigInput, description: "The built-in mock notifications provider." }),
    cloudsecurityMock: t.field({ type: CloudsecurityMockConfigInput, description: "The built-in mock cloud-security provider." }),
  }),
});

/** Maps the one given field (`ticketingMock`) to its provider id (`ticketing_mock`) and settings. */
export function selectedProvider(input: Record<string, unknown>): { providerId: string; settings: Record<string, unknown> } | null {
  const given = Object.entries(input).filter(([, value]) => value !== null && value !== undefined);
  if (given.length !== 1 || !given[0]) return null;
  const [field, value] = given[0];
  const providerId = field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
  const settings = Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined));
  return { providerId, settings };
}
