/** The rules for names and identifiers: lower-case slugs, printable text, email addresses, UUIDs. */
import { z } from "zod";
import { badInput } from "../errors.ts";

const slug = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export function assertSlug(field: string, value: string): string {
  if (!slug.test(value)) {
    throw badInput(field, "must be 1-64 lower-case letters, digits or hyphens, starting and ending with a letter or digit");
  }
  return value;
}

/** Characters that reorder how text around them is shown: a name holding one can pass for another (`Trojan Source`). */
const bidiControls = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** Something a reader can see: not a space, not a format character such as U+200B ZERO WIDTH SPACE. */
const visible = /[^\p{White_Space}\p{Cf}]/u;

/** Free text that may be empty (a description): printable, no bidirectional controls, within `max` UTF-16 units. */
export function assertDescription(field: string, value: string, max: number): string {
  if (value.length > max || /\p{Cc}/u.test(value) || /[\ud800-\udfff]/.test(value.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ""))) {
    throw badInput(field, `must be at most ${max} characters of printable text`);
  }
  if (bidiControls.test(value)) throw badInput(field, "must not contain bidirectional control characters");
  if (value !== "" && !visible.test(value)) throw badInput(field, "must contain a visible character, not only spaces or invisible ones");
  return value;
}

/** A display name: what `assertDescription` accepts, but never empty. */
export function assertText(field: string, value: string, max = 256): string {
  if (value === "") throw badInput(field, "must not be empty");
  return assertDescription(field, value, max);
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else cannot name a row, so it answers like an unknown id. */
export const isUuid = (value: string) => uuid.test(value);

/** zod's well-kept address rule (printable ASCII local part, a dotted domain), within SMTP's 254-character limit. */
const email = z.email().max(254);

/** Emails are compared lower-cased and trimmed, as logon does. */
export function assertEmail(field: string, value: string): string {
  const normalised = value.trim().toLowerCase();
  if (!email.safeParse(normalised).success) throw badInput(field, "must be an email address such as name@example.com");
  return normalised;
}
