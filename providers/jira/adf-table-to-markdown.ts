/**
 * Renders an ADF table as a GitHub-flavoured Markdown pipe table; pure.
 *
 * GFM has one header row and single-line cells, so the first row is the header whatever its cells are,
 * a cell spanning columns is followed by empty cells, row spans are not kept, and a column's alignment
 * is the one its first-row cell carries.
 */
import type { AdfNode } from "./adf.ts";

/** Renders one cell's content as a single line of Markdown. */
export type CellRenderer = (cell: AdfNode) => string;

export function renderTable(table: AdfNode, renderCell: CellRenderer): string {
  const rows = (table.content ?? []).map((row) => row.content ?? []);
  if (rows.length === 0) return "";
  const text = rows.map((cells) => cells.flatMap((cell) => spread(cell, escapePipes(renderCell(cell)), "")));
  const width = Math.max(1, ...text.map((cells) => cells.length));
  const alignments = rows[0]!.flatMap((cell) => spread(cell, delimiterFor(cell), "---"));
  const line = (cells: readonly string[]) => `| ${Array.from({ length: width }, (_, column) => cells[column] ?? "").join(" | ")} |`;
  const delimiter = line(Array.from({ length: width }, (_, column) => alignments[column] ?? "---"));
  return [line(text[0]!), delimiter, ...text.slice(1).map(line)].join("\n");
}

/** A cell that spans columns takes its first column; the others it covers get `filler`. */
function spread(cell: AdfNode, value: string, filler: string): string[] {
  const span = Number(cell.attrs?.colspan ?? 1);
  const extra = Number.isInteger(span) && span > 1 ? span - 1 : 0;
  return [value, ...Array<string>(extra).fill(filler)];
}

function delimiterFor(cell: AdfNode): string {
  const paragraph = cell.content?.[0];
  const align = paragraph?.marks?.find((mark) => mark.type === "alignment")?.attrs?.align;
  if (align === "center") return ":-:";
  return align === "end" ? "--:" : "---";
}

function escapePipes(text: string): string {
  return text.replace(/\|/g, "\\|");
}
