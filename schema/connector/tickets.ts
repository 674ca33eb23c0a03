/** Ticketing connector queries: tickets (filtered, ordered, paged), one ticket, projects and comments. */
import { builder, connectorField } from "../builder.ts";
import { OrderDirection } from "../filters.ts";
import { providerConnection } from "./connection.ts";
import { selectedNodeFields } from "./selection.ts";
import { ProjectRefType, TicketCommentRef, TicketPriorityEnum, TicketRef, ticketPropertiesRead } from "./ticket-types.ts";
import { callConnector } from "../../src/services/connector-calls.ts";
import type { TicketOrderField, TicketPriority } from "../../providers/types.ts";

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

const TicketOrderFieldEnum = builder.enumType("TicketOrderField", {
  description: "What tickets can be sorted by.",
  subGraphs: ["connector"],
  values: {
    CREATED_AT: { description: "Creation time." },
    UPDATED_AT: { description: "Last update." },
    PRIORITY: { description: "Priority." },
    DUE_DATE: { description: "Due date." },
  } as const,
});

const TicketOrder = builder.inputType("TicketOrder", {
  description: "Sort order of `tickets`.",
  subGraphs: ["connector"],
  fields: (t) => ({
    field: t.field({ type: TicketOrderFieldEnum, required: true, description: "Sort key." }),
    direction: t.field({ type: OrderDirection, required: true, description: "Sort direction." }),
  }),
});

builder.queryField("tickets", (t) =>
  t.connection(
    {
      ...connectorField("ticketing"),
      type: TicketRef,
      description: "Tickets of the integration's provider. Operation `ticketing_query_tickets`.",
      args: {
        filter: t.arg({ type: TicketFilter, description: "Narrows the list." }),
        orderBy: t.arg({ type: TicketOrder, description: "Sort order; default the provider's (Jira: newest first)." }),
      },
      resolve: (_root, args, context, info) => {
        const orderBy = args.orderBy ? { field: args.orderBy.field as TicketOrderField, direction: args.orderBy.direction } : null;
        const filter = {
          status: args.filter?.status ?? undefined,
          priority: (args.filter?.priority as TicketPriority[] | null) ?? undefined,
          assigneeId: args.filter?.assigneeId?.map(String),
          projectKey: args.filter?.projectKey ?? undefined,
          tags: args.filter?.tags ?? undefined,
          createdAfter: args.filter?.createdAfter?.toISOString(),
          createdBefore: args.filter?.createdBefore?.toISOString(),
          updatedAfter: args.filter?.updatedAfter?.toISOString(),
          updatedBefore: args.filter?.updatedBefore?.toISOString(),
        };
        return providerConnection(args, (page) =>
          callConnector(
            context,
            "ticketing",
            "ticketing_query_tickets",
            (adapter) => adapter.queryTickets({ ...page, fields: ticketPropertiesRead(selectedNodeFields(info)), orderBy, filter }),
            { filter, orderBy: orderBy?.field },
          ),
        );
      },
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
    resolve: (_root, args, context) => context.loaders.ticket.load(String(args.id)),
  }),
);

builder.queryField("projects", (t) =>
  t.connection(
    {
      ...connectorField("ticketing"),
      type: ProjectRefType,
      description: "Projects of the integration's provider. Operation `ticketing_list_projects`.",
      resolve: (_root, args, context) =>
        providerConnection(args, (page) => callConnector(context, "ticketing", "ticketing_list_projects", (adapter) => adapter.listProjects(page))),
    },
    { subGraphs: ["connector"], name: "ProjectConnection", description: "A page of projects." },
    { subGraphs: ["connector"], name: "ProjectEdge", description: "A project in a page." },
  ),
);

builder.queryField("ticketComments", (t) =>
  t.connection(
    {
      ...connectorField("ticketing"),
      type: TicketCommentRef,
      description: "Comments on one ticket, oldest first. Operation `ticketing_list_comments`.",
      args: { ticketId: t.arg.id({ required: true, description: "Ticket id or key." }) },
      resolve: (_root, args, context) =>
        providerConnection(args, (page) =>
          callConnector(context, "ticketing", "ticketing_list_comments", (adapter) => adapter.listComments(String(args.ticketId), page)),
        ),
    },
    { subGraphs: ["connector"], name: "TicketCommentConnection", description: "A page of comments." },
    { subGraphs: ["connector"], name: "TicketCommentEdge", description: "A comment in a page." },
  ),
);
