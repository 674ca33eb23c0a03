/** Ticketing connector mutations: create and update tickets, add and remove comments. */
import { builder, connectorField } from "../builder.ts";
import { richTextConventions, TicketCommentRef, TicketPriorityEnum, TicketRef } from "./ticket-types.ts";
import {
  checkCommentBody,
  checkCustomFieldChanges,
  checkCustomFields,
  checkDescription,
  checkDueDate,
  checkNotCleared,
  checkSummary,
  checkTags,
} from "./ticket-inputs.ts";
import { callConnector } from "../../src/services/connector-calls.ts";
import type { TicketPriority } from "../../providers/types.ts";

const summaryRule = "One line of text, 1 to 255 characters, not only spaces.";
const dueDateRule = "A calendar date, `YYYY-MM-DD`.";
const tagsRule = "Each a single word of 1 to 255 characters, without spaces (Jira labels).";
const customFieldsRule = "An object of provider custom field id to value, e.g. `{ \"customfield_10016\": 3 }`.";

const CreateTicketInput = builder.inputType("CreateTicketInput", {
  description: "A new ticket.",
  subGraphs: ["connector"],
  fields: (t) => ({
    projectKey: t.string({ required: true, description: "Project key." }),
    issueType: t.string({ required: true, description: "Issue type name, e.g. `Task` or `Bug`." }),
    summary: t.string({ required: true, description: `Summary. ${summaryRule}` }),
    description: t.string({ description: `Description as Markdown. ${richTextConventions}` }),
    priority: t.field({ type: TicketPriorityEnum, description: "Unified priority." }),
    assigneeId: t.id({ description: "Assignee's provider user id." }),
    parentId: t.id({ description: "Parent ticket, for sub-tasks." }),
    dueDate: t.string({ description: `Due date. ${dueDateRule}` }),
    tags: t.stringList({ description: `Labels. ${tagsRule}` }),
    customFields: t.field({ type: "JSON", description: `Provider custom fields. ${customFieldsRule}` }),
  }),
});

const TicketPayload = builder.simpleObject("TicketPayload", {
  description: "The ticket after the change.",
  subGraphs: ["connector"],
  fields: (t) => ({ ticket: t.field({ type: TicketRef, description: "The ticket." }) }),
});

builder.mutationField("createTicket", (t) =>
  t.field({
    ...connectorField("ticketing"),
    type: TicketPayload,
    description: "Creates a ticket. Operation `ticketing_create_ticket`.",
    args: { input: t.arg({ type: CreateTicketInput, required: true, description: "The ticket to create." }) },
    resolve: async (_root, { input }, context) => {
      const ticketInput = {
        projectKey: input.projectKey,
        issueType: input.issueType,
        summary: checkSummary(input.summary),
        description: checkDescription(input.description) ?? null,
        priority: (input.priority as TicketPriority | null) ?? null,
        assigneeId: input.assigneeId ? String(input.assigneeId) : null,
        parentId: input.parentId ? String(input.parentId) : null,
        dueDate: checkDueDate(input.dueDate) ?? null,
        tags: checkTags(input.tags) ?? [],
        customFields: checkCustomFields(input.customFields) ?? {},
      };
      const ticket = await callConnector(context, "ticketing", "ticketing_create_ticket", (adapter) => adapter.createTicket(ticketInput));
      return { ticket };
    },
  }),
);

const UpdateTicketInput = builder.inputType("UpdateTicketInput", {
  description:
    "Changes to a ticket; omitted fields stay as they are, and null clears a field that can be empty (summary, status and customFields cannot be null). A status change goes through the provider's workflow transitions.",
  subGraphs: ["connector"],
  fields: (t) => ({
    id: t.id({ required: true, description: "Ticket id or key." }),
    summary: t.string({ description: `New summary; cannot be cleared (null is refused). ${summaryRule}` }),
    description: t.string({ description: `New description as Markdown, or null to clear it. ${richTextConventions}` }),
    status: t.string({ description: "Target status name; reached through an available workflow transition. Cannot be cleared (null is refused)." }),
    priority: t.field({ type: TicketPriorityEnum, description: "New priority, or null to clear it where the provider allows a ticket without one." }),
    assigneeId: t.id({ description: "New assignee's provider user id, or null to unassign." }),
    dueDate: t.string({ description: `New due date, or null to clear it. ${dueDateRule}` }),
    tags: t.stringList({ description: `Replaces the labels; an empty list or null removes them all. ${tagsRule}` }),
    customFields: t.field({
      type: "JSON",
      description: `Custom fields to set; others keep their values, and one given null is cleared. Not null itself. ${customFieldsRule}`,
    }),
  }),
});

