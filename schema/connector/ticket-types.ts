/** Ticketing connector: unified tickets and the queries that read them. */
import { builder, connectorField } from "../builder.ts";
import { providerConnection } from "./connection.ts";
import { callConnector } from "../../src/services/connector-calls.ts";
import type { Ticket, TicketPriority, UserRef, ProjectRef } from "../../providers/types.ts";

const TicketPriorityEnum = builder.enumType("TicketPriority", {
  description: "Unified ticket priority, most to least pressing.",
  subGraphs: ["connector"],
  values: {
    URGENT: { description: "Drop everything (Jira: Highest)." },
    HIGH: { description: "Next up (Jira: High)." },
    MEDIUM: { description: "Normal (Jira: Medium)." },
    LOW: { description: "When there is time (Jira: Low)." },
    PLANNING: { description: "Not yet scheduled (Jira: Lowest)." },
  } as const,
});

const TicketUserRef = builder.objectRef<UserRef>("TicketUser").implement({
  description: "A person as the ticketing provider knows them.",
  subGraphs: ["connector"],
  fields: (t) => ({
    id: t.exposeID("id", { description: "Provider user id (Jira: accountId)." }),
    name: t.exposeString("name", { nullable: true, description: "Display name." }),
    email: t.exposeString("email", { nullable: true, description: "Email, when the provider shares it." }),
  }),
});

const TicketProjectRef = builder.objectRef<ProjectRef>("TicketProjectRef").implement({
  description: "The project a ticket belongs to.",
  subGraphs: ["connector"],
  fields: (t) => ({
    id: t.exposeID("id", { description: "Provider project id." }),
    key: t.exposeString("key", { description: "Project key, e.g. `PROJ`." }),
    name: t.exposeString("name", { nullable: true, description: "Project name." }),
  }),
});

export const TicketRef = builder.objectRef<Ticket>("Ticket").implement({
  description: "A ticket (issue), normalised from the provider.",
  subGraphs: ["connector"],
  fields: (t) => ({
    id: t.exposeID("id", { description: "Provider id." }),
    key: t.exposeString("key", { description: "Human key, e.g. `PROJ-12`." }),
    summary: t.exposeString("summary", { description: "One-line summary." }),
    description: t.exposeString("description", { nullable: true, description: "Description as Markdown." }),
    status: t.exposeString("status", { description: "Workflow status name." }),
    priority: t.field({ type: TicketPriorityEnum, nullable: true, description: "Unified priority.", resolve: (ticket) => ticket.priority }),
    assignee: t.field({ type: TicketUserRef, nullable: true, description: "Assignee.", resolve: (ticket) => ticket.assignee }),
    creator: t.field({ type: TicketUserRef, nullable: true, description: "Creator.", resolve: (ticket) => ticket.creator }),
    reporter: t.field({ type: TicketUserRef, nullable: true, description: "Reporter.", resolve: (ticket) => ticket.reporter }),
    project: t.field({ type: TicketProjectRef, nullable: true, description: "Project.", resolve: (ticket) => ticket.project }),
    issueType: t.exposeString("issueType", { nullable: true, description: "Issue type, e.g. `Bug`." }),
    parentId: t.exposeID("parentId", { nullable: true, description: "Parent ticket id, for sub-tasks." }),
    dueDate: t.exposeString("dueDate", { nullable: true, description: "Due date, `YYYY-MM-DD`." }),
    tags: t.exposeStringList("tags", { description: "Labels." }),
    createdAt: t.field({ type: "DateTime", description: "Created.", resolve: (ticket) => ticket.createdAt }),
    updatedAt: t.field({ type: "DateTime", description: "Last updated.", resolve: (ticket) => ticket.updatedAt }),
    customFields: t.field({ type: "JSON", description: "Provider custom fields by id.", resolve: (ticket) => ticket.customFields }),
    raw: t.field({ type: "JSON", description: "The provider's payload, unchanged.", resolve: (ticket) => ticket.raw }),
  }),
});

const TicketFilter = builder.inputType("TicketFilter", {
  description: "Narrows `tickets`. All given conditions must hold; a list matches any of its values.",
  subGraphs: ["connector"],
  fields: (t) => ({
    status: t.stringList({ description: "Status names." }),
    priority: t.field({ type: [TicketPriorityEnum], description: "Priorities." }),
    assigneeId: t.idList({ description: "Assignee ids." }),
    projectKey: t.stringList({ description: "Project keys." }),
    tags: t.stringList({ description: "Labels." }),
    createdAfter: t.field({ type: "DateTime", description: "Created at or after." }),
    createdBefore: t.field({ type: "DateTime", description: "Created before." }),
    updatedAfter: t.field({ type: "DateTime", description: "Updated at or after." }),
    updatedBefore: t.field({ type: "DateTime", description: "Updated before." }),
  }),
});

builder.queryField("tickets", (t) =>
  t.connection(
    {
      ...connectorField("ticketing"),
      type: TicketRef,
      description: "Tickets of the integration's provider. Operation `ticketing_query_tickets`.",
      args: { filter: t.arg({ type: TicketFilter, description: "Narrows the list." }) },
      resolve: (_root, args, context) =>
        providerConnection(args, (page) =>
          callConnector(context, "ticketing", "ticketing_query_tickets", (adapter) =>
            adapter.queryTickets({
              ...page,
              orderBy: null,
              filter: {
                status: args.filter?.status ?? undefined,
                priority: (args.filter?.priority as TicketPriority[] | null) ?? undefined,
                assigneeId: args.filter?.assigneeId?.map(String),
                projectKey: args.filter?.projectKey ?? undefined,
                tags: args.filter?.tags ?? undefined,
                createdAfter: args.filter?.createdAfter?.toISOString(),
                createdBefore: args.filter?.createdBefore?.toISOString(),
                updatedAfter: args.filter?.updatedAfter?.toISOString(),
                updatedBefore: args.filter?.updatedBefore?.toISOString(),
              },
            }),
          ),
        ),
    },
    { subGraphs: ["connector"], name: "TicketConnection", description: "A page of tickets." },
    { subGraphs: ["connector"], name: "TicketEdge", description: "A ticket in a page." },
  ),
);

builder.queryField("ticket", (t) =>
  t.field({
    ...connectorField("ticketing"),
    type: TicketRef,
    description: "One ticket by provider id or key. Operation `ticketing_get_ticket`.",
    args: { id: t.arg.id({ required: true, description: "Ticket id or key." }) },
    resolve: (_root, args, context) =>
      callConnector(context, "ticketing", "ticketing_get_ticket", (adapter) => adapter.getTicket(String(args.id))),
  }),
);
