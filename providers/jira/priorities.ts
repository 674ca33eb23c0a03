/** Jira's default priority scheme mapped to unified priorities, both ways. */
import type { TicketPriority } from "../types.ts";

export const jiraPriorityNames = {
  URGENT: "Highest",
  HIGH: "High",
  MEDIUM: "Medium",
  LOW: "Low",
  PLANNING: "Lowest",
} as const satisfies Record<TicketPriority, string>;

const byJiraName = new Map(
  Object.entries(jiraPriorityNames).map(([unified, jira]) => [jira.toLowerCase(), unified as TicketPriority]),
);

/** Custom priority names outside the default scheme have no unified meaning, so they map to null. */
export function toTicketPriority(jiraName: string | null | undefined): TicketPriority | null {
  return byJiraName.get(jiraName?.trim().toLowerCase() ?? "") ?? null;
}
