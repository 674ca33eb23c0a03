/**
 * The one place tenant isolation is enforced in data access. A scoped client adds the caller's
 * tenant, organization and (for account-restricted tokens) account ids to every read, update and
 * delete, and stamps tenant and organization on every create. Resolvers and services only ever see
 * a scoped client, so none of them can forget the filter.
 */
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";

export interface TenantScope {
  tenantId: string;
  organizationId: string;
  /** Null: every account of the organization. Otherwise only these accounts' rows are visible. */
  accountIds: readonly string[] | null;
  /** The member an account-restricted organization token acts for; it keeps its own refresh tokens in view (see `heldRefreshTokenIds`). */
  memberId?: string | null;
}

/** Models whose rows belong to one account through an `accountId` column (or are the account). */
const accountColumn: Partial<Record<string, "id" | "accountId">> = {
  Account: "id",
  Integration: "accountId",
  Credential: "accountId",
  RefreshToken: "accountId",
  AuditEvent: "accountId",
  IntegrationStatus: "accountId",
  StatusEvent: "accountId",
};

const whereOperations = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
  "upsert",
]);
const createOperations = new Set(["create", "createMany", "createManyAndReturn", "upsert"]);

/**
 * Refresh-token objects of an account-restricted scope. Connector tokens belong to an account and
 * follow the account rule. Management tokens belong to no account, so that rule alone would hide
 * even the caller's own session. A restricted scope therefore also holds the management tokens of
 * its own member whose restriction lies wholly within its accounts: its own session or token, the
 * tokens minted from it, and its member's others of no wider reach. Never another member's token,
 * an unrestricted one, or one that names an account outside the scope.
 */
function holds(scope: TenantScope, row: { memberId?: string | null; accountRestricted?: boolean; accountIds?: readonly string[] }): boolean {
  if (!scope.accountIds || !scope.memberId || row.memberId !== scope.memberId || !row.accountRestricted) return false;
  return (row.accountIds ?? []).every((id) => scope.accountIds?.includes(id));
}

/**
 * The ids of the management refresh tokens a restricted scope holds. Prisma cannot say "this array
 * lies within that one", so the member's restricted tokens are read and checked here.
 */
async function heldRefreshTokenIds(base: PrismaClient, scope: TenantScope): Promise<string[]> {
  if (!scope.accountIds || !scope.memberId) return [];
  const candidates = await base.refreshToken.findMany({
    where: { tenantId: scope.tenantId, organizationId: scope.organizationId, accountId: null, memberId: scope.memberId, accountRestricted: true },
    select: { id: true, memberId: true, accountRestricted: true, accountIds: true },
  });
  return candidates.filter((row) => holds(scope, row)).map((row) => row.id);
}

/** `heldTokenIds`: for `RefreshToken` under an account restriction, the management tokens the scope holds. */
export function scopeFilter(model: string, scope: TenantScope, heldTokenIds: readonly string[] = []): Record<string, unknown> {
  if (model === "Organization") {
    return { tenantId: scope.tenantId, OR: [{ id: scope.organizationId }, { parentId: scope.organizationId }] };
  }
  const filter: Record<string, unknown> = { tenantId: scope.tenantId, organizationId: scope.organizationId };
  const column = accountColumn[model];
  if (!column || !scope.accountIds) return filter;
  const ofAccounts = { [column]: { in: [...scope.accountIds] } };
  if (model === "RefreshToken") return { ...filter, OR: [ofAccounts, { id: { in: [...heldTokenIds] } }] };
  return { ...filter, ...ofAccounts };
}

/** The in-memory twin of `scopeFilter`: whether a row read earlier is one this scope can see. */
export function withinScope(
  model: string,
  scope: TenantScope,
  row: { tenantId: string; organizationId?: string; id?: string; accountId?: string | null; parentId?: string | null; memberId?: string | null; accountRestricted?: boolean; accountIds?: readonly string[] },
): boolean {
  if (row.tenantId !== scope.tenantId) return false;
  if (model === "Organization") return row.id === scope.organizationId || row.parentId === scope.organizationId;
  if (row.organizationId !== scope.organizationId) return false;
  const column = accountColumn[model];
  if (!column || !scope.accountIds) return true;
  if (model === "RefreshToken" && row.accountId == null) return holds(scope, row);
  const accountId = column === "id" ? row.id : row.accountId;
  return typeof accountId === "string" && scope.accountIds.includes(accountId);
}

function stamp(model: string, data: Record<string, unknown>, scope: TenantScope): Record<string, unknown> {
  if (model === "Organization") return { ...data, tenantId: scope.tenantId };
  const column = accountColumn[model];
  // A null accountId marks a row that belongs to no account (an organization token, say).
  if (column === "accountId" && scope.accountIds && data.accountId != null && !scope.accountIds.includes(String(data.accountId))) {
    // Defence in depth: services check this first and answer NOT_FOUND.
    throw new Error(`refusing to write ${model} outside the caller's accounts`);
  }
  return { ...data, tenantId: scope.tenantId, organizationId: scope.organizationId };
}

type Args = Record<string, unknown> & { where?: Record<string, unknown>; data?: unknown; create?: Record<string, unknown>; cursor?: Record<string, unknown> };

/**
 * Prisma finds a cursor's row by the cursor's fields alone, outside `where`, and positions the
 * page on that row's sort values: another scope's row would position this scope's page, telling
 * where its values fall. The cursor takes the scope's columns, which Prisma accepts only as plain
 * values; `exact` is false when those cannot say all of the scope (several accounts, an
 * organization's sub-organizations), and the cursor's row is then checked first (see `run`).
 */
