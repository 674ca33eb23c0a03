/** Parses the JQL subset the simulator serves: AND/OR/NOT, parentheses, IN, IS EMPTY, comparisons, ORDER BY. */

export type JqlValue = { kind: "string"; value: string } | { kind: "function"; name: string };

export type JqlExpr =
  | { kind: "and" | "or"; left: JqlExpr; right: JqlExpr }
  | { kind: "not"; expr: JqlExpr }
  | { kind: "compare"; field: string; operator: string; values: JqlValue[] }
  | { kind: "empty"; field: string; negated: boolean };

export interface JqlQuery {
  where: JqlExpr | null;
  orderBy: { field: string; direction: "ASC" | "DESC" }[];
}

export class JqlError extends Error {}

type Token = { type: "string" | "word" | "op" | "punct"; text: string };

const keywords = new Set(["AND", "OR", "NOT", "IN", "IS", "EMPTY", "NULL", "ORDER", "BY", "ASC", "DESC"]);

function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s+|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(!=|>=|<=|!~|=|>|<|~)|([(),])|([^\s"'(),=!<>~]+)/gy;
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < jql.length && (match = pattern.exec(jql))) {
    if (match[1] !== undefined || match[2] !== undefined) tokens.push({ type: "string", text: unescape(match[1] ?? match[2]!) });
    else if (match[3]) tokens.push({ type: "op", text: match[3] });
    else if (match[4]) tokens.push({ type: "punct", text: match[4] });
    else if (match[5]) tokens.push({ type: "word", text: match[5] });
  }
  if (pattern.lastIndex < jql.length) throw new JqlError(`Error in the JQL Query: unexpected character at position ${pattern.lastIndex + 1}.`);
  return tokens;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, (_, char: string) => ({ n: "\n", r: "\r", t: "\t" })[char] ?? char);
}

export function parseJql(jql: string): JqlQuery {
  return new JqlParser(tokenize(jql)).query();
}

class JqlParser {
  private position = 0;

  constructor(private readonly tokens: Token[]) {}

  query(): JqlQuery {
    const where = this.position < this.tokens.length && !this.isKeyword("ORDER") ? this.or() : null;
    const orderBy: JqlQuery["orderBy"] = [];
    if (this.isKeyword("ORDER")) {
      this.next();
      this.expect("BY");
      do {
        if (orderBy.length > 0) this.next();
        const field = this.next().text.toLowerCase();
        const direction = this.isKeyword("ASC") || this.isKeyword("DESC") ? (this.next().text.toUpperCase() as "ASC" | "DESC") : "ASC";
        orderBy.push({ field, direction });
      } while (this.peek()?.text === ",");
    }
    if (this.position < this.tokens.length) throw new JqlError(`Error in the JQL Query: unexpected '${this.peek()!.text}'.`);
    return { where, orderBy };
  }

  private or(): JqlExpr {
    let left = this.and();
    while (this.isKeyword("OR")) {
      this.next();
      left = { kind: "or", left, right: this.and() };
    }
    return left;
  }

  private and(): JqlExpr {
    let left = this.unary();
    while (this.isKeyword("AND")) {
      this.next();
      left = { kind: "and", left, right: this.unary() };
    }
    return left;
  }

  private unary(): JqlExpr {
    if (this.isKeyword("NOT")) {
      this.next();
      return { kind: "not", expr: this.unary() };
    }
    if (this.peek()?.text !== "(") return this.clause();
    this.next();
    const inner = this.or();
    this.expect(")");
    return inner;
  }

  private clause(): JqlExpr {
    const field = this.next();
    if (field.type !== "word" && field.type !== "string") throw new JqlError(`Error in the JQL Query: expecting a field but got '${field.text}'.`);
    const name = field.text.toLowerCase();
    if (this.isKeyword("IS")) {
      this.next();
      const negated = this.isKeyword("NOT") ? (this.next(), true) : false;
      if (!this.isKeyword("EMPTY") && !this.isKeyword("NULL")) throw new JqlError("Error in the JQL Query: expecting EMPTY after IS.");
      this.next();
      return { kind: "empty", field: name, negated };
    }
    if (this.isKeyword("NOT") && this.isKeyword("IN", this.tokens[this.position + 1])) {
      this.position += 2;
      return { kind: "compare", field: name, operator: "not in", values: this.list() };
    }
    if (this.isKeyword("IN")) {
      this.next();
      return { kind: "compare", field: name, operator: "in", values: this.list() };
    }
    const operator = this.next();
    if (operator.type !== "op") throw new JqlError(`Error in the JQL Query: expecting an operator but got '${operator.text}'.`);
    return { kind: "compare", field: name, operator: operator.text, values: [this.value()] };
  }

  private list(): JqlValue[] {
    this.expect("(");
    const values = [this.value()];
    while (this.peek()?.text === ",") {
      this.next();
      values.push(this.value());
    }
    this.expect(")");
    return values;
  }

  private value(): JqlValue {
    const token = this.next();
    if (token.type === "string") return { kind: "string", value: token.text };
    if (token.type !== "word" || keywords.has(token.text.toUpperCase())) {
      throw new JqlError(`Error in the JQL Query: expecting a value but got '${token.text}'.`);
    }
    if (this.peek()?.text !== "(") return { kind: "string", value: token.text };
    this.expect("(");
    this.expect(")");
    return { kind: "function", name: token.text };
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private isKeyword(word: string, token = this.peek()): boolean {
    return token?.type === "word" && token.text.toUpperCase() === word;
  }

  private next(): Token {
    const token = this.tokens[this.position++];
    if (!token) throw new JqlError("Error in the JQL Query: the query ended unexpectedly.");
    return token;
  }

  private expect(text: string): void {
    const token = this.next();
    if (token.text.toUpperCase() !== text) throw new JqlError(`Error in the JQL Query: expecting '${text}' but got '${token.text}'.`);
  }
}
