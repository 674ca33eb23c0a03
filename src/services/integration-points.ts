/** Integration points: organization-level governance of integrations (connector, allowed providers per environment). */
import type { Context } from "../context.ts";
import type { Environment, IntegrationPoint } from "../generated/prisma/client.ts";
import { badInput, conflict, notFound } from "../errors.ts";
import { isProviderId, providers } from "../../providers/registry.ts";
import type { ConnectorId } from "../../providers/types.ts";
import { recordAudit } from "./audit.ts";
import { assertDescription, assertSlug, assertText, isUuid } from "./names.ts";
import { assertWholeOrganization } from "./organization-wide.ts";
import { owner } from "./owner.ts";
import { isStillReferenced, mapWriteErrors } from "./prisma-errors.ts";

export type IntegrationPointDecision = { allowed: true } | { allowed: false; reason: string };

/** Whether an integration of `providerId` in an account of `environment` may be created under this point. */
export function decideIntegrationPointAllows(
  point: Pick<IntegrationPoint, "name" | "connector" | "testProviders" | "prodProviders">,
  request: { providerId: string; environment: Environment },
): IntegrationPointDecision {
  if (!isProviderId(request.providerId)) return { allowed: false, reason: `unknown provider ${request.providerId}` };
  const connector = providers[request.providerId].connector;
  if (connector !== point.connector) {
    return { allowed: false, reason: `integration point ${point.name} is for the ${point.connector} connector, not ${connector}` };
  }
  const allowed = request.environment === "PROD" ? point.prodProviders : point.testProviders;
  if (!allowed.includes(request.providerId)) {
    return { allowed: false, reason: `integration point ${point.name} does not allow ${request.providerId} for ${request.environment} accounts` };
  }
  return { allowed: true };
}

/** Every id must name a known provider of the point's connector; duplicates collapse. */
export function validProviders(field: string, connector: string, ids: readonly string[]): string[] {
  if (ids.length > 50) throw badInput(field, "at most 50 providers");
  for (const id of ids) {
    if (!isProviderId(id)) throw badInput(field, `unknown provider ${JSON.stringify(id.slice(0, 64))}`);
    if (providers[id].connector !== connector) throw badInput(field, `${id} is a ${providers[id].connector} provider, not ${connector}`);
  }
  return [...new Set(ids)];
}

/** A point governs integrations of every account: account-restricted tokens may read points but not change them. */
const guard = (context: Context, action: string, resourceId: string | null) =>
  assertWholeOrganization(context, { action, resourceType: "IntegrationPoint", resourceId, reason: "integration points, which apply to every account" });

export interface IntegrationPointChanges {
  name?: string | null;
  fullname?: string | null;
  description?: string | null;
  testProviders?: readonly string[] | null;
  prodProviders?: readonly string[] | null;
}

export async function createIntegrationPoint(context: Context, input: IntegrationPointChanges & { name: string; connector: ConnectorId }) {
  await guard(context, "integration-points.create", null);
  const name = assertSlug("name", input.name);
  const point = await mapWriteErrors("Integration point", () =>
    context.db.integrationPoint.create({
      data: {
        ...owner(context),
        name,
        fullname: assertText("fullname", input.fullname ?? name),
        description: assertDescription("description", input.description ?? "", 2_000),
        connector: input.connector,
        testProviders: validProviders("testProviders", input.connector, input.testProviders ?? []),
        prodProviders: validProviders("prodProviders", input.connector, input.prodProviders ?? []),
      },
    }),
  );
  await recordAudit(context, { action: "integration-points.create", resourceType: "IntegrationPoint", resourceId: point.id });
  return point;
}

async function find(context: Context, id: string): Promise<IntegrationPoint> {
  const point = isUuid(id) ? await context.db.integrationPoint.findUnique({ where: { id } }) : null;
  if (!point) throw notFound("Integration point");
  return point;
}

/** The connector is fixed at creation; provider lists are checked against it. Existing integrations are not re-checked. */
export async function updateIntegrationPoint(context: Context, id: string, input: IntegrationPointChanges) {
  await guard(context, "integration-points.update", id);
  const current = await find(context, id);
  const point = await mapWriteErrors("Integration point", () =>
    context.db.integrationPoint.update({
      where: { id },
      data: {
        ...(input.name != null && { name: assertSlug("name", input.name) }),
        ...(input.fullname != null && { fullname: assertText("fullname", input.fullname) }),
        ...(input.description != null && { description: assertDescription("description", input.description, 2_000) }),
        ...(input.testProviders != null && { testProviders: validProviders("testProviders", current.connector, input.testProviders) }),
        ...(input.prodProviders != null && { prodProviders: validProviders("prodProviders", current.connector, input.prodProviders) }),
      },
    }),
  );
  await recordAudit(context, { action: "integration-points.update", resourceType: "IntegrationPoint", resourceId: id });
  return point;
}

/** Refused while integrations still reference the point (the foreign key restricts the delete). */
export async function deleteIntegrationPoint(context: Context, id: string) {
  await guard(context, "integration-points.delete", id);
  if (!isUuid(id)) throw notFound("Integration point");
  // Connect tokens bound to the point go with it, and fail on their next request.
  const connectTokens = await context.db.refreshToken.findMany({ where: { integrationPointId: id }, select: { id: true } });
  const point = await mapWriteErrors("Integration point", async () => {
    try {
      return await context.db.integrationPoint.delete({ where: { id } });
    } catch (error) {
      if (isStillReferenced(error)) {
        throw conflict("The integration point is still used by integrations; delete them first");
      }
      throw error;
    }
  });
  for (const token of connectTokens) context.services.liveness.invalidate(token.id);
  await recordAudit(context, { action: "integration-points.delete", resourceType: "IntegrationPoint", resourceId: id });
  return point;
}
