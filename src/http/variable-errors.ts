/**
 * graphql-js quotes the offending value when a variable does not coerce ("Variable "$input" got
 * invalid value { …the whole input… }"), which would echo passwords and tokens back to the client
 * and into logs. This rewrites such messages to name the variable, the path and the reason only.
 */

const valueInReason: [RegExp, string][] = [
  [/^(\w+ cannot represent [^:]*value):.*$/s, "$1."],
  [/^Value .* does not exist in ("[^"]+" enum\.)(.*)$/s, "The value does not exist in $1$2"],
  [/^Expected value of type ("[^"]+"), found .*$/s, "Expected a value of type $1."],
];

export function withoutVariableValue(message: string, reason: string | undefined): string {
  const head = /^Variable "\$([A-Za-z_][A-Za-z0-9_]*)" got invalid value /.exec(message);
  if (!head?.[1]) return message;
  const variable = head[1];
  const rest = reason && message.endsWith(`; ${reason}`) ? message.slice(0, -(reason.length + 2)) : message;
  const pathStart = rest.lastIndexOf(` at "${variable}`);
  const path = pathStart >= 0 ? rest.slice(pathStart) : "";
  let cleaned = reason ?? "invalid value";
  for (const [pattern, replacement] of valueInReason) cleaned = cleaned.replace(pattern, replacement);
  return `Variable "$${variable}" got an invalid value${path}; ${cleaned}`;
}

/** graphql-js ends some messages with "Did you mean …?", naming fields and values of the schema. */
export function withoutSuggestions(message: string): string {
  return message.replace(/ Did you mean [^?]*\?$/s, "");
}

/**
 * Where a variable failed to coerce, named as the input guard names it: the nearest input field
 * (`field`) and the whole path (`inputPath`). A missing required field is named itself.
 * Reads the message as `withoutVariableValue` writes it, or graphql-js's own for a missing variable.
 */
export function variableErrorPosition(message: string): { field: string; inputPath: string } | null {
  const missingVariable = /^Variable "\$(\w+)" of (?:required|non-null) type "[^"]+" (?:was not provided|must not be null)/.exec(message);
  if (missingVariable?.[1]) return { field: missingVariable[1], inputPath: missingVariable[1] };
  const invalid = /^Variable "\$(\w+)" got an invalid value(?: at "([^"]+)")?; (.*)$/s.exec(message);
  if (!invalid?.[1]) return null;
  const path = invalid[2] ?? invalid[1];
  const missingField = /^Field "(\w+)" of required type/.exec(invalid[3] ?? "")?.[1];
  const inputPath = missingField ? `${path}.${missingField}` : path;
  const field = missingField ?? path.replace(/\[\d+\]/g, "").split(".").at(-1) ?? invalid[1];
  return { field, inputPath };
}

