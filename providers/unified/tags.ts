/**
 * What makes a ticket tag unusable. Unified tags follow Jira's label rule, the strictest of the
 * providers: a single word, not empty, at most `maxLength` characters. The connector API checks
 * it against the unified limit, the Jira adapter against Jira's own.
 */
export function tagProblem(tag: string, maxLength: number): string | null {
  if (tag === "") return "is empty; a tag must be a single word";
  if (/\s/.test(tag)) return "contains a space; a tag must be a single word";
  if (tag.length > maxLength) return `is ${tag.length} characters long; a tag must be at most ${maxLength}`;
  return null;
}
