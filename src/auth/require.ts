/** First-line checks for services, which may be reached from outside GraphQL's scopes too. */
import type { Context } from "../context.ts";
import { forbidden, unauthenticated } from "../errors.ts";
import type { IntegrationViewer, OrganizationViewer } from "./viewer.ts";

export function asOrganization(context: Context): Context & { viewer: OrganizationViewer } {
  if (context.viewer.kind === "organization") return context as Context & { viewer: OrganizationViewer };
  throw context.viewer.kind === "anonymous" ? unauthenticated() : forbidden("An organization token is required");
}

export function asIntegration(context: Context): Context & { viewer: IntegrationViewer } {
  if (context.viewer.kind === "integration") return context as Context & { viewer: IntegrationViewer };
  throw context.viewer.kind === "anonymous" ? unauthenticated() : forbidden("An integration token is required");
}
