/**
 * Parses Markdown inline syntax (emphasis, strike, code, links, breaks) into ADF inline nodes; pure.
 *
 * Links and images in the conventions of `markdown-node-links.ts` and `markdown-media.ts` become the nodes they
 * name, an `http(s)` autolink becomes a smart link (`inlineCard`), and a `media:` image comes back as a
 * `mediaSingle` or `mediaGroup` among the inline nodes, for the block parser to lift out of its paragraph.
 */
import { type AdfMark, type AdfNode, sameMark, sortMarks, textOf } from "./adf.ts";
import { isWordChar } from "./markdown-escape.ts";
import { inlineMediaForLink, mediaForImage } from "./markdown-media.ts";
import { nodeForLink } from "./markdown-node-links.ts";

const delimiterMarks: ReadonlyArray<readonly [string, string]> = [
  ["**", "strong"],
  ["__", "strong"],
  ["~~", "strike"],
  ["*", "em"],
  ["_", "em"],
];

interface Span {
  nodes: AdfNode[];
  end: number;
  closed: boolean;
}

/** Parses one paragraph's text; line breaks inside it are soft (a space) unless marked hard. */
export function parseInline(source: string): AdfNode[] {
  try {
    return normaliseInline(new InlineParser(source, true).span(0, null).nodes);
  } catch (error) {
    if (error !== overBudget) throw error;
    // Hostile runs of unmatched delimiters: read them as text rather than spend quadratic time.
    return normaliseInline(new InlineParser(source, false).span(0, null).nodes);
  }
}

const overBudget = new Error("inline parse over budget");

/** Deeper emphasis than this is read as literal text, which keeps hostile input off the call stack. */
const maxDepth = 24;

