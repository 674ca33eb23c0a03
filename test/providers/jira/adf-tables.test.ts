/** GFM pipe tables ↔ ADF tables, both ways, with alignment, escaped pipes and cells Markdown cannot hold. */
import { describe, expect, it } from "vitest";
import type { AdfNode } from "../../../providers/jira/adf.ts";
import { adfToMarkdown } from "../../../providers/jira/adf-to-markdown.ts";
import { markdownToAdf } from "../../../providers/jira/markdown-to-adf.ts";
import { adfViolations } from "../../simulators/jira/adf-schema.ts";

const text = (value: string, ...marks: { type: string }[]): AdfNode => (marks.length ? { type: "text", text: value, marks } : { type: "text", text: value });
const paragraph = (...content: AdfNode[]): AdfNode => ({ type: "paragraph", content });
const aligned = (align: string, ...content: AdfNode[]): AdfNode => ({ type: "paragraph", content, marks: [{ type: "alignment", attrs: { align } }] } as AdfNode);
const cell = (type: "tableHeader" | "tableCell", ...content: AdfNode[]): AdfNode => ({ type, attrs: {}, content });
const row = (...cells: AdfNode[]): AdfNode => ({ type: "tableRow", content: cells });
const table = (...rows: AdfNode[]): AdfNode => ({ type: "table", attrs: { isNumberColumnEnabled: false, layout: "default" }, content: rows });
const doc = (...content: AdfNode[]) => ({ type: "doc" as const, version: 1, content });

describe("Markdown pipe tables → ADF", () => {
  it("reads header, alignment row, escaped pipes and inline formatting", () => {
    const adf = markdownToAdf("| Service | Errors \\| 5xx | Owner |\n| --- | :-: | --: |\n| `api\\|gw` | **1,204** | ops |");
    expect(adf.content).toEqual([
      table(
        row(cell("tableHeader", paragraph(text("Service"))), cell("tableHeader", aligned("center", text("Errors | 5xx"))), cell("tableHeader", aligned("end", text("Owner")))),
        row(cell("tableCell", paragraph(text("api|gw", { type: "code" }))), cell("tableCell", aligned("center", text("1,204", { type: "strong" }))), cell("tableCell", aligned("end", text("ops")))),
      ),
    ]);
    expect(adfViolations(adf)).toEqual([]);
  });

  it("pads short rows, drops extra cells and ends at a blank line", () => {
    const adf = markdownToAdf("a | b\n--|--\n1\n1 | 2 | 3\n\nafter");
    expect(adf.content).toEqual([
      table(
        row(cell("tableHeader", paragraph(text("a"))), cell("tableHeader", paragraph(text("b")))),
        row(cell("tableCell", paragraph(text("1"))), cell("tableCell", paragraph())),
        row(cell("tableCell", paragraph(text("1"))), cell("tableCell", paragraph(text("2")))),
      ),
      paragraph(text("after")),
    ]);
  });

  it("interrupts a paragraph, and is not a table when the delimiter row does not match the header", () => {
    expect(markdownToAdf("Totals:\n| a | b |\n| - | - |").content.map((node) => node.type)).toEqual(["paragraph", "table"]);
    expect(markdownToAdf("| a | b |\n| - |").content).toEqual([paragraph(text("| a | b | | - |"))]);
    expect(markdownToAdf("a | b\n---").content.map((node) => node.type)).toEqual(["paragraph", "rule"]);
  });
});

describe("ADF tables → Markdown", () => {
  it("escapes pipes and collapses cells with several blocks into one line", () => {
    const adf = doc(
      table(
        row(cell("tableHeader", paragraph(text("Step"))), cell("tableHeader", aligned("end", text("Notes")))),
        row(
          cell("tableCell", paragraph(text("a|b"))),
          cell("tableCell", paragraph(text("first")), { type: "bulletList", content: [{ type: "listItem", content: [paragraph(text("point"))] }] }, {
            type: "codeBlock",
            content: [text("x\ny")],
          }),
        ),
        row(cell("tableCell", paragraph(text("line"), { type: "hardBreak" }, text("break")))),
      ),
    );
    expect(adfToMarkdown(adf)).toBe("| Step | Notes |\n| --- | --: |\n| a\\|b | first point `x y` |\n| line break |  |");
  });

  it("gives a spanning cell its columns, and treats a first row of plain cells as the header", () => {
    const spanning: AdfNode = { type: "tableCell", attrs: { colspan: 2 }, content: [paragraph(text("wide"))] };
    const adf = doc(table(row(cell("tableCell", paragraph(text("a"))), cell("tableCell", paragraph(text("b")))), row(spanning)));
    expect(adfToMarkdown(adf)).toBe("| a | b |\n| --- | --- |\n| wide |  |");
  });
});

describe("round trips", () => {
  it.each([
    "| Service | Errors |\n| --- | --- |\n| api-gateway | 1,204 |",
    "| Left | Centre | Right |\n| --- | :-: | --: |\n| `a\\|b` | **bold** | [link](https://example.com) |",
    "Before\n\n| a \\| b |\n| --- |\n| \\* not a list |\n\nAfter",
  ])("Markdown → ADF → Markdown keeps %j", (markdown) => {
    expect(adfToMarkdown(markdownToAdf(markdown))).toBe(markdown);
  });
});
