/** Comments on mock tickets: listed oldest first, added as the integration's user, deleted by id. */
import { ProviderError, type PageRequest, type Page, type TicketComment } from "../types.ts";
import { mockTicketUsers } from "./data.ts";
import { pageOf } from "./paging.ts";
import { findTicket, ticketingLimits, type TicketingState } from "./ticketing-state.ts";

export function listComments(state: TicketingState, ticketRef: string, page: PageRequest): Page<TicketComment> {
  const ticket = findTicket(state, ticketRef);
  return pageOf(state.comments.get(ticket.id) ?? [], page);
}

export function createComment(state: TicketingState, ticketRef: string, body: string, now: Date): TicketComment {
  const ticket = findTicket(state, ticketRef);
  const comments = state.comments.get(ticket.id) ?? [];
  // The Jira adapter reports Jira's per-issue limits the same way.
  if (comments.length >= ticketingLimits.commentsPerTicket) throw new ProviderError("BAD_USER_INPUT", "The mock ticketing provider could not comment on the issue: a per-issue limit has been reached");
  const timestamp = now.toISOString();
  const comment: TicketComment = { id: String(++state.lastCommentId), ticketId: ticket.id, body, author: mockTicketUsers[0] ?? null, createdAt: timestamp, updatedAt: timestamp, raw: { mock: true } };
  state.comments.set(ticket.id, [...comments, comment]);
  return comment;
}

export function deleteComment(state: TicketingState, ticketRef: string, commentId: string): void {
  const ticket = findTicket(state, ticketRef);
  const comments = state.comments.get(ticket.id) ?? [];
  if (!comments.some((comment) => comment.id === commentId)) throw new ProviderError("NOT_FOUND", "Comment not found on this ticket");
  state.comments.set(ticket.id, comments.filter((comment) => comment.id !== commentId));
}
