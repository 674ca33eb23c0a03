/** Renders Atlassian Document Format as Markdown; pure, and unknown nodes degrade to their text. */
import { type AdfDoc, type AdfMark, type AdfNode, isMarkdownMark, sameMark, sortMarks, textOf } from "./adf.ts";
import { renderTable } from "./adf-table-to-markdown.ts";
import { escapeLineStart, escapeText } from "./markdown-escape.ts";
import { imageForMedia, linkForInlineMedia, type MediaImage } from "./markdown-media.ts";
import { linkForNode } from "./markdown-node-links.ts";

export function adfToMarkdown(doc: AdfDoc): string {
  return renderBlocks(doc.content);
}

function renderBlocks(nodes: readonly AdfNode[]): string {
  return nodes
    .map(renderBlock)
    .filter((block) => block !== "")
    .join("\n\n");
}

function renderBlock(node: AdfNode): string {
  const children = node.content ?? [];
  switch (node.type) {
    case "paragraph":
      return renderInline(children);
    case "heading":
      return `${"#".repeat(headingLevel(node))} ${renderInline(children)}`.trimEnd();
    case "bulletList":
      return renderList(children, () => "- ");
    case "orderedList": {
      const start = Number(node.attrs?.order ?? 1);
      return renderList(children, (index) => `${(Number.isInteger(start) ? start : 1) + index}. `);
    }
    case "codeBlock":
      return renderCodeBlock(node);
    case "blockquote":
      return renderBlocks(children)
        .split("\n")
        .map((line) => (line === "" ? ">" : `> ${line}`))
        .join("\n");
    case "rule":
      return "---";
    case "table":
      return renderTable(node, renderCell);
    case "mediaSingle":
    case "media":
      return renderMedia(node);
    case "mediaGroup":
      return groupImages(node).join("\n");
    default:
      // Unknown containers (panel, expand, …) keep their children; unknown leaves keep their text.
      if (children.some((child) => inlineTypes.has(child.type))) return renderInline(children);
      return children.length > 0 ? renderBlocks(children) : escapeLineStart(escapeText(textOf(node)));
  }
}

const inlineTypes = new Set(["text", "hardBreak", "mention", "emoji", "status", "date", "inlineCard", "mediaInline"]);

function headingLevel(node: AdfNode): number {
  const level = Number(node.attrs?.level);
  return Number.isInteger(level) ? Math.min(Math.max(level, 1), 6) : 1;
}

function renderList(items: readonly AdfNode[], marker: (index: number) => string): string {
  return items
    .map((item, index) => {
      const prefix = marker(index);
      const indent = " ".repeat(prefix.length);
      const lines = renderListItem(item).split("\n");
      return lines.map((line, n) => (line === "" ? (n === 0 ? prefix.trimEnd() : "") : (n === 0 ? prefix : indent) + line)).join("\n").trimEnd();
    })
    .join("\n");
}

/** Blocks of one item sit tight; only two prose blocks in a row need a blank line between them. */
function renderListItem(item: AdfNode): string {
  const blocks = (item.content ?? []).map((child) => ({ child, text: renderBlock(child) }));
  let out = "";
  blocks.forEach(({ child, text }, index) => {
    if (index > 0) out += child.type.endsWith("List") ? "\n" : "\n\n";
    out += text;
  });
  return out;
}

/** A pipe-table cell is one line: its blocks' inline text side by side, code blocks as code spans. */
function renderCell(cell: AdfNode): string {
  const line = (node: AdfNode): string => {
    const children = node.content ?? [];
    if (node.type === "codeBlock") return codeSpan(children.map(textOf).join("").replace(/\n/g, " "));
    if (node.type === "mediaSingle" || node.type === "media") return renderMedia(node).replace(/\n+/g, " ");
    if (node.type === "mediaGroup") return groupImages(node).join(" ");
    if (children.some((child) => inlineTypes.has(child.type))) return renderInline(children);
    if (children.length > 0) return children.map(line).filter((text) => text !== "").join(" ");
    return escapeText(textOf(node));
  };
  return line(cell).replace(/\\?\n/g, " ");
}

/** An attachment as a `media:` image, then any caption as its own paragraph; media that has no image form keeps only its caption. */
function renderMedia(node: AdfNode): string {
  const [media, ...rest] = node.type === "media" ? [node] : (node.content ?? []);
  const image = media ? imageForMedia(media, node) : null;
  const caption = renderBlocks(rest.map((child) => ({ ...child, type: "paragraph" })));
  return [image ? imageMarkdown(image) : "", caption].filter((part) => part !== "").join("\n\n");
}

/** A strip of files as one image per file, marked as the group's; media with no image form is left out. */
function groupImages(group: AdfNode): string[] {
  return (group.content ?? []).flatMap((media) => {
    const image = imageForMedia(media, group);
    return image ? [imageMarkdown(image)] : [];
  });
}

