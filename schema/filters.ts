/** Reusable filter and ordering inputs. */
import { builder } from "./builder.ts";
import { isUuid } from "../src/services/names.ts";

export const StringFilter = builder.inputType("StringFilter", {
  description: "Matches a text field. All given conditions must hold.",
  subGraphs: ["management"],
  fields: (t) => ({
    eq: t.string({ description: "Exactly this value." }),
    in: t.stringList({ description: "Any of these values." }),
    startsWith: t.string({ description: "Starts with this prefix." }),
    contains: t.string({ description: "Contains this text (case-insensitive)." }),
  }),
});

export type StringFilterValue = { eq?: string | null; in?: string[] | null; startsWith?: string | null; contains?: string | null };

/** Prisma hands `startsWith` and `contains` to LIKE as they are; `%` and `_` must match themselves, not anything. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

export function toStringWhere(filter: StringFilterValue | null | undefined) {
  if (!filter) return undefined;
  return {
    ...(filter.eq != null && { equals: filter.eq }),
    ...(filter.in != null && { in: filter.in }),
    ...(filter.startsWith != null && { startsWith: likeLiteral(filter.startsWith) }),
    ...(filter.contains != null && { contains: likeLiteral(filter.contains), mode: "insensitive" as const }),
  };
}

/** Matches any of these ids; one that is not a UUID cannot name a row, so it narrows to nothing rather than fail. */
export function toIdsWhere(ids: readonly (string | number)[]) {
  return { in: ids.map(String).filter(isUuid) };
}

export const TimeRange = builder.inputType("TimeRange", {
  description: "An interval of time; either end may be open.",
  subGraphs: ["management"],
  fields: (t) => ({
    from: t.field({ type: "DateTime", description: "At or after this instant." }),
    to: t.field({ type: "DateTime", description: "Before this instant." }),
  }),
});

export function toTimeWhere(range: { from?: Date | null; to?: Date | null } | null | undefined) {
  if (!range) return undefined;
  return { ...(range.from && { gte: range.from }), ...(range.to && { lt: range.to }) };
}

export const OrderDirection = builder.enumType("OrderDirection", {
  description: "Sort direction.",
  subGraphs: ["management", "connector"],
  values: { ASC: { description: "Smallest first." }, DESC: { description: "Largest first." } } as const,
});

type Direction = "ASC" | "DESC";

/**
 * The `<Name>Order` input of one list and its `<Name>OrderField` enum, whose values are the keys
 * of `fields`, each described by its string.
 */
export function orderInput<const Fields extends Record<string, string>>(name: string, list: string, fields: Fields) {
  type Values = { [Value in keyof Fields]: { description: string } };
  const values = Object.fromEntries(Object.entries(fields).map(([value, description]) => [value, { description }])) as Values;
  const orderField = builder.enumType<string, Values>(`${name}OrderField`, {
    description: `What \`${list}\` can be sorted by.`,
    subGraphs: ["management"],
    values,
  });
  return builder.inputType(`${name}Order`, {
    description: `Sort order of \`${list}\`.`,
    subGraphs: ["management"],
    fields: (t) => ({
      field: t.field({ type: orderField, required: true, description: "Sort key." }),
      direction: t.field({ type: OrderDirection, required: true, description: "Sort direction." }),
    }),
  });
}

type SortOrder = "asc" | "desc";

/** The columns most lists sort by: creation time, time of the last change, name. */
export const timeAndNameColumns = { CREATED_AT: "createdAt", UPDATED_AT: "updatedAt", NAME: "name" } as const;

/** Most lists' default order. */
export const oldestFirst = { field: "CREATED_AT", direction: "ASC" } as const;

/**
 * Prisma `orderBy` for a list paged by an `id` cursor: the chosen column, then `id` the same way,
 * so rows with equal keys keep one order and a cursor names one place in it. Creation order is
 * `createdAt`, never `id`: some rows get random (v4) ids.
 */
export function toOrderBy<Field extends string, Column extends string>(
  order: { field: Field; direction: Direction } | null | undefined,
  columns: Record<Field, Column>,
  fallback: { field: Field; direction: Direction },
): ({ [Key in Column]?: SortOrder } | { id: SortOrder })[] {
  const { field, direction } = order ?? fallback;
  const sort: SortOrder = direction === "DESC" ? "desc" : "asc";
  return [{ [columns[field]]: sort } as { [Key in Column]?: SortOrder }, { id: sort }];
}
