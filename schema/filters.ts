/** Reusable filter and ordering inputs. */
import { builder } from "./builder.ts";

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
