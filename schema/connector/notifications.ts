/** Notifications connector: messages in the integration's channel. */
import { builder, connectorField } from "../builder.ts";
import { callConnector } from "../../src/services/connector-calls.ts";
import type { NotificationMessage } from "../../providers/types.ts";
import { badInput } from "../../src/errors.ts";

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
    args: { input: t.arg({ type: CreateNotificationInput, required: true, description: "The message to post." }) },
    resolve: async (_root, { input }, context) => ({
      notification: await callConnector(context, "notifications", "notifications_create_message", (adapter) =>
        adapter.createMessage({ text: checkMessage(input.text), channel: input.channel ?? null }),
      ),
    }),
  }),
);

const UpdateNotificationInput = builder.inputType("UpdateNotificationInput", {
  description: "New text for a message.",
  subGraphs: ["connector"],
  fields: (t) => ({
    id: t.id({ required: true, description: "Message id." }),
    text: t.string({ required: true, description: "New text (1 to 4,000 characters)." }),
  }),
});

builder.mutationField("updateNotification", (t) =>
  t.field({
    ...connectorField("notifications"),
    type: NotificationPayload,
    description: "Replaces a message's text. Operation `notifications_update_message`.",
    args: { input: t.arg({ type: UpdateNotificationInput, required: true, description: "The message and its new text." }) },
    resolve: async (_root, { input }, context) => ({
      notification: await callConnector(context, "notifications", "notifications_update_message", (adapter) =>
        adapter.updateMessage(String(input.id), checkMessage(input.text)),
      ),
    }),
  }),
);

const ClearNotificationInput = builder.inputType("ClearNotificationInput", {
  description: "The message to remove.",
  subGraphs: ["connector"],
  fields: (t) => ({ id: t.id({ required: true, description: "Message id." }) }),
});

const ClearNotificationPayload = builder.simpleObject("ClearNotificationPayload", {
  description: "The removed message's id.",
  subGraphs: ["connector"],
  fields: (t) => ({ id: t.id({ description: "Message id." }) }),
});

builder.mutationField("clearNotification", (t) =>
  t.field({
    ...connectorField("notifications"),
    type: ClearNotificationPayload,
    description: "Deletes a message from its channel. Operation `notifications_clear_message`.",
    args: { input: t.arg({ type: ClearNotificationInput, required: true, description: "The message to clear." }) },
    resolve: async (_root, { input }, context) => {
      await callConnector(context, "notifications", "notifications_clear_message", (adapter) => adapter.clearMessage(String(input.id)));
      return { id: String(input.id) };
    },
  }),
);

function checkMessage(text: string): string {
  if (text.length === 0 || text.length > 4_000 || text.includes("\u0000")) throw badInput("text", "must be 1 to 4,000 characters");
  return text;
}
