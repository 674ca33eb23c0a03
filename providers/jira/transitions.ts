/** Finds the workflow transition that takes an issue to a named status. */
import { ProviderError } from "../types.ts";
import type { JiraContext } from "./context.ts";
import { type JiraTransition, JiraIssue, JiraTransitions } from "./payloads.ts";

const sameStatus = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The transition whose target status is `status`, or null when the issue already has that status.
 * `ref` is an already validated id or key.
 */
export async function findTransition(context: JiraContext, ref: string, status: string): Promise<JiraTransition | null> {
  const { transitions } = await context.client.read(
    { operation: "ticketing_update_ticket", method: "GET", path: `/issue/${ref}/transitions`, action: "list the issue's transitions", subject: `issue ${ref}` },
    JiraTransitions,
  );
  const available = transitions.filter((transition) => transition.isAvailable !== false);
  const match = available.find((transition) => sameStatus(transition.to.name, status));
  if (match) return match;
  if (sameStatus(await currentStatus(context, ref), status)) return null;
  const reachable = [...new Set(available.map((transition) => transition.to.name))];
  throw new ProviderError(
    "BAD_USER_INPUT",
    reachable.length > 0
      ? `The issue's workflow has no transition to "${status}" from its current status; reachable: ${reachable.join(", ")}`
      : `The issue's workflow has no transition to "${status}" from its current status`,
  );
}

async function currentStatus(context: JiraContext, ref: string): Promise<string> {
  const issue = await context.client.read(
    { operation: "ticketing_update_ticket", method: "GET", path: `/issue/${ref}`, query: { fields: "summary,status,created,updated" }, action: "read the issue's status", subject: `issue ${ref}` },
    JiraIssue,
  );
  return issue.fields.status.name;
}
