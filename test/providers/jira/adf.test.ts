/** ADF ↔ Markdown: rendering, parsing, escaping, and round trips both ways on recorded descriptions. */
import { describe, expect, it } from "vitest";
import { type AdfDoc, type AdfNode, sortMarks } from "../../../providers/jira/adf.ts";
import { adfToMarkdown } from "../../../providers/jira/adf-to-markdown.ts";
import { markdownToAdf } from "../../../providers/jira/markdown-to-adf.ts";
import { JiraIssue } from "../../../providers/jira/payloads.ts";
import { loadJiraFixture } from "../../fixtures/jira/index.ts";

const text = (value: string, ...marks: AdfNode["marks"] & object): AdfNode => (marks.length ? { type: "text", text: value, marks } : { type: "text", text: value });
const paragraph = (...content: AdfNode[]): AdfNode => ({ type: "paragraph", content });
const doc = (...content: AdfNode[]): AdfDoc => ({ type: "doc", version: 1, content });

/** Mark order carries no meaning in ADF, so comparisons sort it. */
function canonical(node: AdfNode | AdfDoc): unknown {
  const { marks, content, ...rest } = node as AdfNode;
  return { ...rest, ...(marks ? { marks: sortMarks(marks) } : {}), ...(content ? { content: content.map(canonical) } : {}) };
}

describe("adfToMarkdown", () => {
  it("renders the fixture bug report as readable Markdown", () => {
    const issue = JiraIssue.parse((loadJiraFixture("issues") as unknown[])[0]);
    expect(adfToMarkdown(issue.fields.description!)).toBe(
      [
        "## Steps to reproduce",
        "",
        "1. Open the **checkout** page",
        "2. Add *two* items, then apply code `SAVE10`",
        "3. Press ***Pay now***",
        "   - on Safari 17",
        "   - on Firefox ~~(ESR)~~",
        "",
        "Expected: the order is placed. See the [runbook](https://example.com/runbooks/checkout?step=2) and ask [@Emma Richards](mention:5b10ac8d82e05b22cc7d4ef5).",
        "",
        "```typescript",
        "const total = cart.items.reduce((sum, item) => sum + item.price, 0);",
        "await pay(total);",
        "```",
        "",
        "> Payment failed: `card_declined`",
        ">",
        "> Please retry later.",
        "",
        "---",
        "",
        "Reported by support\\",
        "Ticket #4521 \\* urgent",
      ].join("\n"),
    );
  });

  it("degrades unknown blocks to their content (a panel keeps its paragraph) and writes emoji and status as node links", () => {
    const issues = loadJiraFixture("issues") as unknown[];
    expect(adfToMarkdown(JiraIssue.parse(issues[1]).fields.description!)).toBe(
      "Replace the ~~legacy~~ search with the new index [🚀](emoji:rocket?id=1f680)\n\nBlocked until the platform_search_v2 flag ships.\n\nStatus: [IN REVIEW](status:yellow?localId=a1b2)",
    );
  });

  it("renders the fixture's table as a GFM pipe table", () => {
    const ops = JiraIssue.parse((loadJiraFixture("issues") as { key: string }[]).find((issue) => issue.key === "OPS-1"));
    expect(adfToMarkdown(ops.fields.description!)).toBe(
      "### Impact\n\n- EU region\n- \\~5% of requests\n- since 09:00 UTC\n\n| Service | Errors |\n| --- | --- |\n| api-gateway | 1,204 |",
    );
  });

  it("moves whitespace outside emphasis so the delimiters still parse", () => {
    expect(adfToMarkdown(doc(paragraph(text("bold ", { type: "strong" }), text("plain"))))).toBe("**bold** plain");
  });

  it("escapes text that would otherwise read as Markdown, but leaves intraword underscores alone", () => {
    const rendered = adfToMarkdown(doc(paragraph(text("# not a heading, *not em*, [not](a link), snake_case and _this_"))));
    expect(rendered).toBe("\\# not a heading, \\*not em\\*, \\[not\\](a link), snake_case and \\_this\\_");
    expect(adfToMarkdown(doc(paragraph(text("1. not a list"))), )).toBe("1\\. not a list");
  });

  it("picks a code fence and code span longer than any backtick run inside", () => {
    const code = doc({ type: "codeBlock", content: [text("```\nnested\n```")] }, paragraph(text("a`b", { type: "code" })));
    expect(adfToMarkdown(code)).toBe("````\n```\nnested\n```\n````\n\n``a`b``");
  });
});

