/** Ticketing connector types: tickets, people, projects and comments as the unified model has them. */
import { builder } from "../builder.ts";
import type { Project, ProjectRef, Ticket, TicketComment, TicketField, UserRef } from "../../providers/types.ts";

/** How rich text Markdown lacks is spelled, for every Markdown field of a ticket or comment. */
export const richTextConventions =
  "Jira nodes Markdown has no syntax for are links, kept when written back unchanged: `[@Ada Lovelace](mention:<accountId>)` " +
  "mentions a user, `![alt](media:<id>)` is an attached image, `[alt](media:<id>)` a file in a line of text, images marked `?group=1` " +
  "on consecutive lines a strip of file cards, `[IN REVIEW](status:yellow)` a status lozenge, `[2024-03-15](date:2024-03-15)` " +
  "a date, `[🚀](emoji:rocket)` an emoji and `<https://…>` a smart link; a malformed target, or one in `<…>`, is an ordinary link.";

export const TicketPriorityEnum = builder.enumType("TicketPriority", {
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

export const TicketUserRef = builder.objectRef<UserRef>("TicketUser").implement({
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

export const TicketRef = builder.objectRef<Ticket>("Ticket");

TicketRef.implement({
  description: "A ticket (issue), normalised from the provider.",
  subGraphs: ["connector"],
  fields: (t) => ({
    id: t.exposeID("id", { description: "Provider id." }),
    key: t.exposeString("key", { description: "Human key, e.g. `PROJ-12`." }),
    summary: t.exposeString("summary", { description: "One-line summary." }),
    description: t.exposeString("description", { nullable: true, description: `Description as Markdown. ${richTextConventions}` }),
    status: t.exposeString("status", { description: "Workflow status name." }),
    priority: t.field({ type: TicketPriorityEnum, nullable: true, description: "Unified priority.", resolve: (ticket) => ticket.priority }),
    assignee: t.field({ type: TicketUserRef, nullable: true, description: "Assignee.", resolve: (ticket) => ticket.assignee }),
    creator: t.field({ type: TicketUserRef, nullable: true, description: "Creator.", resolve: (ticket) => ticket.creator }),
    reporter: t.field({ type: TicketUserRef, nullable: true, description: "Reporter.", resolve: (ticket) => ticket.reporter }),
    project: t.field({ type: TicketProjectRef, nullable: true, description: "Project.", resolve: (ticket) => ticket.project }),
    issueType: t.exposeString("issueType", { nullable: true, description: "Issue type, e.g. `Bug`." }),
    parentId: t.exposeID("parentId", { nullable: true, description: "Parent ticket id, for sub-tasks." }),
    parent: t.field({
      type: TicketRef,
      nullable: true,
      description: "The parent ticket, for sub-tasks. Loaded once per request however many tickets share it.",
      resolve: (ticket, _args, context) => (ticket.parentId ? context.loaders.ticket.load(ticket.parentId) : null),
    }),
    dueDate: t.exposeString("dueDate", { nullable: true, description: "Due date, `YYYY-MM-DD`." }),
    tags: t.exposeStringList("tags", { description: "Labels." }),
    createdAt: t.field({ type: "DateTime", description: "Created.", resolve: (ticket) => ticket.createdAt }),
    updatedAt: t.field({ type: "DateTime", description: "Last updated.", resolve: (ticket) => ticket.updatedAt }),
    customFields: t.field({ type: "JSON", description: "Provider custom fields by id.", resolve: (ticket) => ticket.customFields }),
    raw: t.field({ type: "JSON", description: "The provider's payload, unchanged.", resolve: (ticket) => ticket.raw }),
  }),
});

/**
 * The `Ticket` property each GraphQL field of `Ticket` reads (`id` and `key` always come). A field
 * missing here makes any selection of it fetch everything: slower until listed, never wrong.
 */
const propertyReadBy: Record<string, TicketField | null> = {
  __typename: null,
  id: null,
  key: null,
  summary: "summary",
  description: "description",
  status: "status",
  priority: "priority",
  assignee: "assignee",
  creator: "creator",
  reporter: "reporter",
  project: "project",
  issueType: "issueType",
  parentId: "parentId",
  parent: "parentId",
  dueDate: "dueDate",
  tags: "tags",
  createdAt: "createdAt",
  updatedAt: "updatedAt",
  customFields: "customFields",
  raw: "raw",
};

/** The ticket properties a selection of `Ticket` fields reads; undefined (all of them) if it names one not listed above. */
export function ticketPropertiesRead(selectedFields: Iterable<string>): ReadonlySet<TicketField> | undefined {
  const properties = new Set<TicketField>();
  for (const name of selectedFields) {
    if (!Object.hasOwn(propertyReadBy, name)) return undefined;
    const property = propertyReadBy[name];
    if (property) properties.add(property);
  }
  return properties;
}

export const ProjectRefType = builder.objectRef<Project>("Project").implement({
  description: "A ticketing project.",
  subGraphs: ["connector"],
  fields: (t) => ({
    id: t.exposeID("id", { description: "Provider project id." }),
    key: t.exposeString("key", { description: "Project key." }),
    name: t.exposeString("name", { description: "Name." }),
    description: t.exposeString("description", { nullable: true, description: "Description." }),
    lead: t.field({ type: TicketUserRef, nullable: true, description: "Project lead.", resolve: (project) => project.lead }),
    raw: t.field({ type: "JSON", description: "The provider's payload, unchanged.", resolve: (project) => project.raw }),
  }),
});

export const TicketCommentRef = builder.objectRef<TicketComment>("TicketComment").implement({
  description: "A comment on a ticket.",
  subGraphs: ["connector"],
  fields: (t) => ({
    id: t.exposeID("id", { description: "Provider comment id." }),
    ticketId: t.exposeID("ticketId", { description: "The ticket." }),
    body: t.exposeString("body", { description: `Comment as Markdown. ${richTextConventions}` }),
    author: t.field({ type: TicketUserRef, nullable: true, description: "Author.", resolve: (comment) => comment.author }),
    createdAt: t.field({ type: "DateTime", description: "Posted.", resolve: (comment) => comment.createdAt }),
    updatedAt: t.field({ type: "DateTime", description: "Last edited.", resolve: (comment) => comment.updatedAt }),
    raw: t.field({ type: "JSON", description: "The provider's payload, unchanged.", resolve: (comment) => comment.raw }),
  }),
});
