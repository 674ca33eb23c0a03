/** The simulator refuses rich text that breaks the ADF schema with Jira's bare INVALID_INPUT, and accepts what the converter writes. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { markdownToAdf } from "../../../providers/jira/markdown-to-adf.ts";
import { adfViolations } from "../../simulators/jira/adf-schema.ts";
import { type JiraSimulator, startJiraSimulator } from "../../simulators/jira/index.ts";

let sim: JiraSimulator;
let basic: string;
beforeAll(async () => {
  sim = await startJiraSimulator({ now: () => new Date("2021-02-08T00:00:00.000Z") });
  basic = sim.basicAuthorization;
});
afterAll(() => sim.close());

async function call(method: string, path: string, body: unknown) {
  const response = await fetch(`${sim.url}${path}`, { method, headers: { authorization: basic, "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

const doc = (...content: unknown[]) => ({ type: "doc", version: 1, content });
const paragraph = (value: string) => ({ type: "paragraph", content: [{ type: "text", text: value }] });
const headingInQuote = doc({ type: "blockquote", content: [{ type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "x" }] }] });
const invalidInput = { status: 400, body: { errorMessages: ["INVALID_INPUT"], errors: {} } };
const newIssue = (description: unknown) => ({ fields: { project: { key: "OPS" }, issuetype: { name: "Task" }, summary: "ADF check", description } });

describe("rich text over HTTP", () => {
  it("refuses an invalid description on create and edit, and leaves the issue as it was", async () => {
    expect(await call("POST", "/rest/api/3/issue", newIssue(headingInQuote))).toEqual(invalidInput);
    expect(await call("PUT", "/rest/api/3/issue/EX-2", { fields: { description: headingInQuote } })).toEqual(invalidInput);
    const issue = await fetch(`${sim.url}/rest/api/3/issue/EX-2?fields=description`, { headers: { authorization: basic } });
    expect(adfViolations(((await issue.json()) as { fields: { description: unknown } }).fields.description)).toEqual([]);
  });

  it("refuses an invalid comment body", async () => {
    const listFirst = doc({ type: "bulletList", content: [{ type: "listItem", content: [{ type: "bulletList", content: [{ type: "listItem", content: [paragraph("x")] }] }] }] });
    expect(await call("POST", "/rest/api/3/issue/EX-1/comment", { body: listFirst })).toEqual(invalidInput);
  });

  it("accepts what the converter writes for Markdown Jira would otherwise refuse", async () => {
    const markdown = "> ## Customer said\n> > it is broken\n\n- - nested\n\n| a | b |\n| :-: | - |\n| 1 | 2 |";
    expect((await call("POST", "/rest/api/3/issue", newIssue(markdownToAdf(markdown)))).status).toBe(201);
    expect((await call("POST", "/rest/api/3/issue/EX-1/comment", { body: markdownToAdf(markdown) })).status).toBe(201);
  });
});

describe("adfViolations", () => {
  it.each([
    ["a heading in a quote", headingInQuote, "doc/blockquote[0]: blockquote may not hold heading"],
    ["a rule in a list item", doc({ type: "bulletList", content: [{ type: "listItem", content: [paragraph("a"), { type: "rule" }] }] }), "doc/bulletList[0]/listItem[0]: listItem may not hold rule"],
    ["an empty quote", doc({ type: "blockquote", content: [] }), "doc/blockquote[0]: blockquote must hold at least 1 node"],
    ["inline content at the top level", doc({ type: "text", text: "loose" }), "doc: doc may not hold text"],
    ["a block in a paragraph", doc({ type: "paragraph", content: [paragraph("x")] }), "doc/paragraph[0]: paragraph may not hold paragraph"],
    ["empty text", doc({ type: "paragraph", content: [{ type: "text", text: "" }] }), "doc/paragraph[0]/text[0]: text must not be empty"],
    ["bold code", doc({ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "code" }, { type: "strong" }] }] }), "doc/paragraph[0]/text[0]: code text may not also be strong"],
    ["a table in a cell", doc({ type: "table", content: [{ type: "tableRow", content: [{ type: "tableCell", content: [{ type: "table", content: [] }] }] }] }), "doc/table[0]/tableRow[0]/tableCell[0]: tableCell may not hold table"],
    ["a heading level 7", doc({ type: "heading", attrs: { level: 7 }, content: [] }), "doc/heading[0]: heading level must be 1 to 6"],
    ["a group in a list item", doc({ type: "bulletList", content: [{ type: "listItem", content: [paragraph("a"), { type: "mediaGroup", content: [{ type: "media", attrs: { id: "f1", type: "file", collection: "" } }] }] }] }), "doc/bulletList[0]/listItem[0]: listItem may not hold mediaGroup"],
    ["an empty media group", doc({ type: "mediaGroup", content: [] }), "doc/mediaGroup[0]: mediaGroup must hold at least 1 node"],
    ["text in a media group", doc({ type: "mediaGroup", content: [{ type: "text", text: "f1" }] }), "doc/mediaGroup[0]: mediaGroup may not hold text"],
    ["media without a collection", doc({ type: "mediaSingle", attrs: { layout: "center" }, content: [{ type: "media", attrs: { id: "f1", type: "file" } }] }), "doc/mediaSingle[0]/media[0]: collection must be a string"],
    ["an inline file without an id", doc({ type: "paragraph", content: [{ type: "mediaInline", attrs: { collection: "", type: "file" } }] }), "doc/paragraph[0]/mediaInline[0]: id must be a non-empty string"],
    ["an inline file of an unknown type", doc({ type: "paragraph", content: [{ type: "mediaInline", attrs: { id: "f1", collection: "", type: "video" } }] }), "doc/paragraph[0]/mediaInline[0]: media type video is unknown"],
  ])("finds %s", (_name, adf, problem) => {
    expect(adfViolations(adf)).toEqual([problem]);
  });

  it("accepts nodes it does not model where the schema allows them", () => {
    const panel = { type: "panel", attrs: { panelType: "info" }, content: [paragraph("note")] };
    const mention = { type: "mention", attrs: { id: "abc", text: "@Emma" } };
    expect(adfViolations(doc(panel, { type: "paragraph", content: [mention, { type: "text", text: " hi" }] }))).toEqual([]);
  });
});
