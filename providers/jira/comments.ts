/** Comment operations on an issue; bodies travel as ADF and come back as Markdown. */
import type { Page, PageRequest, TicketComment } from "../types.ts";
import { segment } from "./client.ts";
import type { JiraContext } from "./context.ts";
import { decodeOffsetCursor, nextOffsetCursor, pageSize } from "./cursor.ts";
import { jiraFacts } from "./descriptor.ts";
import { markdownToAdf } from "./markdown-to-adf.ts";
import { toComment } from "./normalise.ts";
import { JiraComment, JiraCommentPage } from "./payloads.ts";

export async function listComments(context: JiraContext, ticketId: string, page: PageRequest): Promise<Page<TicketComment>> {
  const startAt = decodeOffsetCursor(page.cursor);
  const result = await context.client.read(
    {
      operation: "ticketing_list_comments",
      method: "GET",
      path: `/issue/${segment(ticketId, "issue id or key")}/comment`,
      query: { startAt, maxResults: pageSize(page.limit, jiraFacts.pagination.comments.maxPageSize), orderBy: "created" },
      action: "list the issue's comments",
      subject: `issue ${ticketId}`,
    },
    JiraCommentPage,
  );
  const received = result.comments.length;
  return {
    items: result.comments.map((comment) => toComment(comment, ticketId)),
    nextCursor: nextOffsetCursor(result.startAt, received, result.startAt + received < result.total),
  };
}

export async function createComment(context: JiraContext, ticketId: string, body: string): Promise<TicketComment> {
  const comment = await context.client.read(
    {
      operation: "ticketing_create_comment",
      method: "POST",
      path: `/issue/${segment(ticketId, "issue id or key")}/comment`,
      json: { body: markdownToAdf(body) },
      action: "comment on the issue",
      subject: `issue ${ticketId}`,
    },
    JiraComment,
  );
  return toComment(comment, ticketId);
}

export async function deleteComment(context: JiraContext, ticketId: string, commentId: string): Promise<void> {
  await context.client.send({
    operation: "ticketing_delete_comment",
    method: "DELETE",
    path: `/issue/${segment(ticketId, "issue id or key")}/comment/${segment(commentId, "comment id")}`,
    action: "delete the comment",
    subject: `comment ${commentId} on issue ${ticketId}`,
  });
}
