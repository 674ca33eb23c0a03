/** Mentions, emoji, status lozenges, dates, smart links and attachments: their Markdown spelling, lossless round trips, and what hostile Markdown becomes. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AdfDoc, type AdfNode, sortMarks } from "../../../providers/jira/adf.ts";
import { adfToMarkdown } from "../../../providers/jira/adf-to-markdown.ts";
import { markdownToAdf } from "../../../providers/jira/markdown-to-adf.ts";
import { adfViolations } from "../../simulators/jira/adf-schema.ts";
import { type JiraSimulator, startJiraSimulator } from "../../simulators/jira/index.ts";
import { storedDescription } from "./harness.ts";

const text = (value: string, ...marks: AdfNode["marks"] & object): AdfNode => (marks.length ? { type: "text", text: value, marks } : { type: "text", text: value });
const paragraph = (...content: AdfNode[]): AdfNode => ({ type: "paragraph", content });
const doc = (...content: AdfNode[]): AdfDoc => ({ type: "doc", version: 1, content });
const link = (href: string) => ({ type: "link", attrs: { href } });

const ada = { type: "mention", attrs: { id: "5b10ac8d82e05b22cc7d4ef5", text: "@Ada Lovelace", accessLevel: "" } };
const appUser = { type: "mention", attrs: { id: "557058:f58131cb-b67d-43c7-b30d-6b58d40bd077", text: "@Automation for Jira", accessLevel: "CONTAINER", userType: "APP" } };
const screenshot = (frame: Record<string, unknown> = { layout: "center" }): AdfNode => ({
  type: "mediaSingle",
  attrs: frame,
  content: [{ type: "media", attrs: { id: "6e7c7f2c-1d2a-4b6e-9d4c-2f1b7a8e9c10", type: "file", collection: "", width: 1280, height: 720, alt: "checkout-error.png" } }],
});
const media = (id: string, alt: string): AdfNode => ({ type: "mediaSingle", attrs: { layout: "center" }, content: [{ type: "media", attrs: { id, type: "file", collection: "", alt } }] });

/** Mark order carries no meaning in ADF, so comparisons sort it. */
function canonical(node: AdfNode | AdfDoc): unknown {
  const { marks, content, ...rest } = node as AdfNode;
  return { ...rest, ...(marks ? { marks: sortMarks(marks) } : {}), ...(content ? { content: content.map(canonical) } : {}) };
}

/** A description as Jira's editor writes it: formatting around a mention, an attachment, emoji, a lozenge, dates and a smart link. */
const description = doc(
  { type: "heading", attrs: { level: 2 }, content: [text("Checkout fails on Safari "), { type: "emoji", attrs: { shortName: ":warning:", id: "26a0", text: "⚠️" } }] },
  paragraph(
    text("Owner:", { type: "strong" }), text(" "), ada, text(" — please check the "), text("runbook", link("https://acme.atlassian.net/wiki/spaces/OPS/pages/42")),
    text(" before "), text("Friday", { type: "em" }), text(", "), { type: "date", attrs: { timestamp: "1710460800000" } }, text("."),
  ),
  screenshot(),
  paragraph(text("State: "), { type: "status", attrs: { text: "IN PROGRESS", color: "blue", localId: "3f8e2a8c-5d0b-4c1e-9a77-0c0d7e6b1f11" } }, text(" since "), { type: "date", attrs: { timestamp: "1710499500000" } }),
  { type: "bulletList", content: [{ type: "listItem", content: [paragraph(text("Tracked in "), { type: "inlineCard", attrs: { url: "https://acme.atlassian.net/browse/OPS-12" } }, text(" by "), appUser)] }] },
  screenshot({ layout: "align-start", width: 50, widthType: "percentage" }),
  paragraph(text("Ship it "), { type: "emoji", attrs: { shortName: ":partyparrot:", id: "atlassian-partyparrot" } }),
);

