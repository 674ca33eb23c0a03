/**
 * Fits parsed Markdown into what ADF lets each container hold, so Jira never refuses a converted document.
 *
 * Markdown nests any block in a quote or list item; ADF does not. Each forbidden block becomes the nearest
 * allowed form and no text is lost:
 * - a heading becomes a paragraph whose text is strong;
 * - a quote inside a quote or list item gives up its quote and keeps its paragraphs, lists and code;
 * - a table there becomes one paragraph per row, cells separated by " | ";
 * - a rule there is dropped: it carries no text, and an empty paragraph would only add a gap;
 * - a strip of files (`mediaGroup`) in a list item, which may hold none, becomes one image (`mediaSingle`) per file.
 * A list item that would open with a list gets an empty paragraph first, because ADF lets an item start only
 * with a paragraph, an image or a code block; Jira renders that as the bullet on an empty line above the nested list.
 *
 * An attachment image (`mediaSingle`) is a block, so one written inside a paragraph, heading or table cell splits
 * it: the text before stays, the image follows as its own block, then the text after — as Jira's editor does
 * when an image is inserted mid-paragraph. Every container the parser makes may hold a `mediaSingle`. Group
 * images (`mediaGroup`) are lifted the same way, those with only line breaks between them into one group.
 */
import { type AdfMark, type AdfNode, sortMarks } from "./adf.ts";

/** Of the blocks the parser makes, those a quote may hold (extensions never arise). */
const quoteBlocks = new Set(["paragraph", "bulletList", "orderedList", "codeBlock", "mediaSingle", "mediaGroup"]);
/** Of the blocks the parser makes, those a list item may hold. */
const listItemBlocks = new Set(["paragraph", "bulletList", "orderedList", "codeBlock", "mediaSingle"]);

const allowedFirstInListItem = new Set(["paragraph", "mediaSingle", "codeBlock"]);

export function fitBlockquoteContent(blocks: readonly AdfNode[]): AdfNode[] {
  const content = blocks.flatMap((block) => fitBlock(block, quoteBlocks));
  return content.length > 0 ? content : [emptyParagraph()];
}

export function fitListItemContent(blocks: readonly AdfNode[]): AdfNode[] {
  const content = blocks.flatMap((block) => fitBlock(block, listItemBlocks));
  if (!allowedFirstInListItem.has(content[0]?.type ?? "")) content.unshift(emptyParagraph());
  return content;
}

function fitBlock(block: AdfNode, allowed: ReadonlySet<string>): AdfNode[] {
  if (allowed.has(block.type)) return [block];
  const fitEach = (blocks: readonly AdfNode[]) => blocks.flatMap((child) => fitBlock(child, allowed));
  switch (block.type) {
    case "heading":
      return [{ type: "paragraph", content: (block.content ?? []).map(strong) }];
    case "blockquote":
      return fitEach(block.content ?? []);
    case "table":
      return fitEach((block.content ?? []).flatMap(rowAsBlocks));
    case "mediaGroup":
      return (block.content ?? []).map((media) => ({ type: "mediaSingle", attrs: { layout: "center" }, content: [media] }));
    default:
      // A rule: the only other block the parser makes.
      return [];
  }
}

/** A row becomes one paragraph, cells separated by " | ", followed by any images its cells held. */
function rowAsBlocks(row: AdfNode): AdfNode[] {
  const cells = (row.content ?? []).map((cell) => (cell.content ?? []).filter((block) => block.type === "paragraph").flatMap((paragraph) => paragraph.content ?? []));
  const joined = cells.flatMap((inline, index) => (index === 0 ? inline : [{ type: "text", text: " | " }, ...inline]));
  const images = (row.content ?? []).flatMap((cell) => (cell.content ?? []).filter(isMedia));
  return [{ type: "paragraph", content: mergePlainText(joined) }, ...images];
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

/** Splits a paragraph or heading around the images parsed inside it; a table's cells likewise. Other blocks pass through. */
export function liftMedia(block: AdfNode): AdfNode[] {
  if (block.type === "table") return [{ ...block, content: (block.content ?? []).map((row) => ({ ...row, content: (row.content ?? []).map(liftCellMedia) })) }];
  const inline = block.content ?? [];
  if (!textBlocks.has(block.type) || !inline.some(isMedia)) return [block];
  const blocks: AdfNode[] = [];
  let run: AdfNode[] = [];
  /** Ends the text before an image; false when there was none but spaces and line breaks. */
  const flush = () => {
    const trimmed = trimEdges(run);
    if (trimmed.length > 0) blocks.push({ ...block, content: trimmed });
    run = [];
    return trimmed.length > 0;
  };
  for (const node of inline) {
    if (!isMedia(node)) run.push(node);
    else {
      const textBetween = flush();
      const last = blocks.at(-1);
      if (!textBetween && node.type === "mediaGroup" && last?.type === "mediaGroup") {
        blocks[blocks.length - 1] = { ...last, content: [...(last.content ?? []), ...(node.content ?? [])] };
      } else blocks.push(node);
    }
  }
  flush();
  return blocks;
}

function liftCellMedia(cell: AdfNode): AdfNode {
  return { ...cell, content: (cell.content ?? []).flatMap(liftMedia) };
}

const isMedia = (node: AdfNode) => node.type === "mediaSingle" || node.type === "mediaGroup";

/** The blocks whose content is inline, where the inline parser may have left an image. */
const textBlocks = new Set(["paragraph", "heading"]);

/** Drops the spaces and line breaks an image leaves at the edges of the text around it. */
function trimEdges(nodes: readonly AdfNode[]): AdfNode[] {
  const out = [...nodes];
  const blank = (node: AdfNode | undefined) => node?.type === "hardBreak" || (node?.type === "text" && !node.marks && node.text?.trim() === "");
  while (blank(out[0])) out.shift();
  while (blank(out.at(-1))) out.pop();
  const first = out[0];
  if (first?.type === "text" && !first.marks) out[0] = { ...first, text: first.text!.trimStart() };
  const last = out.at(-1);
  if (last?.type === "text" && !last.marks) out[out.length - 1] = { ...last, text: last.text!.trimEnd() };
  return out;
}
