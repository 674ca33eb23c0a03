/** The Pothos builder: plugins, scalars, auth scopes and sub-graphs. Configuration only; types live beside it. */
import SchemaBuilder from "@pothos/core";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import SimpleObjectsPlugin from "@pothos/plugin-simple-objects";
import SubGraphPlugin from "@pothos/plugin-sub-graph";
import { DateTimeResolver, JSONResolver } from "graphql-scalars";
import type { ConnectorId } from "../providers/types.ts";
import type { Permission } from "../src/auth/permissions.ts";
import type { IntegrationViewer, OrganizationViewer } from "../src/auth/viewer.ts";
import type { Context } from "../src/context.ts";
import { forbidden, unauthenticated } from "../src/errors.ts";
import type PrismaTypes from "../src/generated/pothos-prisma-types.ts";
import { getDatamodel } from "../src/generated/pothos-prisma-types.ts";
import PageSizePlugin from "./page-size-plugin.ts";
import { checkedPageSize } from "./paging.ts";

export type SubGraph = "management" | "connector";

/** What each auth scope means for one context (scope-auth calls the methods bound to the instance). */
class ScopeChecks {
  readonly public = true;
  readonly managementToken: boolean;
  readonly integrationToken: boolean;

  constructor(private readonly context: Context) {
    this.managementToken = context.viewer.kind === "organization";
    this.integrationToken = context.viewer.kind === "integration";
  }

  permission(permission: Permission): boolean {
    const { viewer } = this.context;
    return viewer.kind === "organization" && viewer.permissions.has(permission);
  }

  anyPermission(permissions: readonly Permission[]): boolean {
    return permissions.some((permission) => this.permission(permission));
  }

  async connector(connector: ConnectorId): Promise<boolean> {
    const { viewer, loaders } = this.context;
    if (viewer.kind !== "integration") return false;
    const integration = await loaders.integration.load(viewer.integrationId);
    return integration?.connector === connector;
  }
}

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  SubGraphs: SubGraph;
  DefaultFieldNullability: false;
  /** A nested connection's `query` may look its cursor up first (see `afterCursorCheck`). */
  AsyncSelections: true;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    JSON: { Input: unknown; Output: unknown };
  };
  AuthScopes: {
    /** Open to anyone, e.g. `logon`. */
    public: boolean;
    /** Any management-layer (organization) token. */
    managementToken: boolean;
    /** A management-layer (organization) token holding this permission. */
    permission: Permission;
    /** A management-layer (organization) token holding any of these permissions. */
    anyPermission: readonly Permission[];
    /** A connector-layer (integration) token whose integration is of this connector. */
    connector: ConnectorId;
    /** Any connector-layer (integration) token. */
    integrationToken: boolean;
  };
  AuthContexts: {
    managementToken: Context & { viewer: OrganizationViewer };
    permission: Context & { viewer: OrganizationViewer };
    anyPermission: Context & { viewer: OrganizationViewer };
    connector: Context & { viewer: IntegrationViewer };
  };
}>({
  plugins: [ScopeAuthPlugin, PrismaPlugin, RelayPlugin, SimpleObjectsPlugin, SubGraphPlugin, PageSizePlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authorizeOnSubscribe: true,
    runScopesOnType: true,
    authScopes: (context) => new ScopeChecks(context),
    unauthorizedError: (_parent, context, info) => {
      if (context.viewer.kind === "anonymous") return unauthenticated(`Authentication required for ${info.parentType.name}.${info.fieldName}`);
      return forbidden(`Not allowed to resolve ${info.parentType.name}.${info.fieldName} with this token`);
    },
  },
  prisma: {
    client: (context) => context.db,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    onUnusedQuery: null,
    defaultConnectionSize: 50,
    // Typed as a number here, but Pothos calls a function with each connection's arguments, as it
    // does a field's own `maxSize`: the one place every Prisma connection passes through.
    maxConnectionSize: checkedPageSize as unknown as number,
  },
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    pageInfoTypeOptions: { subGraphs: ["management", "connector"], description: "Where a page sits in its list." },
    edgesFieldOptions: { description: "The items of this page, each with its cursor." },
    nodeFieldOptions: { description: "The item." },
    cursorFieldOptions: { description: "Opaque cursor: pass it as `after` to continue after this item." },
    pageInfoFieldOptions: { description: "Where this page sits in the list." },
    hasNextPageFieldOptions: { description: "Whether more items follow this page." },
    hasPreviousPageFieldOptions: { description: "Whether items precede this page." },
    startCursorFieldOptions: { description: "Cursor of the first item of this page." },
    endCursorFieldOptions: { description: "Cursor of the last item of this page: pass it as `after` for the next page." },
    firstArgOptions: { description: "Items per page, counted from the start (default 50, at most 100)." },
    afterArgOptions: { description: "Continue after the item with this cursor." },
    lastArgOptions: { description: "Items per page, counted from the end (at most 100; not together with `first`; not on connector lists)." },
    beforeArgOptions: { description: "Continue before the item with this cursor (not on connector lists)." },
  },
  subGraphs: {
    defaultForTypes: [],
    fieldsInheritFromTypes: true,
  },
});

builder.addScalarType("DateTime", DateTimeResolver, {
  subGraphs: ["management", "connector"],
  description: "An instant in time, written as an ISO 8601 / RFC 3339 string in UTC.",
});
builder.addScalarType("JSON", JSONResolver, {
  subGraphs: ["management", "connector"],
  description: "Arbitrary JSON, used for providers' raw payloads and free-form settings.",
});

builder.queryType({
  description: "Entry points for reading. Management fields need an organization token; connector fields an integration token.",
  subGraphs: ["management", "connector"],
  defaultSubGraphsForFields: [],
});
builder.subscriptionType({
  description: "Live updates over graphql-ws or Server-Sent Events. Authorization is checked at the start and again for every event.",
  subGraphs: ["management", "connector"],
  defaultSubGraphsForFields: [],
});
builder.mutationType({
  description: "Entry points for changing things. Every management mutation is audited.",
  subGraphs: ["management", "connector"],
  defaultSubGraphsForFields: [],
});

/*
 * The types management lists return by the hundred (Account, Integration, IntegrationStatus) use
 * the Prisma plugin's select mode, so a list query reads only the columns its selection needs. In
 * that mode every exposed column is resolved through the plugin's per-row bookkeeping, which took
 * back much of what the narrower rows saved (profiled: ~10 % of a 100-row list's CPU). So the light
 * columns nearly every query reads are selected with the type and read straight off the row
 * (`resolve: (row) => row.name`), and only the rest are exposed. Type-level `authScopes` run once per object (`runScopesOnType`), not once per field.
 */

/** Field options for a management-layer field guarded by one permission. */
export const managementField = (permission: Permission) => ({
  subGraphs: ["management"] satisfies SubGraph[] as SubGraph[],
  authScopes: { permission },
});

/** Field options for a connector-layer field served by integrations of one connector. */
export const connectorField = (connector: ConnectorId) => ({
  subGraphs: ["connector"] satisfies SubGraph[] as SubGraph[],
  authScopes: { connector },
});
