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

export async function providerConnection<T>(args: ConnectionArgs, fetchPage: (page: PageRequest) => Promise<Page<T>>) {
  if (args.last != null || args.before != null) throw badInput("last", "connector lists page forwards only: use first/after");
  const first = args.first ?? 50;
  if (first < 1 || first > maxPageSize) throw badInput("first", `must be between 1 and ${maxPageSize}`);
  const start = args.after ? decode(args.after) : { page: null, skip: 0 };
  const result = await fetchPage({ cursor: start.page, limit: Math.min(maxPageSize, first + start.skip) });
  const items = result.items.slice(start.skip, start.skip + first);
  const consumed = start.skip + items.length;
  const moreInPage = consumed < result.items.length;
  const edges = items.map((node, index) => {
    const isLastOfPage = start.skip + index + 1 === result.items.length;
    const cursor = isLastOfPage && result.nextCursor ? encode({ page: result.nextCursor, skip: 0 }) : encode({ page: start.page, skip: start.skip + index + 1 });
    return { node, cursor };
  });
  return {
    edges,
    pageInfo: {
      hasNextPage: moreInPage || result.nextCursor !== null,
      hasPreviousPage: start.page !== null || start.skip > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
