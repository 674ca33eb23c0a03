/** Files in a line of text (`mediaInline`) and strips of file cards (`mediaGroup`): their Markdown spelling, lossless round trips, and what stays ordinary Markdown. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AdfDoc, type AdfNode, sortMarks } from "../../../providers/jira/adf.ts";
import { adfToMarkdown } from "../../../providers/jira/adf-to-markdown.ts";
import { markdownToAdf } from "../../../providers/jira/markdown-to-adf.ts";
import { adfViolations } from "../../simulators/jira/adf-schema.ts";
import { type JiraSimulator, startJiraSimulator } from "../../simulators/jira/index.ts";
import { storedDescription } from "./harness.ts";

const text = (value: string, ...marks: { type: string; attrs?: Record<string, unknown> }[]): AdfNode => (marks.length ? { type: "text", text: value, marks } : { type: "text", text: value });
const paragraph = (...content: AdfNode[]): AdfNode => ({ type: "paragraph", content });
const doc = (...content: AdfNode[]): AdfDoc => ({ type: "doc", version: 1, content });
const link = (href: string) => ({ type: "link", attrs: { href } });
const strong = { type: "strong" };

/** As Jira's editor writes a file dropped into a line of text. */
const contract: AdfNode = { type: "mediaInline", attrs: { id: "4e1d8b9a-7c3f-4f0e-9b2a-6d5c4b3a2f10", collection: "", type: "file", localId: "9b2f6c1e-3a4d-4e8f-b7a6-5c4d3e2f1a0b" } };
const file = (id: string): AdfNode => ({ type: "media", attrs: { id, type: "file", collection: "" } });
const logs = ["0c9f7d1e-2b3a-4c5d-8e6f-7a8b9c0d1e2f", "1d0e8f2a-3c4b-4d6e-9f7a-8b9c0d1e2f3a", "2e1f9a3b-4d5c-4e7f-a08b-9c0d1e2f3a4b"];
const fileStrip: AdfNode = { type: "mediaGroup", content: logs.map(file) };
const screenshot: AdfNode = {
  type: "mediaSingle",
  attrs: { layout: "center" },
  content: [{ type: "media", attrs: { id: "6e7c7f2c-1d2a-4b6e-9d4c-2f1b7a8e9c10", type: "file", collection: "", width: 1280, height: 720, alt: "checkout-error.png" } }],
};

/** Mark and attribute order carry no meaning in ADF, so comparisons sort marks (`toEqual` ignores key order). */
function canonical(node: AdfNode | AdfDoc): unknown {
  const { marks, content, ...rest } = node as AdfNode;
  return { ...rest, ...(marks ? { marks: sortMarks(marks) } : {}), ...(content ? { content: content.map(canonical) } : {}) };
}

function expectRoundTrip(adf: AdfDoc, markdown: string): void {
  expect(adfViolations(adf)).toEqual([]);
  expect(adfToMarkdown(adf)).toBe(markdown);
  const back = markdownToAdf(markdown);
  expect(canonical(back)).toEqual(canonical(adf));
  expect(adfViolations(back)).toEqual([]);
}

