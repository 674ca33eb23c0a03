/** Evaluates parsed JQL against simulator issues, and sorts them for ORDER BY. */
import { JqlError, type JqlExpr, type JqlQuery, type JqlValue } from "./jql-parse.ts";
import type { Json, JiraSimState, SimIssue } from "./state.ts";
import { parseJiraTimestamp, parseJqlDate, parseRelativeDate } from "./time.ts";

type Accessor = (issue: SimIssue) => string[];

const named = (field: string): Accessor => (issue) => {
  const value = issue.fields[field] as Json | null | undefined;
  return value ? [value.name, value.id, value.key].filter((part): part is string => typeof part === "string") : [];
};
const account = (field: string): Accessor => (issue) => {
  const user = issue.fields[field] as Json | null | undefined;
  return typeof user?.accountId === "string" ? [user.accountId] : [];
};

const accessors: Record<string, Accessor> = {
  project: named("project"),
  status: named("status"),
  priority: named("priority"),
  issuetype: named("issuetype"),
  type: named("issuetype"),
  parent: named("parent"),
  assignee: account("assignee"),
  reporter: account("reporter"),
  creator: account("creator"),
  labels: (issue) => (issue.fields.labels as string[] | null) ?? [],
  key: (issue) => [issue.key, issue.id],
  issuekey: (issue) => [issue.key, issue.id],
  id: (issue) => [issue.id],
  summary: (issue) => [String(issue.fields.summary ?? "")],
};

const dateFields = new Set(["created", "updated", "duedate"]);

/** A predicate for the WHERE clause; throws JqlError for fields or values Jira would reject. */
export function compileWhere(expr: JqlExpr, state: JiraSimState): (issue: SimIssue) => boolean {
  switch (expr.kind) {
    case "and": {
      const [left, right] = [compileWhere(expr.left, state), compileWhere(expr.right, state)];
      return (issue) => left(issue) && right(issue);
    }
    case "or": {
      const [left, right] = [compileWhere(expr.left, state), compileWhere(expr.right, state)];
      return (issue) => left(issue) || right(issue);
    }
    case "not": {
      const inner = compileWhere(expr.expr, state);
      return (issue) => !inner(issue);
    }
    case "empty": {
      const read = dateFields.has(expr.field) ? (issue: SimIssue) => (issue.fields[expr.field] ? ["x"] : []) : accessor(expr.field);
      return (issue) => (read(issue).length === 0) !== expr.negated;
    }
    case "compare":
      return dateFields.has(expr.field) ? compileDate(expr, state) : compileText(expr, state);
  }
}

function accessor(field: string): Accessor {
  const found = accessors[field] ?? (field.startsWith("cf[") || field.startsWith("customfield_") ? customAccessor(field) : undefined);
  if (!found) throw new JqlError(`Field '${field}' does not exist or you do not have permission to view it.`);
  return found;
}

function customAccessor(field: string): Accessor {
  const id = field.startsWith("cf[") ? `customfield_${field.slice(3, -1)}` : field;
  return (issue) => {
    const value = issue.fields[id];
    if (value === null || value === undefined) return [];
    return [typeof value === "object" ? String((value as Json).value ?? "") : String(value)];
  };
}

function resolveValue(value: JqlValue, state: JiraSimState): string {
  if (value.kind === "string") return value.value;
  if (value.name.toLowerCase() === "currentuser") return state.currentUser.accountId;
  throw new JqlError(`Error in the JQL Query: the function '${value.name}' is not supported.`);
}

function compileText(expr: Extract<JqlExpr, { kind: "compare" }>, state: JiraSimState): (issue: SimIssue) => boolean {
  const read = accessor(expr.field);
  const wanted = expr.values.map((value) => resolveValue(value, state).toLowerCase());
  const has = (issue: SimIssue) => read(issue).some((actual) => wanted.includes(actual.toLowerCase()));
  switch (expr.operator) {
    case "=":
    case "in":
      return has;
    case "!=":
    case "not in":
      return (issue) => !has(issue);
    case "~":
      return (issue) => read(issue).some((actual) => actual.toLowerCase().includes(wanted[0] ?? ""));
    default:
      throw new JqlError(`Error in the JQL Query: the operator '${expr.operator}' is not supported for the field '${expr.field}'.`);
  }
}

function compileDate(expr: Extract<JqlExpr, { kind: "compare" }>, state: JiraSimState): (issue: SimIssue) => boolean {
  const literal = resolveValue(expr.values[0]!, state);
  const bound = /^[+-]?\d+[wdhm]$/.test(literal) ? parseRelativeDate(literal, state.now()) : parseJqlDate(literal, state.currentUser.timeZone);
  if (Number.isNaN(bound) || expr.values.length !== 1) {
    throw new JqlError(`Date value '${literal}' for field '${expr.field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`);
  }
  const test: Record<string, (actual: number) => boolean> = {
    "=": (actual) => actual === bound,
    "!=": (actual) => actual !== bound,
    ">": (actual) => actual > bound,
    ">=": (actual) => actual >= bound,
    "<": (actual) => actual < bound,
    "<=": (actual) => actual <= bound,
  };
  const compare = test[expr.operator];
  if (!compare) throw new JqlError(`Error in the JQL Query: the operator '${expr.operator}' is not supported for dates.`);
  return (issue) => {
    const actual = dateValue(issue, expr.field);
    return actual !== null && compare(actual);
  };
}

function dateValue(issue: SimIssue, field: string): number | null {
  const raw = issue.fields[field];
  if (typeof raw !== "string") return null;
  return field === "duedate" ? Date.parse(`${raw}T00:00:00Z`) : parseJiraTimestamp(raw);
}

/** Sorts for ORDER BY; empty values sort last, as in Jira. Without ORDER BY, newest issues first. */
export function sortIssues(issues: SimIssue[], orderBy: JqlQuery["orderBy"], state: JiraSimState): SimIssue[] {
  const keys = orderBy.length > 0 ? orderBy : [{ field: "key", direction: "DESC" as const }];
  const rankOf = (issue: SimIssue, field: string): number | string | null => {
    if (dateFields.has(field)) return dateValue(issue, field);
    if (field === "priority") {
      const name = (issue.fields.priority as Json | null)?.name;
      const index = state.workflow.priorities.findIndex((priority) => priority.name === name);
      return index < 0 ? null : state.workflow.priorities.length - index;
    }
    if (field === "id") return Number(issue.id);
    if (field === "key" || field === "issuekey") {
      const [project = "", number = "0"] = issue.key.split("-");
      return `${project.padEnd(12)}${number.padStart(12, "0")}`;
    }
    return accessor(field)(issue)[0]?.toLowerCase() ?? null;
  };
  return [...issues].sort((a, b) => {
    for (const { field, direction } of keys) {
      const [x, y] = [rankOf(a, field), rankOf(b, field)];
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      const order = x < y ? -1 : 1;
      return direction === "ASC" ? order : -order;
    }
    return 0;
  });
}
