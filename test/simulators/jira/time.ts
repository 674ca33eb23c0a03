/** Time in Jira's wire format, and JQL date literals read in the searching user's zone. */

/** `2021-01-17T12:34:00.000+0000`: Jira writes UTC instants with an offset without a colon. */
export function jiraTimestamp(date: Date): string {
  return date.toISOString().replace("Z", "+0000");
}

export function parseJiraTimestamp(value: unknown): number {
  if (typeof value !== "string") return Number.NaN;
  return Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));
}

/** `yyyy-MM-dd[ HH:mm]` or `yyyy/MM/dd[ HH:mm]` as wall-clock time in `timeZone`; NaN when malformed. */
export function parseJqlDate(literal: string, timeZone: string): number {
  const match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?: (\d{1,2}):(\d{2}))?$/.exec(literal.trim());
  if (!match) return Number.NaN;
  const [year, month, day, hour, minute] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number];
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const first = guess - zoneOffset(guess, timeZone);
  const second = guess - zoneOffset(first, timeZone);
  return second;
}

/** `-3650d`, `-2w`, `4h`, `-30m` relative to now, as JQL allows. */
export function parseRelativeDate(literal: string, now: Date): number {
  const match = /^([+-]?\d+)([wdhm])$/.exec(literal.trim());
  if (!match) return Number.NaN;
  const unit = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000 }[match[2] as "w" | "d" | "h" | "m"];
  return now.getTime() + Number(match[1]) * unit;
}

function zoneOffset(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wall - Math.floor(instant / 1000) * 1000;
}