describe("mentions, emoji, status, dates, smart links and attachments", () => {
  it("renders each as a link or image whose text a reader sees and whose target names the node", () => {
    expect(adfToMarkdown(description)).toBe(
      [
        "## Checkout fails on Safari [⚠️](emoji:warning?id=26a0)",
        "",
        "**Owner:** [@Ada Lovelace](mention:5b10ac8d82e05b22cc7d4ef5) — please check the [runbook](https://acme.atlassian.net/wiki/spaces/OPS/pages/42) before *Friday*, [2024-03-15](date:2024-03-15).",
        "",
        "![checkout-error.png](media:6e7c7f2c-1d2a-4b6e-9d4c-2f1b7a8e9c10?width=1280&height=720)",
        "",
        "State: [IN PROGRESS](status:blue?localId=3f8e2a8c-5d0b-4c1e-9a77-0c0d7e6b1f11) since [2024-03-15](date:1710499500000)",
        "",
        "- Tracked in <https://acme.atlassian.net/browse/OPS-12> by [@Automation for Jira](mention:557058:f58131cb-b67d-43c7-b30d-6b58d40bd077?accessLevel=CONTAINER&userType=APP)",
        "",
        "![checkout-error.png](media:6e7c7f2c-1d2a-4b6e-9d4c-2f1b7a8e9c10?width=1280&height=720&layout=align-start&layoutWidth=50&layoutWidthType=percentage)",
        "",
        "Ship it [:partyparrot:](emoji:partyparrot?id=atlassian-partyparrot)",
      ].join("\n"),
    );
  });

  it("reads that Markdown back as the very same ADF, which the simulator's schema accepts", () => {
    const back = markdownToAdf(adfToMarkdown(description));
    expect(canonical(back)).toEqual(canonical(description));
    expect(adfViolations(back)).toEqual([]);
  });

  it("keeps hand-written node links as they were written", () => {
    const markdown = "cc [@Ada Lovelace](mention:5b10ac8d82e05b22cc7d4ef5), [OK](status:green), [2025-01-31](date:2025-01-31) [🚀](emoji:rocket)";
    expect(markdownToAdf(markdown).content).toEqual([
      paragraph(
        text("cc "), ada, text(", "), { type: "status", attrs: { text: "OK", color: "green" } }, text(", "),
        { type: "date", attrs: { timestamp: String(Date.UTC(2025, 0, 31)) } }, text(" "), { type: "emoji", attrs: { shortName: ":rocket:", text: "🚀" } },
      ),
    ]);
    expect(adfToMarkdown(markdownToAdf(markdown))).toBe(markdown);
  });

  it("writes a mention with no display text as its id, and reads that back as no text", () => {
    const bare = doc(paragraph({ type: "mention", attrs: { id: "5b10a2844c20165700ede21g", accessLevel: "" } }));
    expect(adfToMarkdown(bare)).toBe("[@5b10a2844c20165700ede21g](mention:5b10a2844c20165700ede21g)");
    expect(markdownToAdf(adfToMarkdown(bare))).toEqual(bare);
  });

  it("gives a mention inside emphasis or another link's text no marks, which ADF forbids on mentions", () => {
    expect(markdownToAdf("**ask [@Ada Lovelace](mention:5b10ac8d82e05b22cc7d4ef5) now**").content).toEqual([
      paragraph(text("ask ", { type: "strong" }), ada, text(" now", { type: "strong" })),
    ]);
    const nested = markdownToAdf("[see [@Ada Lovelace](mention:5b10ac8d82e05b22cc7d4ef5)](https://example.com)");
    expect(nested.content).toEqual([paragraph(text("see ", link("https://example.com")), ada)]);
    expect(adfViolations(nested)).toEqual([]);
  });

  it("writes bold or linked text around a mention as one span, so it reads back as the same text around the same mention", () => {
    const around = doc(paragraph(text("ask ", { type: "strong" }), ada, text(" now", { type: "strong" }), text(" or "), text("see ", link("https://example.com")), appUser, text(" first", link("https://example.com"))));
    expect(adfToMarkdown(around)).toBe(
      "**ask [@Ada Lovelace](mention:5b10ac8d82e05b22cc7d4ef5) now** or [see [@Automation for Jira](mention:557058:f58131cb-b67d-43c7-b30d-6b58d40bd077?accessLevel=CONTAINER&userType=APP) first](https://example.com)",
    );
    expect(markdownToAdf(adfToMarkdown(around))).toEqual(around);
  });

  it("keeps brackets in a mention's text through both directions", () => {
    const bracketed = doc(paragraph({ type: "mention", attrs: { id: "5b10ac8d82e05b22cc7d4ef5", text: "@Ada [Eng] Lovelace", accessLevel: "" } }));
    expect(adfToMarkdown(bracketed)).toBe("[@Ada \\[Eng\\] Lovelace](mention:5b10ac8d82e05b22cc7d4ef5)");
    expect(markdownToAdf(adfToMarkdown(bracketed))).toEqual(bracketed);
  });

  it("writes a genuine link to a node address in <…>, so it stays a link", () => {
    const genuine = doc(paragraph(text("odd link", link("mention:5b10ac8d82e05b22cc7d4ef5"))));
    expect(adfToMarkdown(genuine)).toBe("[odd link](<mention:5b10ac8d82e05b22cc7d4ef5>)");
    expect(markdownToAdf(adfToMarkdown(genuine))).toEqual(genuine);
  });

  it.each([
    ["an id with a slash", "[@Ada](mention:5b10/../admin)", "mention:5b10/../admin"],
    ["an empty id", "[@Ada](mention:)", "mention:"],
    ["an id longer than Jira's 128", `[@Ada](mention:${"a".repeat(129)})`, `mention:${"a".repeat(129)}`],
    ["an id ending in a colon", "[@Ada](mention:557058:)", "mention:557058:"],
    ["an unknown parameter", "[@Ada](mention:5b10ac8d82e05b22cc7d4ef5?admin=true)", "mention:5b10ac8d82e05b22cc7d4ef5?admin=true"],
    ["an unknown user type", "[@Ada](mention:5b10ac8d82e05b22cc7d4ef5?userType=ROOT)", "mention:5b10ac8d82e05b22cc7d4ef5?userType=ROOT"],
    ["a repeated parameter", "[@Ada](mention:5b10ac8d82e05b22cc7d4ef5?localId=a&localId=b)", "mention:5b10ac8d82e05b22cc7d4ef5?localId=a&localId=b"],
    ["an upper-case scheme", "[@Ada](MENTION:5b10ac8d82e05b22cc7d4ef5)", "MENTION:5b10ac8d82e05b22cc7d4ef5"],
    ["an angle-bracketed target", "[@Ada](<mention:5b10ac8d82e05b22cc7d4ef5>)", "mention:5b10ac8d82e05b22cc7d4ef5"],
    ["an unknown status colour", "[@Ada](status:pink)", "status:pink"],
    ["an impossible date", "[@Ada](date:2024-02-30)", "date:2024-02-30"],
  ])("reads a node link with %s as an ordinary link", (_case, markdown, href) => {
    expect(markdownToAdf(markdown).content).toEqual([paragraph(text("@Ada", link(href)))]);
  });

  it("reads a status link with no text as an ordinary link, since a lozenge needs text", () => {
    expect(markdownToAdf("[ ](status:red)").content).toEqual([paragraph(text(" ", link("status:red")))]);
  });
});

