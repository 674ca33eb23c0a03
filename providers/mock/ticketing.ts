/** The mock ticketing provider: each integration's own tickets, projects and comments, kept in memory. */
import { mockConfigFields, mockConfigSchema, type MockConfig } from "./config.ts";
import type { ProviderDefinition } from "../definition.ts";
import { operations } from "../operations.ts";
import { mockProjects } from "./data.ts";
import { pageOf } from "./paging.ts";
import { createIntegrationStore } from "./store.ts";
import { createComment, deleteComment, listComments } from "./ticket-comments.ts";
import { createTicket, updateTicket } from "./ticket-changes.ts";
import { selectTickets, ticketFilters, ticketOrders } from "./ticket-query.ts";
import { findTicket, seedTicketingState } from "./ticketing-state.ts";

const stateOf = createIntegrationStore(seedTicketingState);

export const ticketingMock: ProviderDefinition<"ticketing", MockConfig> = {
  id: "ticketing_mock",
  connector: "ticketing",
  name: "Mock ticketing",
  description:
    "Keeps each integration's tickets and comments in the gateway's memory, starting from twelve sample tickets, listed oldest first unless an order is given; status changes follow To Do ⇄ In Progress ⇄ Done. For development and tests; needs no credentials.",
  configSchema: mockConfigSchema,
  configFields: mockConfigFields,
  credentialTypes: [],
  operations: operations.ticketing,
  queryCapabilities: { ticketing_query_tickets: { filters: ticketFilters, orders: ticketOrders } },
  credentialDestination: () => "mock",
  createAdapter: (_config, _credential, deps) => {
    const state = stateOf(deps.integrationKey);
    return {
      verify: async () => {},
      queryTickets: async (query) => pageOf(selectTickets(state.tickets.values(), query), query),
      getTicket: async (id) => findTicket(state, id),
      createTicket: async (input) => createTicket(state, input, new Date()),
      updateTicket: async (id, input) => updateTicket(state, findTicket(state, id), input, new Date()),
      listProjects: async (page) => pageOf(mockProjects, page),
      listComments: async (ticketId, page) => listComments(state, ticketId, page),
      createComment: async (ticketId, body) => createComment(state, ticketId, body, new Date()),
      deleteComment: async (ticketId, commentId) => deleteComment(state, ticketId, commentId),
    };
  },
};
