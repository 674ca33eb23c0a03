/**
 * Finds the `rel="next"` target in Okta's `Link` headers (RFC 8288). Okta sends `self` and `next` as two
 * header lines; proxies and clients may join them with commas. A URL may itself contain commas or
 * semicolons, so links are split by scanning `<…>` and quoted parameters, never by a plain `split(",")`. Pure.
 */

export type LinkHeaderValue = string | readonly string[] | undefined;

interface Link {
  target: string;
  rels: string[];
}

/** The `next` URL exactly as Okta wrote it, or null when there is none (the last page). */
export function nextLink(header: LinkHeaderValue): string | null {
  const lines = typeof header === "string" ? [header] : (header ?? []);
  for (const line of lines) {
    const next = parseLinks(line).find((link) => link.rels.includes("next"));
    if (next) return next.target;
  }
  return null;
}

/** Every well-formed link in one header line; a malformed tail is ignored rather than guessed at. */
export function parseLinks(line: string): Link[] {
  const links: Link[] = [];
  let at = 0;
  for (;;) {
    at = skip(line, at, /[\s,]/);
    if (line[at] !== "<") return links;
    const close = line.indexOf(">", at + 1);
    if (close < 0) return links;
    const target = line.slice(at + 1, close).trim();
    const { params, end } = readParams(line, close + 1);
    const rel = params.get("rel");
    links.push({ target, rels: rel ? rel.toLowerCase().split(/\s+/).filter(Boolean) : [] });
    at = end;
  }
}

/** Reads `; name=value` and `; name="quoted \" value"` pairs up to the comma that ends the link. */
function readParams(line: string, start: number): { params: Map<string, string>; end: number } {
  const params = new Map<string, string>();
  let at = start;
  for (;;) {
    at = skip(line, at, /\s/);
    if (line[at] !== ";") return { params, end: at };
    at = skip(line, at + 1, /\s/);
    const name = /^[^\s=;,]+/.exec(line.slice(at))?.[0] ?? "";
    at = skip(line, at + name.length, /\s/);
    let value = "";
    if (line[at] === "=") {
      at = skip(line, at + 1, /\s/);
      const read = line[at] === '"' ? readQuoted(line, at) : readToken(line, at);
      value = read.value;
      at = read.end;
    }
    // The first occurrence of a parameter wins (RFC 8288 §3.3).
    if (name && !params.has(name.toLowerCase())) params.set(name.toLowerCase(), value);
  }
}

function readQuoted(line: string, start: number): { value: string; end: number } {
  let value = "";
  let at = start + 1;
  while (at < line.length && line[at] !== '"') {
    if (line[at] === "\\" && at + 1 < line.length) at++;
    value += line[at];
    at++;
  }
  return { value, end: Math.min(at + 1, line.length) };
}

function readToken(line: string, start: number): { value: string; end: number } {
  const value = /^[^\s;,]*/.exec(line.slice(start))?.[0] ?? "";
  return { value, end: start + value.length };
}

function skip(line: string, start: number, pattern: RegExp): number {
  let at = start;
  while (at < line.length && pattern.test(line[at]!)) at++;
  return at;
}
