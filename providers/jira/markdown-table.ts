/** Parses a GitHub-flavoured Markdown pipe table into an ADF table; pure. */
import type { AdfMark, AdfNode } from "./adf.ts";
import { fitInlineMarks } from "./adf-content-model.ts";
import { parseInline } from "./markdown-inline.ts";

const delimiterCell = /^:?-+:?$/;

/** The attributes Jira's own editor writes on a table, as recorded payloads show. */
export const tableAttrs = { isNumberColumnEnabled: false, layout: "default" } as const;

/** A header row, a delimiter row with as many cells, then body rows up to a blank line or another block. */
export function parseTable(lines: readonly string[], start: number, endsTable: (line: string) => boolean): { node: AdfNode; next: number } | null {
  const header = lines[start];
  const delimiter = lines[start + 1];
  if (header === undefined || delimiter === undefined || !header.includes("|") || !delimiter.includes("|")) return null;
  const delimiterCells = splitRow(delimiter);
  if (!delimiterCells.every((cell) => delimiterCell.test(cell))) return null;
  const alignments = delimiterCells.map(alignmentOf);
  const headerCells = splitRow(header);
  if (headerCells.length !== alignments.length) return null;
  const rows = [toRow(headerCells, "tableHeader", alignments)];
  let index = start + 2;
  while (index < lines.length && lines[index]!.trim() !== "" && !endsTable(lines[index]!)) {
    rows.push(toRow(splitRow(lines[index]!), "tableCell", alignments));
    index += 1;
  }
  return { node: { type: "table", attrs: { ...tableAttrs }, content: rows }, next: index };
}

type Alignment = AdfMark | null;

/** Left is ADF's default; centre and right become the paragraph alignment mark ADF allows in cells. */
function alignmentOf(cell: string): Alignment {
  const left = cell.startsWith(":");
  const right = cell.endsWith(":");
  if (left && right) return { type: "alignment", attrs: { align: "center" } };
  return right ? { type: "alignment", attrs: { align: "end" } } : null;
}

/** Extra cells are dropped and missing ones are empty, as GFM reads them. */
function toRow(cells: readonly string[], type: "tableHeader" | "tableCell", alignments: readonly Alignment[]): AdfNode {
  const content = alignments.map((alignment, column) => {
    const paragraph: AdfNode = { type: "paragraph", content: fitInlineMarks(parseInline(cells[column] ?? "")) };
    if (alignment) paragraph.marks = [alignment];
    return { type, attrs: {}, content: [paragraph] };
  });
  return { type: "tableRow", content };
}

/** Splits on unescaped pipes; `\|` is a literal pipe (even inside a code span), other escapes are left to the inline parser. */
function splitRow(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let endsOnPipe = false;
  const source = line.trim();
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index]!;
    endsOnPipe = char === "|";
    if (char === "\\" && index + 1 < source.length) {
      const next = source[index + 1]!;
      cell += next === "|" ? "|" : char + next;
      index += 1;
    } else if (char === "|") {
      cells.push(cell);
      cell = "";
    } else cell += char;
  }
  cells.push(cell);
  if (source.startsWith("|")) cells.shift();
  if (endsOnPipe && cells.length > 1) cells.pop();
  return cells.map((text) => text.trim());
}
