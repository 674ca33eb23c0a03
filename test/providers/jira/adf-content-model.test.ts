/** Markdown → ADF inside quotes and list items: what ADF forbids there becomes the nearest allowed form, and Jira's schema holds. */
import { describe, expect, it } from "vitest";
import type { AdfNode } from "../../../providers/jira/adf.ts";
import { adfToMarkdown } from "../../../providers/jira/adf-to-markdown.ts";
import { markdownToAdf, maxContainerDepth } from "../../../providers/jira/markdown-to-adf.ts";
import { adfViolations } from "../../simulators/jira/adf-schema.ts";

const text = (value: string, ...marks: { type: string }[]): AdfNode => (marks.length ? { type: "text", text: value, marks } : { type: "text", text: value });
const paragraph = (...content: AdfNode[]): AdfNode => ({ type: "paragraph", content });
const item = (...content: AdfNode[]): AdfNode => ({ type: "listItem", content });
const bullets = (...items: AdfNode[]): AdfNode => ({ type: "bulletList", content: items });
const quote = (...content: AdfNode[]): AdfNode => ({ type: "blockquote", content });

describe("markdownToAdf keeps ADF's content model in quotes and list items", () => {
  it.each([
    ["a heading inside a quote becomes a strong paragraph", "> ## Customer said\n> it is broken", [quote(paragraph(text("Customer said", { type: "strong" })), paragraph(text("it is broken")))]],
    ["a quoted reply inside a quote keeps its paragraphs", "> > original message\n> my answer", [quote(paragraph(text("original message")), paragraph(text("my answer")))]],
    ["a rule inside a quote is dropped", "> first\n>\n> ---\n>\n> second", [quote(paragraph(text("first")), paragraph(text("second")))]],
    ["a heading in a list item becomes a strong paragraph", "- ## Step one\n- Step two", [bullets(item(paragraph(text("Step one", { type: "strong" }))), item(paragraph(text("Step two"))))]],
    ["a quote in a list item keeps its paragraphs", "- note:\n\n  > quoted", [bullets(item(paragraph(text("note:")), paragraph(text("quoted"))))]],
    ["a list item that opens with a list gets an empty paragraph first", "- - nested right away", [bullets(item(paragraph(), bullets(item(paragraph(text("nested right away"))))))]],
  ])("%s", (_name, markdown, expected) => {
    const adf = markdownToAdf(markdown);
    expect(adf.content).toEqual(expected);
    expect(adfViolations(adf)).toEqual([]);
  });

  it("keeps headings, rules and quotes at the top level", () => {
    const adf = markdownToAdf("## Title\n\n---\n\n> said");
    expect(adf.content.map((node) => node.type)).toEqual(["heading", "rule", "blockquote"]);
    expect(adfViolations(adf)).toEqual([]);
  });

  it("keeps code spans in headings unbolded, since ADF lets code combine only with links", () => {
    expect(markdownToAdf("> # Run `make` now").content).toEqual([
      quote(paragraph(text("Run ", { type: "strong" }), text("make", { type: "code" }), text(" now", { type: "strong" }))),
    ]);
    const linked = markdownToAdf("**`x`** and [**`y`**](https://example.com)").content[0]!.content!;
    expect(linked.map((node) => node.marks?.map((mark) => mark.type))).toEqual([["code"], undefined, ["link", "code"]]);
  });

  it("turns a table inside a quote or list item into one paragraph per row", () => {
    const adf = markdownToAdf("> | a | b |\n> | --- | --- |\n> | 1 | 2 |");
    expect(adf.content).toEqual([quote(paragraph(text("a | b")), paragraph(text("1 | 2")))]);
    expect(adfViolations(markdownToAdf("- item\n\n  | a | b |\n  | - | - |"))).toEqual([]);
  });

  it("produces valid ADF for deeply mixed Markdown", () => {
    const markdown = [
      "# Incident",
      "> ### Timeline",
      "> 1. ## Detected",
      ">    > > paged on-call",
      ">    ---",
      "> - - - deep",
      "",
      "- > # quoted heading in a list",
      "  | x | y |",
      "  | - | - |",
      "1.",
      "   ```",
      "   code first",
      "   ```",
    ].join("\n");
    expect(adfViolations(markdownToAdf(markdown))).toEqual([]);
  });

  it.each(["-\n  - nested right away", "> **Customer said**\n>\n> it is broken", "1. **Step one**\n2. Step two"])(
    "renders the fitted form stably: %j",
    (markdown) => {
      expect(adfToMarkdown(markdownToAdf(markdown))).toBe(markdown);
    },
  );
});

describe("hostile nesting", () => {
  it("reads quotes and lists nested past maxContainerDepth as text instead of overflowing the stack", () => {
    const doc = markdownToAdf(`${"> - ".repeat(1_000)}deepest`);
    expect(adfViolations(doc as never)).toEqual([]);
    let depth = 0;
    for (let node: AdfNode | undefined = doc.content[0]; node && node.type !== "paragraph"; node = node.content?.[0]) depth += 1;
    expect(depth).toBeLessThanOrEqual(maxContainerDepth * 2);
    expect(JSON.stringify(doc)).toContain("deepest");
  });

  it("reads a long run of unmatched brackets as the text it is", () => {
    const source = `${"[".repeat(20_000)}x`;
    expect(markdownToAdf(source).content).toEqual([{ type: "paragraph", content: [{ type: "text", text: source }] }]);
  });
});
