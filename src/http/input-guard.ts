/**
 * One check over every input value of an operation, variables and literals alike, before anything
 * executes: no NUL characters (PostgreSQL refuses them in text and JSON), no lone surrogates (they
 * would be stored as U+FFFD, silently changed), and bounded string lengths, list and object sizes
 * and nesting. Field-specific rules (slugs, 256-character text) stay in the services.
 */
import { Kind, visit, type DocumentNode, type ValueNode } from "graphql";
import type { Plugin } from "graphql-yoga";
import { userError } from "../errors.ts";

export interface InputLimits {
  maxStringLength: number;
  /** Items in a list, and entries in a JSON object. */
  maxListLength: number;
  /** Nesting of lists and objects inside one argument or variable. */
  maxDepth: number;
}

type Path = (string | number)[];

interface Problem {
  path: Path;
  reason: string;
  /** The field to name, when the path's own nearest name is not it (a variable's, say). */
  field?: string;
}

// With the `u` flag a well-formed pair is one code point, so only lone surrogates match.
const loneSurrogate = /\p{Cs}/u;

function stringProblem(value: string, limits: InputLimits): string | null {
  if (value.length > limits.maxStringLength) return `must be at most ${limits.maxStringLength} characters`;
  if (value.includes("\u0000")) return "must not contain NUL characters";
  if (loneSurrogate.test(value)) return "must be valid Unicode (it contains a lone surrogate)";
  return null;
}

/** Walks a plain value (variables, JSON); stops at the first problem. */
function valueProblem(value: unknown, path: Path, limits: InputLimits): Problem | null {
  if (typeof value === "string") {
    const reason = stringProblem(value, limits);
    return reason ? { path, reason } : null;
  }
  if (value === null || typeof value !== "object") return null;
  if (path.length > limits.maxDepth) return { path, reason: `is nested more than ${limits.maxDepth} levels deep` };
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  if (entries.length > limits.maxListLength) return { path, reason: `must have at most ${limits.maxListLength} ${Array.isArray(value) ? "items" : "entries"}` };
  for (const [key, item] of entries) {
    const keyReason = typeof key === "string" ? stringProblem(key, limits) : null;
    if (keyReason) return { path: [...path, key], reason: `has a key that ${keyReason}` };
    const problem = valueProblem(item, [...path, key], limits);
    if (problem) return problem;
  }
  return null;
}

/** Walks a literal written in the document (variables are checked by value). */
function literalProblem(node: ValueNode, path: Path, limits: InputLimits): Problem | null {
  switch (node.kind) {
    case Kind.STRING: {
      const reason = stringProblem(node.value, limits);
      return reason ? { path, reason } : null;
    }
    case Kind.LIST:
      if (node.values.length > limits.maxListLength) return { path, reason: `must have at most ${limits.maxListLength} items` };
      for (const [index, item] of node.values.entries()) {
        const problem = literalProblem(item, [...path, index], limits);
        if (problem) return problem;
      }
      return null;
    case Kind.OBJECT:
      if (node.fields.length > limits.maxListLength) return { path, reason: `must have at most ${limits.maxListLength} entries` };
      for (const field of node.fields) {
        const problem = literalProblem(field.value, [...path, field.name.value], limits);
        if (problem) return problem;
      }
      return null;
    default:
      return null;
  }
}

function documentProblem(document: DocumentNode, limits: InputLimits): Problem | null {
  let found: Problem | null = null;
  visit(document, {
    Argument(node) {
      found ??= literalProblem(node.value, [node.name.value], limits);
    },
    VariableDefinition(node) {
      if (node.defaultValue) found ??= literalProblem(node.defaultValue, [node.variable.name.value], limits);
    },
  });
  return found;
}

/** The nearest named field of a path: `input.labels[3]` names `labels`. */
const fieldOf = (path: Path) => String([...path].reverse().find((segment) => typeof segment === "string") ?? path[0]);

const printPath = (path: Path) => path.map((segment, index) => (typeof segment === "number" ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join("");

function refusal({ path, reason, field = fieldOf(path) }: Problem) {
  return userError("BAD_USER_INPUT", `${field}: ${reason} (at ${printPath(path)})`, { field, inputPath: printPath(path) });
}

/** The argument or input field a variable fills (`fullname: $n` → `fullname`), or undefined when it fills none directly. */
function usageOf(document: DocumentNode, variable: string): string | undefined {
  let usage: string | undefined;
  const note = (node: { name: { value: string }; value: ValueNode }) => {
    if (usage === undefined && node.value.kind === Kind.VARIABLE && node.value.name.value === variable) usage = node.name.value;
  };
  visit(document, { Argument: note, ObjectField: note });
  return usage;
}

/** A problem in a variable's value is named by the field the variable fills, when the path names nothing nearer. */
function variableProblem(variables: unknown, document: DocumentNode, limits: InputLimits): Problem | null {
  const problem = valueProblem(variables, [], limits);
  if (!problem || fieldOf(problem.path) !== problem.path[0]) return problem;
  const usage = usageOf(document, String(problem.path[0]));
  return usage === undefined ? problem : { ...problem, field: usage };
}

export function useInputGuard(limits: InputLimits): Plugin {
  // Parsed documents are cached and reused, so their literals need checking once, not per request.
  const documents = new WeakMap<DocumentNode, Problem | null>();
  const literalsOf = (document: DocumentNode) => {
    let problem = documents.get(document);
    if (problem === undefined) documents.set(document, (problem = documentProblem(document, limits)));
    return problem;
  };
  const check = (args: { document: DocumentNode; variableValues?: unknown }) =>
    variableProblem(args.variableValues ?? {}, args.document, limits) ?? literalsOf(args.document);
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const problem = check(args);
      if (problem) setResultAndStopExecution({ errors: [refusal(problem)] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const problem = check(args);
      if (problem) setResultAndStopExecution({ errors: [refusal(problem)] });
    },
  };
}
