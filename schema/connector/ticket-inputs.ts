/**
 * The rules ticket and comment inputs meet before any ticketing provider is called, each refusal a
 * BAD_USER_INPUT naming its input field, as a provider's refusal names it (see `details.field`).
 */
import { badInput } from "../../src/errors.ts";
import { tagProblem } from "../../providers/unified/tags.ts";

const summaryMaxLength = 255;
const richTextMaxLength = 32_000;
const tagMaxLength = 255;

const lineBreak = /[\n\r\u0085\u2028\u2029]/;

/** A summary is one line of text, as in Jira, which also refuses a blank one. */
export function checkSummary(value: string): string {
  if (value.trim() === "") throw badInput("summary", "must not be empty or only spaces");
  if (lineBreak.test(value)) throw badInput("summary", "must be one line of text, without line breaks");
  if (value.length > summaryMaxLength) throw badInput("summary", `must be at most ${summaryMaxLength} characters`);
  return value;
}

export function checkDescription<T extends string | null | undefined>(value: T): T {
  if (typeof value === "string" && value.length > richTextMaxLength) throw badInput("description", `must be at most ${richTextMaxLength} characters`);
  return value;
}

/** Blank Markdown becomes an empty document, which Jira refuses as a comment. */
export function checkCommentBody(value: string): string {
  if (value.trim() === "") throw badInput("body", "must not be empty or only spaces");
  if (value.length > richTextMaxLength) throw badInput("body", `must be at most ${richTextMaxLength} characters`);
  return value;
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` naming a day the calendar has (no 2024-13-45, no 2023-02-29). */
function isCalendarDate(value: string): boolean {
  const parts = isoDate.exec(value);
  if (!parts) return false;
  const [year, month, day] = parts.slice(1).map(Number) as [number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function checkDueDate<T extends string | null | undefined>(value: T): T {
  if (typeof value === "string" && !isCalendarDate(value)) throw badInput("dueDate", "must be a calendar date, YYYY-MM-DD");
  return value;
}

/** Tags are Jira labels: single words of at most 255 characters, never empty. */
export function checkTags<T extends readonly string[] | null | undefined>(tags: T): T {
  for (const [index, tag] of (tags ?? []).entries()) {
    const problem = tagProblem(tag, tagMaxLength);
    if (problem) throw badInput("tags", `tag ${index + 1} ${problem}`);
  }
  return tags;
}

/**
 * On an update, null clears a field; a ticket always has a summary and a status, so null is refused
 * for them rather than read as "unchanged", which only omitting the field means.
 */
export function checkNotCleared<T>(field: "summary" | "status", value: T | null): T {
  if (value === null) throw badInput(field, `cannot be cleared, every ticket has a ${field}; omit ${field} to leave it unchanged`);
  return value;
}

/** On an update, null would read as "clear every custom field", which no provider does: each is cleared by giving it null. */
export function checkCustomFieldChanges(value: unknown): Record<string, unknown> {
  if (value === null) {
    throw badInput("customFields", 'cannot be null; clear a custom field by giving it null, e.g. { "customfield_10016": null }, or omit customFields to leave them unchanged');
  }
  return checkCustomFields(value) ?? {};
}

/** The JSON scalar takes any value; custom fields must be an object of field id to value. */
export function checkCustomFields(value: unknown): Record<string, unknown> | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== "object" || Array.isArray(value)) {
    throw badInput("customFields", 'must be an object of custom field id to value, e.g. { "customfield_10016": 3 }');
  }
  return value as Record<string, unknown>;
}