builder.mutationField("updateTicket", (t) =>
  t.field({
    ...connectorField("ticketing"),
    type: TicketPayload,
    description: "Updates a ticket. Operation `ticketing_update_ticket`.",
    args: { input: t.arg({ type: UpdateTicketInput, required: true, description: "The ticket and what to change." }) },
    resolve: async (_root, { input }, context) => {
      const changes = {
        ...(input.summary !== undefined && { summary: checkSummary(checkNotCleared("summary", input.summary)) }),
        ...(input.description !== undefined && { description: checkDescription(input.description) }),
        ...(input.status !== undefined && { status: checkNotCleared("status", input.status) }),
        ...(input.priority !== undefined && { priority: input.priority as TicketPriority | null }),
        ...(input.assigneeId !== undefined && { assigneeId: input.assigneeId === null ? null : String(input.assigneeId) }),
        ...(input.dueDate !== undefined && { dueDate: checkDueDate(input.dueDate) }),
        // Null removes every tag, as an empty list does.
        ...(input.tags !== undefined && { tags: checkTags(input.tags) ?? [] }),
        ...(input.customFields !== undefined && { customFields: checkCustomFieldChanges(input.customFields) }),
      };
      const ticket = await callConnector(context, "ticketing", "ticketing_update_ticket", (adapter) => adapter.updateTicket(String(input.id), changes));
      context.loaders.ticket.clear(String(input.id));
      return { ticket };
    },
  }),
);

const CreateTicketCommentInput = builder.inputType("CreateTicketCommentInput", {
  description: "A comment to add.",
  subGraphs: ["connector"],
  fields: (t) => ({
    ticketId: t.id({ required: true, description: "Ticket id or key." }),
    body: t.string({ required: true, description: `Comment as Markdown, 1 to 32,000 characters, not only spaces. ${richTextConventions}` }),
  }),
});

const TicketCommentPayload = builder.simpleObject("TicketCommentPayload", {
  description: "The new comment.",
  subGraphs: ["connector"],
  fields: (t) => ({ comment: t.field({ type: TicketCommentRef, description: "The comment." }) }),
});

builder.mutationField("createTicketComment", (t) =>
  t.field({
    ...connectorField("ticketing"),
    type: TicketCommentPayload,
    description: "Adds a comment to a ticket. Operation `ticketing_create_comment`.",
    args: { input: t.arg({ type: CreateTicketCommentInput, required: true, description: "The ticket and the comment's text." }) },
    resolve: async (_root, { input }, context) => {
      const body = checkCommentBody(input.body);
      const comment = await callConnector(context, "ticketing", "ticketing_create_comment", (adapter) => adapter.createComment(String(input.ticketId), body));
      return { comment };
    },
  }),
);

const DeleteTicketCommentInput = builder.inputType("DeleteTicketCommentInput", {
  description: "The comment to delete.",
  subGraphs: ["connector"],
  fields: (t) => ({
    ticketId: t.id({ required: true, description: "Ticket id or key." }),
    commentId: t.id({ required: true, description: "Comment id." }),
  }),
});

const DeleteTicketCommentPayload = builder.simpleObject("DeleteTicketCommentPayload", {
  description: "The deleted comment's id.",
  subGraphs: ["connector"],
  fields: (t) => ({ commentId: t.id({ description: "Comment id." }) }),
});

builder.mutationField("deleteTicketComment", (t) =>
  t.field({
    ...connectorField("ticketing"),
    type: DeleteTicketCommentPayload,
    description: "Deletes a comment. Operation `ticketing_delete_comment`.",
    args: { input: t.arg({ type: DeleteTicketCommentInput, required: true, description: "The ticket and the comment to delete." }) },
    resolve: async (_root, { input }, context) => {
      await callConnector(context, "ticketing", "ticketing_delete_comment", (adapter) => adapter.deleteComment(String(input.ticketId), String(input.commentId)));
      return { commentId: String(input.commentId) };
    },
  }),
);
