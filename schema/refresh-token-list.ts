/** The refresh-token list, its filter and its order. */
import { builder, managementField } from "./builder.ts";
import { orderInput, StringFilter, TimeRange, toIdsWhere, toOrderBy, toStringWhere, toTimeWhere } from "./filters.ts";
import { unlessCursorLost } from "./paging.ts";
import { TokenLayerEnum } from "./tokens.ts";

const RefreshTokenFilter = builder.inputType("RefreshTokenFilter", {
  description: "Narrows `refreshTokens`. All given conditions must hold.",
  subGraphs: ["management"],
  fields: (t) => ({
    layer: t.field({ type: TokenLayerEnum, description: "Only objects for this API layer." }),
    memberId: t.idList({ description: "Acts for any of these members (organization tokens)." }),
    accountId: t.idList({ description: "Belongs to an integration of any of these accounts (integration tokens)." }),
    integrationId: t.idList({ description: "Scoped to any of these integrations (integration tokens)." }),
    session: t.boolean({ description: "Only logon sessions (true) or only minted tokens (false)." }),
    name: t.field({ type: StringFilter, description: "Matches the label given at creation." }),
    createdAt: t.field({ type: TimeRange, description: "Created within this range." }),
    expiresAt: t.field({ type: TimeRange, description: "Expires within this range." }),
  }),
});

const RefreshTokenOrder = orderInput("RefreshToken", "refreshTokens", {
  CREATED_AT: "Creation time.",
  EXPIRES_AT: "Expiry time.",
  NAME: "Label given at creation.",
});

function refreshTokenWhere(filter: typeof RefreshTokenFilter.$inferInput | null | undefined) {
  if (!filter) return {};
  return {
    ...(filter.layer && { layer: filter.layer }),
    ...(filter.memberId && { memberId: toIdsWhere(filter.memberId) }),
    ...(filter.accountId && { accountId: toIdsWhere(filter.accountId) }),
    ...(filter.integrationId && { integrationId: toIdsWhere(filter.integrationId) }),
    ...(filter.session != null && { session: filter.session }),
    ...(filter.name && { name: toStringWhere(filter.name) }),
    ...(filter.createdAt && { createdAt: toTimeWhere(filter.createdAt) }),
    ...(filter.expiresAt && { expiresAt: toTimeWhere(filter.expiresAt) }),
  };
}

builder.queryField("refreshTokens", (t) =>
  t.prismaConnection(
    {
      ...managementField("tokens:read"),
      type: "RefreshToken",
      cursor: "id",
      description: "Refresh-token objects of the organization visible to the calling token.",
      args: {
        filter: t.arg({ type: RefreshTokenFilter, description: "Narrows the list." }),
        orderBy: t.arg({ type: RefreshTokenOrder, description: "Sort order; default newest first." }),
      },
      totalCount: (_connection, args, context) => context.db.refreshToken.count({ where: refreshTokenWhere(args.filter) }),
      resolve: (query, _root, args, context) => {
        const orderBy = toOrderBy(args.orderBy, { CREATED_AT: "createdAt", EXPIRES_AT: "expiresAt", NAME: "name" }, { field: "CREATED_AT", direction: "DESC" });
        const page = context.db.refreshToken.findMany({ ...query, where: refreshTokenWhere(args.filter), orderBy });
        return unlessCursorLost(query, args, page, (where) => context.db.refreshToken.count({ where }));
      },
    },
    { subGraphs: ["management"], name: "RefreshTokenConnection", description: "A page of refresh-token objects." },
    { subGraphs: ["management"], name: "RefreshTokenEdge", description: "A refresh-token object in a page." },
  ),
);