describe("markdownToAdf", () => {
  it("parses headings, marks, links, lists, code, quotes, rules and hard breaks", () => {
    const markdown = "# Title\n\nSome **bold**, *em*, ~~gone~~, `code` and [a link](https://example.com).\n\n- one\n- two\n  1. nested\n\n```js\nlet x;\n```\n\n> quoted\n\n---\n\nline\\\nbreak";
    expect(canonical(markdownToAdf(markdown))).toEqual(
      canonical(
        doc(
          { type: "heading", attrs: { level: 1 }, content: [text("Title")] },
          paragraph(
            text("Some "), text("bold", { type: "strong" }), text(", "), text("em", { type: "em" }), text(", "),
            text("gone", { type: "strike" }), text(", "), text("code", { type: "code" }), text(" and "),
            text("a link", { type: "link", attrs: { href: "https://example.com" } }), text("."),
          ),
          {
            type: "bulletList",
            content: [
              { type: "listItem", content: [paragraph(text("one"))] },
              { type: "listItem", content: [paragraph(text("two")), { type: "orderedList", attrs: { order: 1 }, content: [{ type: "listItem", content: [paragraph(text("nested"))] }] }] },
            ],
          },
          { type: "codeBlock", attrs: { language: "js" }, content: [text("let x;")] },
          { type: "blockquote", content: [paragraph(text("quoted"))] },
          { type: "rule" },
          paragraph(text("line"), { type: "hardBreak" }, text("break")),
        ),
      ),
    );
  });

  it("treats a soft line break as a space and two trailing spaces as a hard break", () => {
    expect(markdownToAdf("one\ntwo  \nthree").content).toEqual([paragraph(text("one two"), { type: "hardBreak" }, text("three"))]);
  });

  it("leaves unmatched delimiters and intraword underscores as text", () => {
    expect(markdownToAdf("2 * 3 = 6, snake_case_name, **open").content).toEqual([paragraph(text("2 * 3 = 6, snake_case_name, **open"))]);
  });

  it("stays fast on hostile runs of unmatched delimiters, reading them as text", () => {
    const hostile = "**a _b ~~c ".repeat(2000);
    const started = performance.now();
    const parsed = markdownToAdf(hostile);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(parsed.content).toEqual([paragraph(text(hostile.trimEnd()))]);
  });

  it("reads links nested deeper than the cap as text, without running out of stack or time", () => {
    const depth = 5000;
    const hostile = `${"[".repeat(depth)}x${"](https://example.com)".repeat(depth)}`;
    const started = performance.now();
    const parsed = markdownToAdf(hostile);
    expect(performance.now() - started).toBeLessThan(1000);
    const texts = JSON.stringify(parsed);
    expect(texts).toContain("[".repeat(depth - 24));
    expect(texts).toContain("https://example.com");
  });

  it("gives an empty document for empty Markdown", () => {
    expect(markdownToAdf("")).toEqual(doc());
  });
});

describe("round trips", () => {
  const descriptions = (loadJiraFixture("issues") as unknown[])
    .map((raw) => JiraIssue.parse(raw))
    .filter((issue) => issue.fields.description && issue.key !== "EX-2");

  it.each(descriptions.map((issue) => [issue.key, issue.fields.description!] as const))("ADF → Markdown → ADF keeps %s", (_key, adf) => {
    const back = markdownToAdf(adfToMarkdown(adf));
    expect(canonical(back)).toEqual(canonical(adf));
  });

  it.each([
    "Plain paragraph.",
    "# Heading\n\nText with **bold *and em*** and ~~strike~~.",
    "1. first\n2. second\n   - nested bullet\n   - another\n3. third",
    "- item with two paragraphs\n\n  second paragraph\n- next",
    "```sql\nselect * from t where a = '*';\n```",
    "> quote with [link](https://example.com/a_(b))\n>\n> - and a list",
    "Escapes: \\*literal\\*, \\[brackets\\], a_b\\_, # mid-line hash",
    "\\# not a heading\n\n\\- not a list\n\n3\\. not a list either",
    "line one\\\nline two",
    "5. starts at five\n6. six",
  ])("Markdown → ADF → Markdown keeps %j", (markdown) => {
    expect(adfToMarkdown(markdownToAdf(markdown))).toBe(markdown);
  });
});
