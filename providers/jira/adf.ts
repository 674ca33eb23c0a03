/** The Atlassian Document Format (ADF) shapes the converters work on, and the small helpers they share. */

export interface AdfMark {
  type: string;
  attrs?: Record<string, unknown>;
}

export interface AdfNode {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: AdfMark[];
  content?: AdfNode[];
}

export interface AdfDoc {
  type: "doc";
  version: number;
  content: AdfNode[];
}

/** Marks Markdown can express, outermost first; `code` is rendered as a whole span, never nested. */
export const markOrder = ["link", "strike", "strong", "em", "code"] as const;

export type MarkdownMark = (typeof markOrder)[number];

export function isMarkdownMark(mark: AdfMark): mark is AdfMark & { type: MarkdownMark } {
  return (markOrder as readonly string[]).includes(mark.type);
}

export function sameMark(a: AdfMark, b: AdfMark): boolean {
  return a.type === b.type && (a.type !== "link" || a.attrs?.href === b.attrs?.href);
}

/** Sorts marks into `markOrder` so equal formatting always compares and renders the same way. */
export function sortMarks(marks: readonly AdfMark[]): AdfMark[] {
  const rank = (mark: AdfMark) => (markOrder as readonly string[]).indexOf(mark.type);
  return [...marks].sort((a, b) => rank(a) - rank(b));
}

/** The visible text of any node: what an unknown node degrades to. */
export function textOf(node: AdfNode): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "hardBreak") return "\n";
  const label = attrText(node);
  if (label !== null) return label;
  return (node.content ?? []).map(textOf).join("");
}

/** Inline leaves that carry their text in attributes (mention, emoji, status, date, inlineCard). */
function attrText(node: AdfNode): string | null {
  const attrs = node.attrs ?? {};
  const asString = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);
  switch (node.type) {
    case "mention": {
      const name = asString(attrs.text) ?? asString(attrs.displayName) ?? asString(attrs.id) ?? "";
      return name.startsWith("@") ? name : `@${name}`;
    }
    case "emoji":
      return asString(attrs.text) ?? asString(attrs.shortName) ?? "";
    case "status":
      return asString(attrs.text) ?? "";
    case "date": {
      const millis = Number(attrs.timestamp);
      return Number.isFinite(millis) ? new Date(millis).toISOString().slice(0, 10) : "";
    }
    case "inlineCard":
    case "blockCard":
      return asString(attrs.url) ?? "";
    default:
      return null;
  }
}

export function adfDoc(content: AdfNode[]): AdfDoc {
  return { type: "doc", version: 1, content };
}
