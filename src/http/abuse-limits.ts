/** The GraphQL abuse limits every endpoint applies before anything executes (limits from config). */
import { blockFieldSuggestionsPlugin } from "@escape.tech/graphql-armor-block-field-suggestions";
import { maxAliasesPlugin } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthPlugin } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesPlugin } from "@escape.tech/graphql-armor-max-directives";
import { maxTokensPlugin } from "@escape.tech/graphql-armor-max-tokens";
import { GraphQLError, NoSchemaIntrospectionCustomRule, type ValidationContext } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { Config } from "../config.ts";
import { usePageCostLimit } from "./page-cost.ts";

/** The refusals of the limits below, told apart from the other validation errors of the same document. */
const limitErrors = new WeakSet<GraphQLError>();

/**
 * graphql-armor throws its validation rules' refusals as bare "Syntax Error: …" errors, which reach
 * clients without a code and, as no validation error was reported, with HTTP 200 even under
 * `application/graphql-response+json`. Reported as validation errors instead, they answer like any
 * other: `GRAPHQL_VALIDATION_FAILED`, 400 under that media type.
 */
const asValidationError = {
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) => {
      const refusal = new GraphQLError(error.message.replace(/^Syntax Error: /, ""));
      limitErrors.add(refusal);
      context?.reportError(refusal);
    },
  ],
};

/** A document over a limit is answered with that refusal alone, not with every other complaint about it too. */
const onlyLimitErrors: Plugin = {
  onValidate: () => ({ result, setResult }) => {
    const refusals = result.filter((error) => limitErrors.has(error));
    if (refusals.length > 0 && refusals.length < result.length) setResult(refusals);
  },
};

export function abuseLimitPlugins(config: Pick<Config, "limits" | "production">): Plugin[] {
  const { limits } = config;
  const plugins: Plugin[] = [
    // A parse-time limit: its error is a parse failure (GRAPHQL_PARSE_FAILED) already.
    maxTokensPlugin({ n: limits.maxTokens }) as Plugin,
    maxDepthPlugin({ n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...asValidationError }) as Plugin,
    // The library exempts `__typename` by default; aliasing it is the cheapest way to multiply work.
    maxAliasesPlugin({ n: limits.maxAliases, allowList: [], ...asValidationError }) as Plugin,
    maxDirectivesPlugin({ n: limits.maxDirectives, ...asValidationError }) as Plugin,
    onlyLimitErrors,
    usePageCostLimit(limits.maxCost),
  ];
  if (config.production) plugins.push(blockFieldSuggestionsPlugin() as Plugin);
  if (!limits.introspection) plugins.push({ onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule) });
  return plugins;
}
