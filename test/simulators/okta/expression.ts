/**
 * Okta's SCIM-style expressions (`search`, `filter`): parse, check against what an endpoint allows, evaluate.
 * Supported: `eq sw co gt ge lt le pr`, `and`/`or`, parentheses, JSON string/number/boolean values.
 * Operators are case-insensitive, attribute names case-sensitive; `ne` and `not` are refused, as Okta does.
 */

export type Node =
  | { kind: "and" | "or"; left: Node; right: Node }
  | { kind: "compare"; path: string; op: string; value: unknown }
  | { kind: "present"; path: string };

/** Which attribute/operator pairs an endpoint accepts, and whether string values match case-insensitively. */
export interface ExpressionPolicy {
  allows(path: string, op: string): boolean;
  caseInsensitive: boolean;
}

const operators = new Set(["eq", "sw", "co", "gt", "ge", "lt", "le"]);

/** The parsed expression, or null when it is malformed or uses what the policy does not allow. */
export function parseExpression(text: string, policy: ExpressionPolicy): Node | null {
  try {
    const tokens = tokenize(text);
    const parser = { tokens, at: 0 };
    const node = parseOr(parser);
    if (parser.at !== tokens.length || !allowed(node, policy)) return null;
    return node;
  } catch {
    return null;
  }
}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const pattern = /\s*(\(|\)|"(?:[^"\\]|\\.)*"|[^\s()]+)/gy;
  let match: RegExpExecArray | null;
  let end = 0;
  while ((match = pattern.exec(text)) !== null) {
    tokens.push(match[1]!);
    end = pattern.lastIndex;
  }
  if (text.slice(end).trim() !== "") throw new Error("unparsed input");
  return tokens;
}

type Parser = { tokens: string[]; at: number };

function parseOr(parser: Parser): Node {
  let node = parseAnd(parser);
  while (parser.tokens[parser.at]?.toLowerCase() === "or") {
    parser.at++;
    node = { kind: "or", left: node, right: parseAnd(parser) };
  }
  return node;
}

function parseAnd(parser: Parser): Node {
  let node = parseTerm(parser);
  while (parser.tokens[parser.at]?.toLowerCase() === "and") {
    parser.at++;
    node = { kind: "and", left: node, right: parseTerm(parser) };
  }
  return node;
}

function parseTerm(parser: Parser): Node {
  const token = parser.tokens[parser.at++];
  if (token === "(") {
    const node = parseOr(parser);
    if (parser.tokens[parser.at++] !== ")") throw new Error("unbalanced");
    return node;
  }
  if (!token || !/^[A-Za-z_][\w.]*$/.test(token)) throw new Error("attribute expected");
  const op = parser.tokens[parser.at++]?.toLowerCase() ?? "";
  if (op === "pr") return { kind: "present", path: token };
  if (!operators.has(op)) throw new Error(`unsupported operator ${op}`);
  return { kind: "compare", path: token, op, value: JSON.parse(parser.tokens[parser.at++] ?? "") as unknown };
}

function allowed(node: Node, policy: ExpressionPolicy): boolean {
  if (node.kind === "present") return policy.allows(node.path, "pr");
  if (node.kind === "compare") return policy.allows(node.path, node.op);
  return allowed(node.left, policy) && allowed(node.right, policy);
}

export function evaluate(node: Node, subject: unknown, policy: ExpressionPolicy): boolean {
  switch (node.kind) {
    case "and":
      return evaluate(node.left, subject, policy) && evaluate(node.right, subject, policy);
    case "or":
      return evaluate(node.left, subject, policy) || evaluate(node.right, subject, policy);
    case "present":
      return resolve(subject, node.path).some((value) => value !== null && value !== undefined && value !== "");
    case "compare":
      // SCIM: an attribute reached through an array matches when any element does.
      return resolve(subject, node.path).some((value) => compare(value, node.op, node.value, policy.caseInsensitive));
  }
}

function resolve(subject: unknown, path: string): unknown[] {
  let values: unknown[] = [subject];
  for (const key of path.split(".")) {
    values = values.flatMap((value) => (Array.isArray(value) ? value : [value])).map((value) => (value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined));
  }
  return values.flatMap((value) => (Array.isArray(value) ? value : [value]));
}

function compare(actual: unknown, op: string, expected: unknown, caseInsensitive: boolean): boolean {
  if (actual === null || actual === undefined) return false;
  if (typeof actual !== "string" || typeof expected !== "string") {
    return op === "eq" ? actual === expected : order(op, Number(actual) - Number(expected));
  }
  const [left, right] = caseInsensitive ? [actual.toLowerCase(), expected.toLowerCase()] : [actual, expected];
  if (op === "eq") return left === right;
  if (op === "sw") return left.startsWith(right);
  if (op === "co") return left.includes(right);
  const times = [Date.parse(actual), Date.parse(expected)];
  const difference = times.every((time) => !Number.isNaN(time)) ? times[0]! - times[1]! : left.localeCompare(right);
  return order(op, difference);
}

function order(op: string, difference: number): boolean {
  if (op === "gt") return difference > 0;
  if (op === "ge") return difference >= 0;
  if (op === "lt") return difference < 0;
  if (op === "le") return difference <= 0;
  return false;
}
