/** Lists projects through `/project/search`, expanding the description and lead the unified type carries. */
import type { Page, PageRequest, Project } from "../types.ts";
import type { JiraContext } from "./context.ts";
import { decodeOffsetCursor, nextOffsetCursor, pageSize } from "./cursor.ts";
import { jiraFacts } from "./descriptor.ts";
import { toProject } from "./normalise.ts";
import { JiraProjectPage } from "./payloads.ts";

export async function listProjects(context: JiraContext, page: PageRequest): Promise<Page<Project>> {
  const startAt = decodeOffsetCursor(page.cursor);
  const result = await context.client.read(
    {
      operation: "ticketing_list_projects",
      method: "GET",
      path: "/project/search",
      query: { startAt, maxResults: pageSize(page.limit, jiraFacts.pagination.projects.maxPageSize), orderBy: "key", expand: "description,lead" },
      action: "list projects",
      subject: "project page",
    },
    JiraProjectPage,
  );
  return {
    items: result.values.map(toProject),
    nextCursor: nextOffsetCursor(result.startAt, result.values.length, !result.isLast),
  };
}
