/** The mock notifications provider: keeps each integration's messages in memory (bounded). */
import { z } from "zod";
import { mockConfigFields, mockConfigSchema } from "./config.ts";
import type { ProviderDefinition } from "../definition.ts";
import { ProviderError, type NotificationMessage } from "../types.ts";
import { createIntegrationStore } from "./store.ts";

const perIntegrationLimit = 1_000;
interface Mailbox {
  /** By message id, oldest first. */
  messages: Map<string, NotificationMessage>;
  /** Messages ever created here; numbers ids, so a cleared message's id is never handed out again. */
  created: number;
}

const mailboxOf = createIntegrationStore((): Mailbox => ({ messages: new Map(), created: 0 }));

const config = mockConfigSchema.extend({ channel: z.string().min(1).max(80).default("mock-channel") }).strict();

export const notificationsMock: ProviderDefinition<"notifications", z.infer<typeof config>> = {
  id: "notifications_mock",
  connector: "notifications",
  name: "Mock notifications",
  description: "Stores messages in the gateway's memory for development and tests; needs no credentials.",
  configSchema: config,
  configFields: [...mockConfigFields, { name: "channel", description: "Channel name stamped on messages; default `mock-channel`.", required: false, type: "string" }],
  credentialTypes: [],
  operations: ["notifications_create_message", "notifications_get_message", "notifications_update_message", "notifications_clear_message"],
  credentialDestination: () => "mock",
  createAdapter: (settings, _credential, deps) => {
    const mailbox = mailboxOf(deps.integrationKey);
    const box = mailbox.messages;
    const get = (id: string) => {
      const message = box.get(id);
      if (!message) throw new ProviderError("NOT_FOUND", "Notification message not found");
      return message;
    };
    return {
      verify: async () => {},
      createMessage: async (input) => {
        if (box.size >= perIntegrationLimit) box.delete(box.keys().next().value as string);
        const now = new Date().toISOString();
        const channel = input.channel ?? settings.channel;
        const message = { id: `${channel}:${Date.now()}.${++mailbox.created}`, channel, text: input.text, createdAt: now, updatedAt: now, raw: { mock: true } };
        box.set(message.id, message);
        return message;
      },
      getMessage: async (id) => get(id),
      updateMessage: async (id, text) => {
        const message = { ...get(id), text, updatedAt: new Date().toISOString() };
        box.set(id, message);
        return message;
      },
      clearMessage: async (id) => {
        get(id);
        box.delete(id);
      },
    };
  },
};
