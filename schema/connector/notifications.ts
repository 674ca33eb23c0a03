/** Notifications connector: messages in the integration's channel. */
import { builder, connectorField } from "../builder.ts";
import { callConnector } from "../../src/services/connector-calls.ts";
import type { NotificationMessage } from "../../providers/types.ts";

export const NotificationRef = builder.objectRef<NotificationMessage>("Notification").implement({
  description: "A message posted in a channel, normalised from the provider.",
  subGraphs: ["connector"],
  fields: (t) => ({
    id: t.exposeID("id", { description: "Opaque message id (encodes channel and provider message id)." }),
    channel: t.exposeString("channel", { description: "Channel the message is in." }),
    text: t.exposeString("text", { description: "Message text." }),
    createdAt: t.field({ type: "DateTime", nullable: true, description: "Posted.", resolve: (message) => message.createdAt }),
    updatedAt: t.field({ type: "DateTime", nullable: true, description: "Last edited.", resolve: (message) => message.updatedAt }),
    raw: t.field({ type: "JSON", description: "The provider's payload, unchanged.", resolve: (message) => message.raw }),
  }),
});

builder.queryField("notification", (t) =>
  t.field({
    ...connectorField("notifications"),
    type: NotificationRef,
    description: "One message by id. Operation `notifications_get_message`.",
    args: { id: t.arg.id({ required: true, description: "Message id." }) },
    resolve: (_root, args, context) =>
      callConnector(context, "notifications", "notifications_get_message", (adapter) => adapter.getMessage(String(args.id))),
  }),
);

const CreateNotificationInput = builder.inputType("CreateNotificationInput", {
  description: "A message to post.",
  subGraphs: ["connector"],
  fields: (t) => ({
    text: t.string({ required: true, description: "Message text (1 to 4,000 characters)." }),
    channel: t.string({ description: "Channel; defaults to the integration's configured channel." }),
  }),
});

const NotificationPayload = builder.simpleObject("NotificationPayload", {
  description: "The message after the change.",
  subGraphs: ["connector"],
  fields: (t) => ({ notification: t.field({ type: NotificationRef, description: "The message." }) }),
});

builder.mutationField("createNotification", (t) =>
  t.field({
    ...connectorField("notifications"),
    type: NotificationPayload,
    description: "Posts a message. Operation `notifications_create_message`.",
    args: { input: t.arg({ type: CreateNotificationInput, required: true }) },
    resolve: async (_root, { input }, context) => ({
      notification: await callConnector(context, "notifications", "notifications_create_message", (adapter) =>
        adapter.createMessage({ text: input.text, channel: input.channel ?? null }),
      ),
    }),
  }),
);
