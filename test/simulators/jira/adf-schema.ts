/**
 * What the simulator accepts as a rich-text value: an ADF document that keeps the content model of
 * Atlassian's ADF schema (`@atlaskit/adf-schema`) for the nodes Jira's Markdown-like content uses.
 * Nodes it does not model (panel, expand, mentions …) are allowed where the schema allows them,
 * without looking inside.
 */
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** The `{type: "doc", version: 1, content}` shape; anything else is not a document at all. */
export function isAdfDoc(value: unknown): boolean {
  return isObject(value) && value.type === "doc" && value.version === 1 && Array.isArray(value.content);
}

/** Jira Cloud's whole-request message for a document that breaks the schema; it names no field or node. */
export const invalidAdf = "INVALID_INPUT";

const set = (...types: string[]): ReadonlySet<string> => new Set(types);

const inline = set("text", "hardBreak", "mention", "emoji", "date", "status", "inlineCard", "mediaInline", "placeholder", "inlineExtension");
const topLevel = set(
  "paragraph", "heading", "bulletList", "orderedList", "blockquote", "codeBlock", "rule", "table", "panel", "mediaSingle",
  "mediaGroup", "decisionList", "taskList", "expand", "extension", "bodiedExtension", "blockCard", "embedCard", "layoutSection",
);
const cellBlocks = new Set([...topLevel].filter((type) => !["table", "expand", "bodiedExtension", "layoutSection"].includes(type)).concat("nestedExpand"));

interface ContentRule {
  /** What the node may hold; an empty set means it is a leaf. */
  content: ReadonlySet<string>;
  /** What the first child must be, when that is narrower than `content`. */
  first?: ReadonlySet<string>;
  minItems?: number;
}

const lists: ContentRule = { content: set("listItem"), minItems: 1 };
const cell: ContentRule = { content: cellBlocks, minItems: 1 };
const leaf: ContentRule = { content: set() };

const rules: Record<string, ContentRule> = {
  doc: { content: topLevel },
  paragraph: { content: inline },
  heading: { content: inline },
  blockquote: { content: set("paragraph", "bulletList", "orderedList", "codeBlock", "mediaGroup", "mediaSingle", "extension"), minItems: 1 },
  bulletList: lists,
  orderedList: lists,
  listItem: {
    first: set("paragraph", "mediaSingle", "codeBlock"),
    content: set("paragraph", "bulletList", "orderedList", "taskList", "mediaSingle", "codeBlock"),
    minItems: 1,
  },
  codeBlock: { content: set("text") },
  table: { content: set("tableRow"), minItems: 1 },
  tableRow: { content: set("tableCell", "tableHeader"), minItems: 1 },
  tableCell: cell,
  tableHeader: cell,
  mediaSingle: { first: set("media"), content: set("media", "caption"), minItems: 1 },
  mediaGroup: { content: set("media"), minItems: 1 },
  media: leaf,
  mediaInline: leaf,
  rule: leaf,
  hardBreak: leaf,
  text: leaf,
};

/** Where the schema allows only `paragraph_with_no_marks` (no alignment or indentation). */
const plainParagraphsIn = set("blockquote", "listItem");

/** Every way `doc` breaks the schema, each as `path: problem`; empty when Jira would accept it. */
export function adfViolations(doc: unknown): string[] {
  const problems: string[] = [];
  const visit = (node: Json, path: string) => {
    const type = String(node.type);
    const rule = rules[type];
    problems.push(...attributeProblems(node).map((problem) => `${path}: ${problem}`));
    const content = node.content;
    if (content !== undefined && !Array.isArray(content)) problems.push(`${path}: content must be an array`);
    const children = Array.isArray(content) ? content : [];
    if (!rule) return;
    if (children.length < (rule.minItems ?? 0)) problems.push(`${path}: ${type} must hold at least ${rule.minItems} node`);
    children.forEach((child, index) => {
      const childType = isObject(child) && typeof child.type === "string" ? child.type : "a non-node";
      const childPath = `${path}/${childType}[${index}]`;
      const allowed = index === 0 && rule.first ? rule.first : rule.content;
      if (!allowed.has(childType)) {
        problems.push(`${path}: ${type} may not hold ${childType}${index === 0 && rule.first ? " first" : ""}`);
        return;
      }
      if (childType === "paragraph" && plainParagraphsIn.has(type) && (child as Json).marks !== undefined) {
        problems.push(`${childPath}: a paragraph in ${type} may not carry marks`);
      }
      if (type === "codeBlock" && (child as Json).marks !== undefined) problems.push(`${childPath}: code block text may not carry marks`);
      visit(child as Json, childPath);
    });
  };
  if (!isAdfDoc(doc)) return ["doc: not an ADF document"];
  visit(doc as Json, "doc");
  return problems;
}

const tableLayouts = set("default", "wide", "full-width", "center", "align-start", "align-end");

function attributeProblems(node: Json): string[] {
  const attrs = isObject(node.attrs) ? node.attrs : {};
  switch (node.type) {
    case "text":
      return textProblems(node);
    case "heading":
      return [1, 2, 3, 4, 5, 6].includes(attrs.level as number) ? [] : ["heading level must be 1 to 6"];
    case "orderedList":
      return attrs.order === undefined || (Number.isInteger(attrs.order) && (attrs.order as number) >= 0) ? [] : ["order must be a whole number"];
    case "media":
      return attrs.type === "external" ? requiredStrings(attrs, "url") : fileProblems(attrs, set("file", "link"), true);
    case "mediaInline":
      return fileProblems(attrs, set("file", "link", "image"), false);
    case "table":
      return [
        ...(attrs.layout === undefined || tableLayouts.has(String(attrs.layout)) ? [] : [`table layout ${String(attrs.layout)} is unknown`]),
        ...(attrs.isNumberColumnEnabled === undefined || typeof attrs.isNumberColumnEnabled === "boolean" ? [] : ["isNumberColumnEnabled must be a boolean"]),
      ];
    default:
      return [];
  }
}

/** A file names its id and collection; `media` must also say its type, which `mediaInline` may leave out. */
function fileProblems(attrs: Json, types: ReadonlySet<string>, typeRequired: boolean): string[] {
  const typeFits = attrs.type === undefined ? !typeRequired : types.has(String(attrs.type));
  return [...requiredStrings(attrs, "id"), ...(typeof attrs.collection === "string" ? [] : ["collection must be a string"]), ...(typeFits ? [] : [`media type ${String(attrs.type)} is unknown`])];
}

function requiredStrings(attrs: Json, ...keys: string[]): string[] {
  return keys.filter((key) => typeof attrs[key] !== "string" || attrs[key] === "").map((key) => `${key} must be a non-empty string`);
}

/** Text is never empty, and code text may carry only links beside its code mark. */
function textProblems(node: Json): string[] {
  if (typeof node.text !== "string" || node.text === "") return ["text must not be empty"];
  const marks = Array.isArray(node.marks) ? node.marks.map((mark) => (isObject(mark) ? String(mark.type) : "")) : [];
  const withCode = marks.includes("code") ? marks.filter((mark) => !["code", "link", "annotation"].includes(mark)) : [];
  return withCode.length > 0 ? [`code text may not also be ${withCode.join(", ")}`] : [];
}
