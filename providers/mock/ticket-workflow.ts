/** The mock ticket workflow, To Do ⇄ In Progress ⇄ Done, and the status change it allows. Pure. */
import { ProviderError } from "../types.ts";

const transitions: Record<string, string[]> = {
  "To Do": ["In Progress"],
  "In Progress": ["To Do", "Done"],
  Done: ["In Progress"],
};

export const initialTicketStatus = "To Do";

const sameStatus = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The status a ticket in `current` moves to when asked for `target`, spelt as the workflow spells it;
 * null when it already has that status. An unreachable target is refused as the Jira adapter refuses it.
 */
export function decideTicketTransition(current: string, target: string): string | null {
  if (sameStatus(current, target)) return null;
  const reachable = transitions[current] ?? [];
  const match = reachable.find((status) => sameStatus(status, target));
  if (match) return match;
  throw new ProviderError(
    "BAD_USER_INPUT",
    reachable.length > 0
      ? `The issue's workflow has no transition to "${target}" from its current status; reachable: ${reachable.join(", ")}`
      : `The issue's workflow has no transition to "${target}" from its current status`,
  );
}