describe("a file in a line of text (mediaInline)", () => {
  it("is a media: link in its place, bold text around it kept as one bold span", () => {
    const adf = doc(paragraph(text("The "), text("signed contract ", strong), contract, text(" is attached", strong), text(" — see "), text("the policy", link("https://acme.atlassian.net/wiki/x/AbC")), text(".")));
    expectRoundTrip(
      adf,
      "The **signed contract [4e1d8b9a-7c3f-4f0e-9b2a-6d5c4b3a2f10](media:4e1d8b9a-7c3f-4f0e-9b2a-6d5c4b3a2f10?localId=9b2f6c1e-3a4d-4e8f-b7a6-5c4d3e2f1a0b) is attached** — see [the policy](https://acme.atlassian.net/wiki/x/AbC).",
    );
  });

  it("keeps attributes that differ from Jira's defaults as parameters, and its alternative text as the link text", () => {
    const diagram: AdfNode = { type: "mediaInline", attrs: { id: "7f3e2d1c-0b9a-4876-a543-210fedcba987", collection: "contentId-10042", type: "image", alt: "flow [v2].png", width: 640, height: 480 } };
    const bookmark: AdfNode = { type: "mediaInline", attrs: { id: "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", collection: "", type: "link" } };
    expectRoundTrip(
      doc(paragraph(text("Flow: "), diagram, text(", source: "), bookmark)),
      "Flow: [flow \\[v2\\].png](media:7f3e2d1c-0b9a-4876-a543-210fedcba987?type=image&collection=contentId-10042&width=640&height=480), source: [a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d](media:a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d?type=link)",
    );
  });

  it("stays a file after a `!`, which the writer escapes so the pair is not an image", () => {
    expectRoundTrip(doc(paragraph(text("Signed!"), contract)), `Signed\\![${contract.attrs!.id}](media:${contract.attrs!.id}?localId=${contract.attrs!.localId})`);
  });

  it("stays a file inside a heading and a table cell", () => {
    const table: AdfNode = {
      type: "table",
      attrs: { isNumberColumnEnabled: false, layout: "default" },
      content: [
        { type: "tableRow", content: [{ type: "tableHeader", attrs: {}, content: [paragraph(text("Document"))] }] },
        { type: "tableRow", content: [{ type: "tableCell", attrs: {}, content: [paragraph(text("Contract: "), contract)] }] },
      ],
    };
    const adf = doc({ type: "heading", attrs: { level: 3 }, content: [text("Attached "), contract] }, table);
    const back = markdownToAdf(adfToMarkdown(adf));
    expect(canonical(back)).toEqual(canonical(adf));
    expect(adfViolations(back)).toEqual([]);
  });

  it("writes a genuine link to a media: address in <…>, so it stays a link", () => {
    expectRoundTrip(doc(paragraph(text("odd link", link("media:4e1d8b9a")))), "[odd link](<media:4e1d8b9a>)");
  });
});

describe("a strip of file cards (mediaGroup)", () => {
  const groupMarkdown = logs.map((id) => `![](media:${id}?group=1)`).join("\n");

  it("is one group image per file on consecutive lines, read back as one group with the files in order", () => {
    expectRoundTrip(doc(paragraph(text("Logs from the three nodes:")), fileStrip, paragraph(text("Node 2 is the odd one."))), `Logs from the three nodes:\n\n${groupMarkdown}\n\nNode 2 is the odd one.`);
  });

  it("stays a group beside an image, which stays a single image", () => {
    expectRoundTrip(doc(screenshot, fileStrip), `![checkout-error.png](media:6e7c7f2c-1d2a-4b6e-9d4c-2f1b7a8e9c10?width=1280&height=720)\n\n${groupMarkdown}`);
    expect(markdownToAdf(`![checkout-error.png](media:6e7c7f2c-1d2a-4b6e-9d4c-2f1b7a8e9c10?width=1280&height=720)\n${groupMarkdown}`).content).toEqual([screenshot, fileStrip]);
  });

  it("keeps two groups apart when a blank line separates them, and keeps a file's attributes", () => {
    const linked: AdfNode = { type: "media", attrs: { id: "b7c6d5e4-f3a2-4b1c-9d0e-1f2a3b4c5d6e", type: "link", collection: "MediaServicesSample", alt: "status page", occurrenceKey: "e1f2a3b4" } };
    expectRoundTrip(
      doc(fileStrip, { type: "mediaGroup", content: [linked] }),
      `${groupMarkdown}\n\n![status page](media:b7c6d5e4-f3a2-4b1c-9d0e-1f2a3b4c5d6e?type=link&collection=MediaServicesSample&occurrenceKey=e1f2a3b4&group=1)`,
    );
  });

  it("round-trips inside a quote and a table cell, which may hold a group", () => {
    const cell: AdfNode = { type: "tableCell", attrs: {}, content: [fileStrip] };
    const table: AdfNode = { type: "table", attrs: { isNumberColumnEnabled: false, layout: "default" }, content: [{ type: "tableRow", content: [{ type: "tableHeader", attrs: {}, content: [paragraph(text("Logs"))] }] }, { type: "tableRow", content: [cell] }] };
    const adf = doc({ type: "blockquote", content: [paragraph(text("From the customer:")), fileStrip] }, table);
    const back = markdownToAdf(adfToMarkdown(adf));
    expect(canonical(back)).toEqual(canonical(adf));
    expect(adfViolations(back)).toEqual([]);
  });

  it("becomes one image per file in a list item, where ADF allows no group", () => {
    expect(adfViolations(doc({ type: "bulletList", content: [{ type: "listItem", content: [paragraph(text("logs")), fileStrip] }] }))).not.toEqual([]);
    const parsed = markdownToAdf(`- logs\n\n${groupMarkdown.replace(/^/gm, "  ")}`);
    const singles = logs.map((id) => ({ type: "mediaSingle", attrs: { layout: "center" }, content: [file(id)] }));
    expect(parsed.content).toEqual([{ type: "bulletList", content: [{ type: "listItem", content: [paragraph(text("logs")), ...singles] }] }]);
    expect(adfViolations(parsed)).toEqual([]);
  });
});

