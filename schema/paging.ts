/**
 * The paging rules every Prisma-backed connection follows: one page direction, at most
 * `maxPageSize` items, a cursor this API issued, and a cursor that still names an item.
 */
import { createContextCache } from "@pothos/core";
import { parsePrismaCursor } from "@pothos/plugin-prisma";
import { badInput } from "../src/errors.ts";
import { isUuid } from "../src/services/names.ts";

export const maxPageSize = 100;

export interface PageArguments {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

const cursorArgument = (args: PageArguments) => (args.after != null ? "after" : "before");

/**
 * Refuses what Pothos would otherwise bend: `first` with `last` (it reads `first ?? last`) and an
 * undecodable cursor (which Pothos reports on the enclosing field for a nested list). Sizes outside
 * 0 to `maxPageSize` were refused by the page-size plugin, and the cursor/direction mixes by Pothos,
 * before. Used as the builder's `maxConnectionSize`, so it runs for every Prisma connection, nested
 * ones included, before any statement is sent.
 */
export function checkedPageSize(args: PageArguments): number {
  if (args.first != null && args.last != null) throw badInput("last", "cannot be combined with `first`; page forwards with first/after or backwards with last/before");
  const cursor = args.after ?? args.before;
  if (cursor != null && !isIssuedCursor(cursor)) throw badInput(cursorArgument(args), "is not a cursor of this list");
  return maxPageSize;
}

/** Every cursored column is a UUID, so anything else cannot have come from this API. */
function isIssuedCursor(cursor: string): boolean {
  try {
    const value = parsePrismaCursor(cursor);
    return typeof value === "string" && isUuid(value);
  } catch {
    return false;
  }
}

const lostCursor = (args: PageArguments) =>
  badInput(cursorArgument(args), "names an item that is not in this list (deleted, or from another list); start again from the first page");

/**
 * The page a cursored query returned, unless it is empty because the cursor's row is gone or
 * belongs to another list: Prisma answers both with an empty page, which a client would take for
 * the end of the list. The row is looked up only in that case, so a normal page costs nothing.
 */
export async function unlessCursorLost<Row, Where>(
  query: { cursor?: Where },
  args: PageArguments,
  page: PromiseLike<Row[]>,
  countCursorRow: (where: Where) => PromiseLike<number>,
): Promise<Row[]> {
  const rows = await page;
  if (rows.length === 0 && query.cursor && (await countCursorRow(query.cursor)) === 0) throw lostCursor(args);
  return rows;
}

/** Cursor rows a request has looked up, by list and cursor: Pothos asks a nested list's query once to plan and again per parent row. */
const cursorRowCounts = createContextCache(() => new Map<string, PromiseLike<number>>());

/**
 * The same rule for a nested (related) connection, whose page is read inside its parent's query
 * and so cannot be inspected first: the cursor's row is looked up before, only when a cursor is
 * given, once per request. `list` names the connection, e.g. `Account.integrations`. Returns
 * `query` itself when there is no cursor: the field's `query` runs once per parent row, and a
 * promise for each would cost every row of every page.
 */
export function afterCursorCheck<T>(context: object, list: string, args: object, countRow: (id: string) => PromiseLike<number>, query: T): T | Promise<T> {
  // The field's declared arguments omit the connection's own, which Pothos passes all the same.
  const page = args as PageArguments;
  const cursor = page.after ?? page.before;
  if (cursor == null) return query;
  const counts = cursorRowCounts(context);
  const key = `${list} ${cursor}`;
  if (!counts.has(key)) counts.set(key, countRow(parsePrismaCursor(cursor) as string));
  return Promise.resolve(counts.get(key)).then((count) => {
    if (count === 0) throw lostCursor(page);
    return query;
  });
}
