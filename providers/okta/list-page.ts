/** Reads one page of any Okta list: the first from a path and query, later ones from the cursor's `next` URL verbatim. */
import type { z } from "zod";
import type { ProviderRequest } from "../http/types.ts";
import type { OperationId } from "../operations.ts";
import type { Page, PageRequest } from "../types.ts";
import type { OktaContext } from "./context.ts";
import { cursorFor, decodeCursor, pageSize } from "./cursor.ts";

export interface ListRequest {
  operation: OperationId;
  /** The list's path, e.g. `/api/v1/users`; cursors are honoured only for this path. */
  path: string;
  /** First-page parameters; `limit` is added from the page request. */
  query: ProviderRequest["query"];
  maxPageSize: number;
  action: string;
  subject: string;
}

export async function readPage<P, T>(context: OktaContext, list: ListRequest, page: PageRequest, item: z.ZodType<P>, map: (payload: P) => T): Promise<Page<T>> {
  const { operation, path, action, subject } = list;
  // The filter and page size of a continued list travel inside Okta's next URL, so they are not sent again.
  const target = page.cursor
    ? { path: decodeCursor(page.cursor, context.baseUrl, path) }
    : { path, query: { ...list.query, limit: pageSize(page.limit, list.maxPageSize) } };
  const result = await context.client.list({ operation, method: "GET", ...target, action, subject }, item);
  return { items: result.items.map(map), nextCursor: cursorFor(result.next, context.baseUrl, path) };
}
