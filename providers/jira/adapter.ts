/** The Jira TicketingAdapter: each method delegates to the operation module that owns it. */
import type { TicketingAdapter } from "../types.ts";
import { createComment, deleteComment, listComments } from "./comments.ts";
import type { JiraContext } from "./context.ts";
import { JiraUser } from "./payloads.ts";
import { listProjects } from "./projects.ts";
import { createTicket, getTicket, queryTickets, updateTicket } from "./tickets.ts";

export function createJiraAdapter(context: JiraContext): TicketingAdapter {
  return {
    async verify() {
      // `/myself` is the cheapest call that proves both the base URL and the credential.
      await context.client.read(
        { operation: "ticketing_verify", method: "GET", path: "/myself", action: "verify the connection", subject: "current user" },
        JiraUser,
      );
    },
    queryTickets: (query) => queryTickets(context, query),
    getTicket: (id) => getTicket(context, id),
    createTicket: (input) => createTicket(context, input),
    updateTicket: (id, input) => updateTicket(context, id, input),
    listProjects: (page) => listProjects(context, page),
    listComments: (ticketId, page) => listComments(context, ticketId, page),
    createComment: (ticketId, body) => createComment(context, ticketId, body),
    deleteComment: (ticketId, commentId) => deleteComment(context, ticketId, commentId),
  };
}
