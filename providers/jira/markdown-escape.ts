/** Escaping rules shared by the Markdown writer and reader, so text never turns into formatting. */

/** Letters and digits: an `_` between two of them is plain text, never emphasis. */
export function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}

const alwaysEscaped = new Set(["\\", "`", "*", "[", "]", "~"]);

/** Escapes characters that would otherwise start inline formatting. */
export function escapeText(text: string): string {
  let out = "";
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    const intraword = isWordChar(text[index - 1]) && isWordChar(text[index + 1]);
    const autolink = char === "<" && /^<[a-z][a-z0-9+.-]*:/i.test(text.slice(index, index + 34));
    out += alwaysEscaped.has(char) || (char === "_" && !intraword) || autolink ? `\\${char}` : char;
  }
  return out;
}

/** Escapes what would read as a block marker (heading, quote, list item, rule) at the start of a line. */
export function escapeLineStart(rendered: string): string {
  return rendered
    .split("\n")
    .map((line) => {
      const trimmed = line.replace(/^[ \t]+/, "");
      if (/^(#{1,6}|>|[-+])(?=[ \t]|$)/.test(trimmed) || /^>/.test(trimmed) || /^-{3,}[ \t]*$/.test(trimmed)) {
        return `\\${trimmed}`;
      }
      return trimmed.replace(/^(\d{1,9})([.)])(?=[ \t]|$)/, "$1\\$2");
    })
    .join("\n");
}
