/**
 * Relay connections over provider pages. A provider only hands out a cursor per page, so an edge's
 * cursor is (page cursor, position in that page): resuming after any edge re-reads its page and
 * skips what was already seen, and the last edge of a page resumes at the provider's next page.
 */
import { badInput } from "../../src/errors.ts";
import type { Page, PageRequest } from "../../providers/types.ts";
import { maxPageSize } from "../paging.ts";

interface Position {
  page: string | null;
  skip: number;
}

const encode = (position: Position) => Buffer.from(JSON.stringify([position.page, position.skip])).toString("base64url");

function decode(cursor: string): Position {
  try {
    const [page, skip] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    if ((typeof page === "string" || page === null) && typeof skip === "number" && Number.isInteger(skip) && skip >= 0 && skip <= maxPageSize) {
      return { page, skip };
    }
  } catch {
    // fall through
  }
  throw badInput("after", "is not a cursor returned by this connection");
}

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/**
 * Provider pages read for one connection page at most. An adapter may drop items the provider's own
 * filter let through (Jira's minute-rounded dates), so a page can be empty before the last one.
 */
const maxPagesRead = 5;

/** `first` is 0 to `maxPageSize`, as the page-size plugin has checked; 0 answers only whether items follow. */
export async function providerConnection<T>(args: ConnectionArgs, fetchPage: (page: PageRequest) => Promise<Page<T>>) {
  if (args.last != null || args.before != null) throw badInput(args.last != null ? "last" : "before", "connector lists page forwards only: use first/after");
  const first = args.first ?? 50;
  // An empty page still reads one item, to tell whether any follow.
  const wanted = Math.max(first, 1);
  const start = args.after ? decode(args.after) : { page: null, skip: 0 };
  let position = start;
  let result = await fetchPage({ cursor: position.page, limit: Math.min(maxPageSize, wanted + position.skip) });
  for (let read = 1; result.items.length <= position.skip && result.nextCursor !== null && read < maxPagesRead; read++) {
    position = { page: result.nextCursor, skip: 0 };
    result = await fetchPage({ cursor: position.page, limit: wanted });
  }
  const { page, skip } = position;
  const items = result.items.slice(skip, skip + first);
  const moreInPage = skip + items.length < result.items.length;
  const nextPage = result.nextCursor === null ? null : encode({ page: result.nextCursor, skip: 0 });
  const edges = items.map((node, index) => {
    const isLastOfPage = skip + index + 1 === result.items.length;
    return { node, cursor: isLastOfPage && nextPage ? nextPage : encode({ page, skip: skip + index + 1 }) };
  });
  return {
    edges,
    pageInfo: {
      hasNextPage: moreInPage || nextPage !== null,
      hasPreviousPage: start.page !== null || start.skip > 0,
      startCursor: edges[0]?.cursor ?? null,
      // With no edge, still a cursor to go on from when the provider has more: where this page began
      // when items are left in it (first: 0), else the provider's next page.
      endCursor: edges.at(-1)?.cursor ?? (moreInPage ? encode(position) : nextPage),
    },
  };
}
