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