describe("attachments", () => {
  it("leaves an ordinary image as it always was: a `!` and a link, never invented media", () => {
    expect(markdownToAdf("![logo](https://example.com/logo.png)").content).toEqual([paragraph(text("!"), text("logo", link("https://example.com/logo.png")))]);
  });

  it.each([
    ["a path in the id", "![x](media:../../etc/passwd)"],
    ["a width that is not a number", "![x](media:abc?width=wide)"],
    ["a percentage frame wider than 100", "![x](media:abc?layoutWidth=150)"],
    ["an unknown layout", "![x](media:abc?layout=floating)"],
    ["an unknown media type", "![x](media:abc?type=external)"],
  ])("reads a media image with %s as an ordinary image", (_case, markdown) => {
    const [node] = markdownToAdf(markdown).content;
    expect(node!.type).toBe("paragraph");
    expect(node!.content![0]).toEqual(text("!"));
  });

  it("lifts an image written mid-paragraph out as its own block, text before and after kept", () => {
    expect(markdownToAdf("See ![shot](media:abc) for the error.").content).toEqual([paragraph(text("See")), media("abc", "shot"), paragraph(text("for the error."))]);
  });

  it("keeps an image in a list item and a table cell, both of which may hold one", () => {
    const parsed = markdownToAdf("- before ![a](media:a1) after\n\n| Step | Screen |\n| --- | --- |\n| 1 | ![b](media:b2) |\n| 2 | see ![c](media:c3) |");
    expect(parsed.content[0]).toEqual({ type: "bulletList", content: [{ type: "listItem", content: [paragraph(text("before")), media("a1", "a"), paragraph(text("after"))] }] });
    const rows = parsed.content[1]!.content!;
    expect(rows[1]!.content![1]).toEqual({ type: "tableCell", attrs: {}, content: [media("b2", "b")] });
    expect(rows[2]!.content![1]).toEqual({ type: "tableCell", attrs: {}, content: [paragraph(text("see")), media("c3", "c")] });
    expect(adfViolations(parsed)).toEqual([]);
    expect(adfToMarkdown(parsed)).toBe("- before\n\n  ![a](media:a1)\n\n  after\n\n| Step | Screen |\n| --- | --- |\n| 1 | ![b](media:b2) |\n| 2 | see ![c](media:c3) |");
  });

  it("puts an image after a heading, and after the row of a table a quote flattens, where ADF allows no image inside", () => {
    const parsed = markdownToAdf("## Result ![a](media:a1)\n\n> | x | y |\n> | - | - |\n> | 1 ![b](media:b2) | 2 |");
    expect(parsed.content).toEqual([
      { type: "heading", attrs: { level: 2 }, content: [text("Result")] },
      media("a1", "a"),
      { type: "blockquote", content: [paragraph(text("x | y")), paragraph(text("1 | 2")), media("b2", "b")] },
    ]);
    expect(adfViolations(parsed)).toEqual([]);
  });

  it("keeps a caption as the paragraph after its image", () => {
    const captioned = doc({ type: "mediaSingle", attrs: { layout: "center" }, content: [media("m1", "").content![0]!, { type: "caption", content: [text("Figure 1")] }] });
    expect(adfToMarkdown(captioned)).toBe("![](media:m1)\n\nFigure 1");
  });
});

describe("through the Jira simulator", () => {
  let sim: JiraSimulator;
  beforeAll(async () => {
    sim = await startJiraSimulator({ now: () => new Date("2024-03-15T00:00:00.000Z") });
  });
  afterAll(() => sim.close());

  it("accepts the nodes the converter writes and gives back a description that renders as the same Markdown", async () => {
    const markdown = adfToMarkdown(description);
    expect(adfToMarkdown(await storedDescription(sim, markdownToAdf(markdown), "Inline nodes"))).toBe(markdown);
  });
});
