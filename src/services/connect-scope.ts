/**
 * Connect tokens (`integrations:connect` without `integrations:write`) are handed to end users on a
 * Connect page: they create and verify integrations of their one account under their one
 * integration point, and change nothing else. The point is bound when the token is minted.
 */
import type { OrganizationViewer } from "../auth/viewer.ts";
import { badInput, forbidden } from "../errors.ts";

const connectsOnly = (viewer: OrganizationViewer) => !viewer.permissions.has("integrations:write");

/** The integration point a create or verify by this caller must go under; null when the caller may choose freely. */
export function requiredIntegrationPoint(viewer: OrganizationViewer, requested: string | null | undefined): string | null {
  if (!connectsOnly(viewer)) return requested ?? null;
  if (!viewer.integrationPointId) throw forbidden("This token may connect integrations only under an integration point, and names none");
  if (requested && requested !== viewer.integrationPointId) throw badInput("integrationPointId", "a connect token creates integrations only under its own integration point");
  return viewer.integrationPointId;
}
