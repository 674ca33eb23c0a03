/** Parses Markdown blocks (headings, lists, quotes, code, rules, tables, paragraphs) into an ADF document; pure. */
import { type AdfDoc, type AdfNode, adfDoc } from "./adf.ts";
import { fitBlockquoteContent, fitInlineMarks, fitListItemContent, liftMedia } from "./adf-content-model.ts";
import { parseInline } from "./markdown-inline.ts";
import { parseTable } from "./markdown-table.ts";

export function markdownToAdf(markdown: string): AdfDoc {
  return adfDoc(parseBlocks(markdown.replace(/\r\n?/g, "\n").split("\n"), 0));
}

/** Quotes and lists nested deeper than this are read as text: the parser recurses once per level, and no editor nests this far. */
export const maxContainerDepth = 32;

interface Parsed {
  node: AdfNode;
  next: number;
}

/** `depth`: how many quotes and list items enclose these lines. */
type BlockParser = (lines: readonly string[], start: number, depth: number) => Parsed | null;

const fenceOpen = /^ {0,3}(`{3,}|~{3,})[ \t]*([^\s`]*)[^`]*$/;
const headingLine = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const ruleLine = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const quoteLine = /^ {0,3}> ?/;
const listLine = /^( {0,3})(?:([-+*])|(\d{1,9})([.)]))([ \t]+|$)(.*)$/;

const blank = (line: string | undefined) => line !== undefined && line.trim() === "";
const indentOf = (line: string) => /^ */.exec(line)![0].length;

function parseBlocks(lines: readonly string[], depth: number): AdfNode[] {
  const blocks: AdfNode[] = [];
  let index = 0;
  while (index < lines.length) {
    if (blank(lines[index])) {
      index += 1;
      continue;
    }
    const parsed = [fence, heading, rule, quote, list, table].reduce<Parsed | null>(
      (found, parser) => found ?? parser(lines, index, depth),
      null,
    ) ?? paragraph(lines, index);
    blocks.push(...liftMedia(parsed.node));
    index = parsed.next;
  }
  return blocks;
}

/** Whether a line ends a paragraph: CommonMark lets only these interrupt one. */
function startsBlock(line: string): boolean {
  const item = listLine.exec(line);
  const listInterrupts = item !== null && item[6] !== "" && (item[2] !== undefined || item[3] === "1");
  return fenceOpen.test(line) || headingLine.test(line) || ruleLine.test(line) || quoteLine.test(line) || listInterrupts;
}

const inline = (source: string) => fitInlineMarks(parseInline(source));

const table: BlockParser = (lines, start) => parseTable(lines, start, startsBlock);

const fence: BlockParser = (lines, start) => {
  const open = fenceOpen.exec(lines[start]!);
  if (!open) return null;
  const marker = open[1]!;
  const closing = new RegExp(`^ {0,3}${marker[0] === "`" ? "`" : "~"}{${marker.length},}[ \\t]*$`);
  let index = start + 1;
  while (index < lines.length && !closing.test(lines[index]!)) index += 1;
  const code = lines.slice(start + 1, index).join("\n");
  const node: AdfNode = { type: "codeBlock", content: code ? [{ type: "text", text: code }] : [] };
  if (open[2]) node.attrs = { language: open[2] };
  return { node, next: Math.min(index + 1, lines.length) };
};

const heading: BlockParser = (lines, start) => {
  const match = headingLine.exec(lines[start]!);
  if (!match) return null;
  const node = { type: "heading", attrs: { level: match[1]!.length }, content: inline(match[2] ?? "") };
  return { node, next: start + 1 };
};

const rule: BlockParser = (lines, start) => (ruleLine.test(lines[start]!) ? { node: { type: "rule" }, next: start + 1 } : null);

const quote: BlockParser = (lines, start, depth) => {
  if (depth >= maxContainerDepth) return null;
  let index = start;
  const inner: string[] = [];
  while (index < lines.length && quoteLine.test(lines[index]!)) {
    inner.push(lines[index]!.replace(quoteLine, ""));
    index += 1;
  }
  if (inner.length === 0) return null;
  return { node: { type: "blockquote", content: fitBlockquoteContent(parseBlocks(inner, depth + 1)) }, next: index };
};

const list: BlockParser = (lines, start, depth) => {
  if (depth >= maxContainerDepth) return null;
  const first = listLine.exec(lines[start]!);
  if (!first) return null;
  const ordered = first[3] !== undefined;
  const sameKind = (match: RegExpExecArray) => (ordered ? match[4] === first[4] : match[2] === first[2]);
  const items: AdfNode[] = [];
  let index = start;
  for (;;) {
    const match = listLine.exec(lines[index] ?? "");
    if (!match || !sameKind(match)) break;
    const item = listItem(lines, index, match, depth);
    items.push(item.node);
    index = item.next;
    let after = index;
    while (blank(lines[after])) after += 1;
    const sibling = listLine.exec(lines[after] ?? "");
    if (!sibling || !sameKind(sibling) || indentOf(lines[after]!) > indentOf(lines[start]!) + 1) break;
    index = after;
  }
  const node: AdfNode = ordered
    ? { type: "orderedList", attrs: { order: Number(first[3]) }, content: items }
    : { type: "bulletList", content: items };
  return { node, next: index };
};

/** One item: its first line plus every following line indented past the marker (or lazily continuing prose). */
function listItem(lines: readonly string[], start: number, match: RegExpExecArray, depth: number): Parsed {
  const markerIndent = match[1]!.length;
  const width = markerIndent + (match[2] ?? `${match[3]}${match[4]}`).length + Math.max(match[5]!.length, 1);
  const continues = Math.min(width, markerIndent + 2);
  const body = [match[6]!];
  let index = start + 1;
  while (index < lines.length) {
    const line = lines[index]!;
    if (blank(line)) {
      let next = index;
      while (blank(lines[next])) next += 1;
      if (next >= lines.length || indentOf(lines[next]!) < continues) break;
      body.push(...lines.slice(index, next).map(() => ""));
      index = next;
    } else if (indentOf(line) >= continues) {
      body.push(line.slice(Math.min(indentOf(line), width)));
      index += 1;
    } else if (startsBlock(line) || listLine.test(line) || blank(body.at(-1))) break;
    else {
      body.push(line.trimStart());
      index += 1;
    }
  }
  return { node: { type: "listItem", content: fitListItemContent(parseBlocks(body, depth + 1)) }, next: index };
}

function paragraph(lines: readonly string[], start: number): Parsed {
  const text: string[] = [];
  let index = start;
  const interrupted = (at: number) => startsBlock(lines[at]!) || parseTable(lines, at, startsBlock) !== null;
  while (index < lines.length && !blank(lines[index]) && (index === start || !interrupted(index))) {
    text.push(lines[index]!.trimStart());
    index += 1;
  }
  return { node: { type: "paragraph", content: inline(text.join("\n").trimEnd()) }, next: index };
}