/** `[label](destination "title")`'s parenthesised part, read where the label's `]` ends. */
const linkDestination = /\(\s*(?:<([^<>\n]*)>|([^\s()<>]*(?:\([^\s()<>]*\)[^\s()<>]*)*))(?:\s+"[^"]*")?\s*\)/y;

class InlineParser {
  /** Openers already known to have no closer, so a run of unmatched delimiters is not rescanned. */
  private readonly failed = new Set<string>();
  /** The last position where each delimiter could close; an opener after it cannot match. */
  private readonly lastCloser = new Map<string, number>();

  /**
   * A link's label is read by a parser of its own, one level deeper, spending from the same step
   * budget: nesting and work stay bounded by the whole paragraph, not reset for every label.
   */
  constructor(
    private readonly source: string,
    private readonly emphasisAllowed: boolean,
    private depth = 0,
    private readonly budget = { steps: 0, limit: 20 * source.length + 1000 },
  ) {}

  span(start: number, closer: string | null): Span {
    const nodes: AdfNode[] = [];
    let index = start;
    while (index < this.source.length) {
      if (++this.budget.steps > this.budget.limit) throw overBudget;
      if (closer && index > start && this.canClose(index, closer)) return { nodes, end: index, closed: true };
      const piece =
        this.escape(index) ?? this.lineBreak(index, nodes) ?? this.code(index) ?? this.autolink(index) ?? this.image(index) ?? this.link(index) ?? this.emphasis(index);
      if (piece) {
        nodes.push(...piece.nodes);
        index = piece.end;
      } else {
        appendText(nodes, this.source[index]!);
        index += 1;
      }
    }
    return { nodes, end: index, closed: false };
  }

  /** A backslash makes the next punctuation literal, or before a newline makes a hard break. */
  private escape(index: number): Span | null {
    const next = this.source[index + 1];
    if (this.source[index] !== "\\" || next === undefined) return null;
    if (next === "\n") return { nodes: [{ type: "hardBreak" }], end: index + 2, closed: true };
    return /[!-/:-@[-`{-~]/.test(next) ? { nodes: [{ type: "text", text: next }], end: index + 2, closed: true } : null;
  }

  /** A newline after two or more spaces is a hard break; any other is soft and reads as one space. */
  private lineBreak(index: number, before: AdfNode[]): Span | null {
    if (this.source[index] !== "\n") return null;
    const last = before.at(-1);
    const trailing = last?.type === "text" && !last.marks ? /[ \t]*$/.exec(last.text ?? "")![0] : "";
    if (trailing) before[before.length - 1] = { ...last!, text: last!.text!.slice(0, -trailing.length) };
    const hard = trailing.replace(/\t/g, "").length >= 2;
    return { nodes: [hard ? { type: "hardBreak" } : { type: "text", text: " " }], end: index + 1, closed: true };
  }

  private canClose(index: number, closer: string): boolean {
    if (!this.source.startsWith(closer, index)) return false;
    if (/\s/.test(this.source[index - 1] ?? " ")) return false;
    return !(closer[0] === "_" && isWordChar(this.source[index + closer.length]));
  }

  private emphasis(index: number): Span | null {
    if (!this.emphasisAllowed) return null;
    for (const [delimiter, type] of delimiterMarks) {
      if (!this.source.startsWith(delimiter, index)) continue;
      const after = this.source[index + delimiter.length];
      if (after === undefined || /\s/.test(after)) continue;
      if (delimiter[0] === "_" && isWordChar(this.source[index - 1])) continue;
      const key = `${index}:${delimiter}`;
      if (this.failed.has(key) || this.depth >= maxDepth || this.lastCloserOf(delimiter) <= index + delimiter.length) continue;
      this.depth += 1;
      const inner = this.span(index + delimiter.length, delimiter);
      this.depth -= 1;
      if (!inner.closed) {
        this.failed.add(key);
        continue;
      }
      return { nodes: withMark(inner.nodes, { type }), end: inner.end + delimiter.length, closed: true };
    }
    return null;
  }

  private lastCloserOf(delimiter: string): number {
    let last = this.lastCloser.get(delimiter);
    if (last === undefined) {
      last = -1;
      for (let index = this.source.length - delimiter.length; index > 0 && last < 0; index -= 1) {
        if (this.canClose(index, delimiter)) last = index;
      }
      this.lastCloser.set(delimiter, last);
    }
    return last;
  }

  private code(index: number): Span | null {
    const run = /^`+/.exec(this.source.slice(index))?.[0];
    if (!run) return null;
    let search = index + run.length;
    while (search < this.source.length) {
      const found = this.source.indexOf(run, search);
      if (found < 0) break;
      const after = found + run.length;
      if (this.source[after] === "`" || this.source[found - 1] === "`") {
        search = after;
        continue;
      }
      let text = this.source.slice(index + run.length, found).replace(/\n/g, " ");
      if (/^ [\s\S]*[^ ][\s\S]* $/.test(text)) text = text.slice(1, -1);
      return { nodes: [{ type: "text", text, marks: [{ type: "code" }] }], end: after, closed: true };
    }
    return { nodes: [{ type: "text", text: run }], end: index + run.length, closed: true };
  }

  private autolink(index: number): Span | null {
    const match = /^<([a-z][a-z0-9+.-]{1,31}:[^\s<>]*)>/i.exec(this.source.slice(index));
    if (!match) return null;
    const href = match[1]!;
    const end = index + match[0].length;
    if (/^https?:\/\/[^/]/i.test(href)) return { nodes: [{ type: "inlineCard", attrs: { url: href } }], end, closed: true };
    return { nodes: [{ type: "text", text: href, marks: [{ type: "link", attrs: { href } }] }], end, closed: true };
  }

  /**
   * Only a `media:` image means anything to Jira; any other image reads as `!` before a link, as it always has,
   * except that a `media:` link after `!` is never the inline file it would be alone.
   */
  private image(index: number): Span | null {
    if (this.source[index] !== "!") return null;
    const target = this.linkAt(index + 1);
    if (!target) return null;
    const media = target.bare ? mediaForImage(plainText(target.label), target.href) : null;
    const nodes = media ? [media] : [{ type: "text", text: "!" }, ...linkNodes(target, false)];
    return { nodes, end: target.end, closed: true };
  }

  private link(index: number): Span | null {
    const target = this.linkAt(index);
    return target ? { nodes: linkNodes(target), end: target.end, closed: true } : null;
  }

  /** `[label](destination "title")` at `index`. */
  private linkAt(index: number): LinkSyntax | null {
    if (this.source[index] !== "[" || this.depth >= maxDepth) return null;
    const close = this.matchingBracket(index);
    if (close < 0 || this.source[close + 1] !== "(") return null;
    linkDestination.lastIndex = close + 1;
    const destination = linkDestination.exec(this.source);
    if (!destination) return null;
    const label = new InlineParser(this.source.slice(index + 1, close), this.emphasisAllowed, this.depth + 1, this.budget).span(0, null).nodes;
    return { label, href: destination[1] ?? destination[2] ?? "", bare: destination[1] === undefined, end: close + 1 + destination[0].length };
  }

  /** Each `[` with its matching `]`, found in one pass: scanning ahead from every `[` is quadratic on a run of unmatched ones. */
  private closingBrackets: Map<number, number> | null = null;

  private matchingBracket(open: number): number {
    if (!this.closingBrackets) {
      const pairs = new Map<number, number>();
      const opened: number[] = [];
      for (let index = 0; index < this.source.length; index += 1) {
        const char = this.source[index];
        if (char === "\\") index += 1;
        else if (char === "[") opened.push(index);
        else if (char === "]" && opened.length > 0) pairs.set(opened.pop()!, index);
      }
      this.closingBrackets = pairs;
    }
    return this.closingBrackets.get(open) ?? -1;
  }
}

interface LinkSyntax {
  label: AdfNode[];
  href: string;
  /** Whether the destination was written bare rather than in `<…>`: only a bare one can name a node. */
  bare: boolean;
  end: number;
}

/** The node a link names, or its label carrying the link. */
function linkNodes(link: LinkSyntax, inlineMediaAllowed = true): AdfNode[] {
  const label = plainText(link.label);
  const node = link.bare ? (nodeForLink(label, link.href) ?? (inlineMediaAllowed ? inlineMediaForLink(label, link.href) : null)) : null;
  return node ? [node] : withMark(link.label, { type: "link", attrs: { href: link.href } });
}

/** A label's visible text: the nodes a link names carry no formatting, so marks inside the brackets are dropped. */
function plainText(nodes: readonly AdfNode[]): string {
  return nodes.map((node) => (node.type === "mediaSingle" || node.type === "mediaGroup" ? "" : textOf(node))).join("");
}

function appendText(nodes: AdfNode[], text: string): void {
  const last = nodes.at(-1);
  if (last?.type === "text" && !last.marks) nodes[nodes.length - 1] = { ...last, text: `${last.text ?? ""}${text}` };
  else nodes.push({ type: "text", text });
}

function withMark(nodes: AdfNode[], mark: AdfMark): AdfNode[] {
  return nodes.map((node) => {
    if (node.type !== "text" || node.marks?.some((existing) => sameMark(existing, mark))) return node;
    return { ...node, marks: sortMarks([...(node.marks ?? []), mark]) };
  });
}

/** Merges neighbouring text with identical marks and drops empty text, as Jira's editor does. */
function normaliseInline(nodes: readonly AdfNode[]): AdfNode[] {
  const out: AdfNode[] = [];
  for (const node of nodes) {
    if (node.type === "text" && !node.text) continue;
    const last = out.at(-1);
    if (last?.type === "text" && node.type === "text" && sameMarks(last.marks, node.marks)) {
      out[out.length - 1] = { ...last, text: `${last.text ?? ""}${node.text ?? ""}` };
    } else out.push(node);
  }
  return out;
}

function sameMarks(a: readonly AdfMark[] = [], b: readonly AdfMark[] = []): boolean {
  return a.length === b.length && a.every((mark, index) => sameMark(mark, b[index]!));
}