describe("Markdown that only looks like an attachment", () => {
  it.each([
    ["a media: target in <…>", "[x](<media:abc>)", [text("x", link("media:abc"))]],
    ["a path in the id", "[x](media:../../etc/passwd)", [text("x", link("media:../../etc/passwd"))]],
    ["an unknown parameter", "[x](media:abc?layout=wide)", [text("x", link("media:abc?layout=wide"))]],
    ["the group marker on a link", "[x](media:abc?group=1)", [text("x", link("media:abc?group=1"))]],
    ["an unknown type", "[x](media:abc?type=external)", [text("x", link("media:abc?type=external"))]],
    ["a size that is not a number", "[x](media:abc?width=wide)", [text("x", link("media:abc?width=wide"))]],
    ["an upper-case scheme", "[x](MEDIA:abc)", [text("x", link("MEDIA:abc"))]],
    ["a code span", "`[x](media:abc)`", [text("[x](media:abc)", { type: "code" })]],
    ["escaped brackets", "\\[x\\](media:abc)", [text("[x](media:abc)")]],
    ["a bare address in text", "see media:abc", [text("see media:abc")]],
    ["an image whose parameters fit only an inline file", "![x](media:abc?type=image)", [text("!"), text("x", link("media:abc?type=image"))]],
    ["a group image with another marker", "![x](media:abc?group=2)", [text("!"), text("x", link("media:abc?group=2"))]],
    ["a group image with a frame", "![x](media:abc?group=1&layout=wide)", [text("!"), text("x", link("media:abc?group=1&layout=wide"))]],
  ])("reads %s as ordinary Markdown", (_case, markdown, inline) => {
    expect(markdownToAdf(markdown).content).toEqual([paragraph(...inline)]);
  });

  it("writes the ordinary links back so they read the same again", () => {
    const adf = markdownToAdf("[x](media:abc?group=1) and ![x](media:abc?type=image)");
    expect(markdownToAdf(adfToMarkdown(adf))).toEqual(adf);
  });
});

describe("through the Jira simulator", () => {
  let sim: JiraSimulator;
  beforeAll(async () => {
    sim = await startJiraSimulator({ now: () => new Date("2024-03-15T00:00:00.000Z") });
  });
  afterAll(() => sim.close());

  it("accepts inline files, a group and an image as the converter writes them, and gives back the same Markdown", async () => {
    const markdown = adfToMarkdown(doc(paragraph(text("Contract "), contract, text(" and logs:")), fileStrip, screenshot));
    expect(adfToMarkdown(await storedDescription(sim, markdownToAdf(markdown), "Attachments"))).toBe(markdown);
  });
});