function imageMarkdown(image: MediaImage): string {
  return `![${escapeText(image.alt.replace(/\s+/g, " "))}](${image.target})`;
}

function renderCodeBlock(node: AdfNode): string {
  const code = (node.content ?? []).map(textOf).join("");
  const longestRun = Math.max(2, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const language = typeof node.attrs?.language === "string" ? node.attrs.language.replace(/\s+/g, "") : "";
  return `${fence}${language}\n${code}\n${fence}`;
}

/** Renders inline nodes, opening and closing marks as a stack so overlapping formatting nests correctly. */
function renderInline(nodes: readonly AdfNode[]): string {
  let out = "";
  let open: AdfMark[] = [];
  const followingMarks = marksOfNextText(nodes);
  for (const [index, node] of nodes.entries()) {
    const marks = sortMarks(carriesMarks(node) ? formattingMarks(node) : open.filter((mark) => followingMarks[index]!.some((next) => sameMark(next, mark))));
    let keep = 0;
    while (keep < open.length && marks.some((mark) => sameMark(mark, open[keep]!))) keep += 1;
    for (const mark of open.slice(keep).reverse()) out = close(out, mark);
    open = open.slice(0, keep);
    const opening = marks.filter((candidate) => !open.some((o) => sameMark(o, candidate)));
    let body = renderInlineNode(node);
    if (opening.some((mark) => mark.type in delimiters)) {
      // Emphasis cannot open before whitespace, so leading spaces go in front of the delimiter.
      const lead = /^[ \t]*/.exec(body)![0];
      out += lead;
      body = body.slice(lead.length);
    }
    const piece = opening.map(opener).join("") + body;
    // `!` right before a link's `[` would make the pair an image.
    if (piece.startsWith("[") && out.endsWith("!")) out = `${out.slice(0, -1)}\\!`;
    out += piece;
    open.push(...opening);
  }
  for (const mark of open.reverse()) out = close(out, mark);
  return escapeLineStart(out);
}

const delimiters: Record<string, string> = { strong: "**", em: "*", strike: "~~" };

const carriesMarks = (node: AdfNode) => node.type === "text" || node.type === "hardBreak";

/**
 * For each node, the formatting of the text after it. A node that carries none of its own (a mention, an inline
 * file …) stays inside the open marks that text continues, so bold text around it reads back as the same bold text.
 */
function marksOfNextText(nodes: readonly AdfNode[]): AdfMark[][] {
  const following: AdfMark[][] = [];
  let next: AdfMark[] = [];
  for (let index = nodes.length - 1; index >= 0; index -= 1) {
    following[index] = next;
    if (carriesMarks(nodes[index]!)) next = formattingMarks(nodes[index]!);
  }
  return following;
}

/** Marks written as delimiters or links, on text only; whitespace-only text drops emphasis, which could not wrap it. */
function formattingMarks(node: AdfNode): AdfMark[] {
  if (node.type !== "text") return [];
  const blank = node.type === "text" && (node.text ?? "").trim() === "";
  return (node.marks ?? []).filter((mark) => isMarkdownMark(mark) && mark.type !== "code" && !(blank && mark.type in delimiters));
}

/** Emphasis cannot close after whitespace, so trailing spaces move behind the delimiter. */
function close(out: string, mark: AdfMark): string {
  if (mark.type === "link") return `${out}](${linkDestination(String(mark.attrs?.href ?? ""))})`;
  const tail = /[ \t]*$/.exec(out)![0];
  return `${out.slice(0, out.length - tail.length)}${delimiters[mark.type] ?? ""}${tail}`;
}

function opener(mark: AdfMark): string {
  return mark.type === "link" ? "[" : (delimiters[mark.type] ?? "");
}

function renderInlineNode(node: AdfNode): string {
  if (node.type === "hardBreak") return "\\\n";
  const text = textOf(node);
  if (node.type === "text" && node.marks?.some((mark) => mark.type === "code")) return codeSpan(text);
  if (node.type === "inlineCard" && text !== "") return `<${text}>`;
  const link = linkForNode(node) ?? linkForInlineMedia(node);
  if (link) return `[${escapeText(link.label)}](${link.target})`;
  return escapeText(text).replace(/\n/g, "\\\n");
}

function codeSpan(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = "`".repeat(longestRun + 1);
  const pad = text.startsWith("`") || text.endsWith("`") || /^ .* $/.test(text) ? " " : "";
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

/**
 * Bare when the reader's destination rule accepts it (one level of balanced parentheses), else in `<…>`; a link
 * to an address in one of the node schemes (`mention:` …) always goes in `<…>`, so it is not read back as that node.
 */
function linkDestination(href: string): string {
  const bare = /^[^\s()<>]*(?:\([^\s()<>]*\)[^\s()<>]*)*$/.test(href) && !/^(?:mention|emoji|status|date|media):/.test(href);
  return bare ? href : `<${href.replace(/[<>]/g, encodeURIComponent)}>`;
}
