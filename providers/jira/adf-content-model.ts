/**
 * Fits parsed Markdown into what ADF lets each container hold, so Jira never refuses a converted document.
 *
 * Markdown nests any block in a quote or list item; ADF does not. Each forbidden block becomes the nearest
 * allowed form and no text is lost:
 * - a heading becomes a paragraph whose text is strong;
 * - a quote inside a quote or list item gives up its quote and keeps its paragraphs, lists and code;
 * - a table there becomes one paragraph per row, cells separated by " | ";
 * - a rule there is dropped: it carries no text, and an empty paragraph would only add a gap.
 * A list item that would open with a list gets an empty paragraph first, because ADF lets an item start only
 * with a paragraph or a code block; Jira renders that as the bullet on an empty line above the nested list.
 */
import { type AdfMark, type AdfNode, sortMarks } from "./adf.ts";

/** Of the blocks the parser makes, those both a quote and a list item may hold (media and extensions never arise). */
const nestable = new Set(["paragraph", "bulletList", "orderedList", "codeBlock"]);

const allowedFirstInListItem = new Set(["paragraph", "codeBlock"]);

export function fitBlockquoteContent(blocks: readonly AdfNode[]): AdfNode[] {
  const content = blocks.flatMap(fitBlock);
  return content.length > 0 ? content : [emptyParagraph()];
}

export function fitListItemContent(blocks: readonly AdfNode[]): AdfNode[] {
  const content = blocks.flatMap(fitBlock);
  if (!allowedFirstInListItem.has(content[0]?.type ?? "")) content.unshift(emptyParagraph());
  return content;
}

function fitBlock(block: AdfNode): AdfNode[] {
  if (nestable.has(block.type)) return [block];
  switch (block.type) {
    case "heading":
      return [{ type: "paragraph", content: (block.content ?? []).map(strong) }];
    case "blockquote":
      return (block.content ?? []).flatMap(fitBlock);
    case "table":
      return (block.content ?? []).map(rowAsParagraph);
    default:
      // A rule: the only other block the parser makes.
      return [];
  }
}

function rowAsParagraph(row: AdfNode): AdfNode {
  const cells = (row.content ?? []).map((cell) => (cell.content ?? []).flatMap((paragraph) => paragraph.content ?? []));
  const joined = cells.flatMap((inline, index) => (index === 0 ? inline : [{ type: "text", text: " | " }, ...inline]));
  return { type: "paragraph", content: mergePlainText(joined) };
}

function mergePlainText(nodes: readonly AdfNode[]): AdfNode[] {
  const out: AdfNode[] = [];
  for (const node of nodes) {
    const last = out.at(-1);
    if (last?.type === "text" && node.type === "text" && !last.marks && !node.marks) out[out.length - 1] = { type: "text", text: `${last.text}${node.text}` };
    else out.push(node);
  }
  return out;
}

function strong(node: AdfNode): AdfNode {
  if (node.type !== "text" || node.marks?.some((mark) => mark.type === "code" || mark.type === "strong")) return node;
  return { ...node, marks: sortMarks([...(node.marks ?? []), { type: "strong" }]) };
}

function emptyParagraph(): AdfNode {
  return { type: "paragraph", content: [] };
}

/** Code text may carry only links beside its code mark in ADF, so `**`x`**` keeps the code and drops the bold. */
export function fitInlineMarks(nodes: readonly AdfNode[]): AdfNode[] {
  return nodes.map((node) => {
    const marks = node.marks ?? [];
    if (!marks.some((mark) => mark.type === "code")) return node;
    const kept: AdfMark[] = marks.filter((mark) => mark.type === "code" || mark.type === "link");
    return kept.length === marks.length ? node : { ...node, marks: kept };
  });
}
