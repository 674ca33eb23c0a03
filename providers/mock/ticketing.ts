/** The mock ticketing provider: a fixed set of tickets, filtered and paged in memory. */
import { mockConfigFields, mockConfigSchema, type MockConfig } from "./config.ts";
import type { ProviderDefinition } from "../definition.ts";
import { ProviderError, type Ticket } from "../types.ts";
import { mockTickets } from "./data.ts";
import { pageOf } from "./paging.ts";

const unsupported = (): never => {
  throw new ProviderError("UNSUPPORTED_OPERATION", "The mock ticketing provider is read-only");
};

function find(id: string): Ticket {
  const ticket = mockTickets.find((candidate) => candidate.id === id || candidate.key === id);
  if (!ticket) throw new ProviderError("NOT_FOUND", "Ticket not found");
  return ticket;
}

export const ticketingMock: ProviderDefinition<"ticketing", MockConfig> = {
  id: "ticketing_mock",
  connector: "ticketing",
  name: "Mock ticketing",
  description: "Serves a fixed set of tickets for development and tests; needs no credentials.",
  configSchema: mockConfigSchema,
  configFields: mockConfigFields,
  credentialTypes: [],
  operations: ["ticketing_query_tickets", "ticketing_get_ticket", "ticketing_list_projects"],
  queryCapabilities: { ticketing_query_tickets: { filters: ["status", "priority", "projectKey", "tags"], orders: [] } },
  createAdapter: () => ({
    verify: async () => {},
    queryTickets: async ({ filter, limit, cursor }) => {
      const matching = mockTickets.filter(
        (ticket) =>
          (!filter.status?.length || filter.status.includes(ticket.status)) &&
          (!filter.priority?.length || (ticket.priority !== null && filter.priority.includes(ticket.priority))) &&
          (!filter.projectKey?.length || filter.projectKey.includes(ticket.project?.key ?? "")) &&
          (!filter.tags?.length || filter.tags.some((tag) => ticket.tags.includes(tag))),
      );
      return pageOf(matching, { limit, cursor });
    },
    getTicket: async (id) => find(id),
    listProjects: async (page) =>
      pageOf([{ id: "10000", key: "MOCK", name: "Mock project", description: null, lead: null, raw: { mock: true } }], page),
    createTicket: unsupported,
    updateTicket: unsupported,
    listComments: unsupported,
    createComment: unsupported,
    deleteComment: unsupported,
  }),
};