function cursorScope(model: string, scope: TenantScope): { equal: Record<string, string>; exact: boolean } {
  if (model === "Organization") return { equal: { tenantId: scope.tenantId }, exact: false };
  const equal: Record<string, string> = { tenantId: scope.tenantId, organizationId: scope.organizationId };
  const column = accountColumn[model];
  if (!column || !scope.accountIds) return { equal, exact: true };
  const [only, ...others] = scope.accountIds;
  // An account's own id is the cursor's field: its equality would replace the cursor, not narrow it.
  if (only === undefined || others.length > 0 || model === "RefreshToken" || column === "id") return { equal, exact: false };
  return { equal: { ...equal, [column]: only }, exact: true };
}

export function applyScope(model: string, operation: string, args: Args, scope: TenantScope, heldTokenIds: readonly string[] = []): Args {
  const next: Args = { ...args };
  if (whereOperations.has(operation)) {
    const where = next.where ?? {};
    const existing = where.AND === undefined ? [] : Array.isArray(where.AND) ? where.AND : [where.AND];
    next.where = { ...where, AND: [...existing, scopeFilter(model, scope, heldTokenIds)] };
    if (next.cursor) next.cursor = { ...next.cursor, ...cursorScope(model, scope).equal };
  }
  if (createOperations.has(operation)) {
    if (operation === "upsert") next.create = stamp(model, next.create ?? {}, scope);
    else if (Array.isArray(next.data)) next.data = next.data.map((row: Record<string, unknown>) => stamp(model, row, scope));
    else next.data = stamp(model, (next.data ?? {}) as Record<string, unknown>, scope);
  }
  return next;
}

const readOperations = new Set(["findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow", "findMany", "count", "aggregate", "groupBy"]);
const operations = new Set([...whereOperations, ...createOperations]);

/** Client property (`integration`) → model name (`Integration`), for every model. */
const modelOfDelegate = new Map(Object.values(Prisma.ModelName).map((model) => [`${model[0]?.toLowerCase()}${model.slice(1)}`, model]));

type Delegate = Record<string, (args?: unknown) => Promise<unknown>>;

/**
 * A client that can only see and write the rows of one scope. `onWrite` hears of every write it
 * made: after the statement, so caches dropped then are not refilled with the row before it, and
 * again after the commit of an interactive transaction the write was part of, since a read between
 * the statement and the commit still sees the old row.
 *
 * The scope wraps each model's operations rather than using a Prisma query extension: a client
 * with any extension walks every row of every result looking for computed fields (profiled: ~8 %
 * of a nested 500-row list's CPU), though this one computes none.
 */
export function createScopedClient(base: PrismaClient, scope: TenantScope, onWrite?: (model: string) => void): PrismaClient {
  let writes = 0;
  const lastWrite = new Map<string, number>();

  const run = async (delegate: Delegate, model: string, operation: string, args: unknown) => {
    const held = model === "RefreshToken" && whereOperations.has(operation) ? await heldRefreshTokenIds(base, scope) : [];
    const scoped = applyScope(model, operation, (args ?? {}) as Args, scope, held);
    // A cursor's row outside the scope names no row of it: the page Prisma gives for a cursor that names none.
    if (operation === "findMany" && scoped.cursor && !cursorScope(model, scope).exact && (await delegate.count?.({ where: { AND: [scoped.cursor, scopeFilter(model, scope, held)] } })) === 0) return [];
    const result = await delegate[operation]?.(scoped);
    if (onWrite && !readOperations.has(operation)) {
      lastWrite.set(model, ++writes);
      onWrite(model);
    }
    return result;
  };

  const scopeDelegate = (delegate: Delegate, model: string) =>
    new Proxy(delegate, {
      get: (target, key) => (typeof key === "string" && operations.has(key) ? (args?: unknown) => run(target, model, key, args) : Reflect.get(target, key, target)),
    });

  // Writes overlapping the transaction but outside it are reported again too: a spare drop, never a missed one.
  const reportingTransaction = async (...args: unknown[]) => {
    const before = writes;
    const [body, ...options] = args;
    // An interactive transaction hands its body a client of its own, which must be scoped too.
    const scopedBody = typeof body === "function" ? (tx: PrismaClient) => (body as (tx: PrismaClient) => unknown)(scopeClient(tx, false)) : body;
    const result = await (base.$transaction as (...args: unknown[]) => Promise<unknown>)(scopedBody, ...options);
    if (onWrite) for (const [model, at] of lastWrite) if (at > before) onWrite(model);
    return result;
  };

  function scopeClient(client: PrismaClient, outermost: boolean): PrismaClient {
    const delegates = new Map<string, Delegate>();
    return new Proxy(client, {
      get(target, key) {
        if (key === "$transaction" && outermost) return reportingTransaction;
        if (key === "$extends") throw new Error("a scoped client cannot be extended: the extension would not be scoped");
        const model = typeof key === "string" ? modelOfDelegate.get(key) : undefined;
        if (!model) return Reflect.get(target, key, target);
        let delegate = delegates.get(model);
        if (!delegate) {
          delegate = scopeDelegate(Reflect.get(target, key, target) as Delegate, model);
          delegates.set(model, delegate);
        }
        return delegate;
      },
    });
  }

  return scopeClient(base, true);
}
