/** One integration's mock ticketing state: its tickets and their comments, seeded from data.ts. */
import { ProviderError, type Ticket, type TicketComment } from "../types.ts";
import { mockTickets } from "./data.ts";

/** Bounds per integration, so that one integration cannot grow the gateway's memory without limit. */
export const ticketingLimits = { tickets: 500, commentsPerTicket: 100 };

export interface TicketingState {
  /** By ticket id, oldest first. */
  tickets: Map<string, Ticket>;
  /** By ticket id, oldest first. */
  comments: Map<string, TicketComment[]>;
  lastTicketNumber: number;
  lastCommentId: number;
}

export function seedTicketingState(): TicketingState {
  return {
    tickets: new Map(mockTickets.map((ticket) => [ticket.id, structuredClone(ticket)])),
    comments: new Map(),
    lastTicketNumber: mockTickets.length,
    lastCommentId: 20000,
  };
}

/** A ticket by id or key (keys without regard to case), or null. */
export function lookupTicket(state: TicketingState, ref: string): Ticket | null {
  const byId = state.tickets.get(ref);
  if (byId) return byId;
  const key = ref.toUpperCase();
  for (const ticket of state.tickets.values()) if (ticket.key === key) return ticket;
  return null;
}

export function findTicket(state: TicketingState, ref: string): Ticket {
  const ticket = lookupTicket(state, ref);
  if (!ticket) throw new ProviderError("NOT_FOUND", "Ticket not found");
  return ticket;
}
