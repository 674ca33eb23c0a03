/** The GraphQL abuse limits every endpoint applies before anything executes (limits from config). */
import { blockFieldSuggestionsPlugin } from "@escape.tech/graphql-armor-block-field-suggestions";
import { maxAliasesPlugin } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthPlugin } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesPlugin } from "@escape.tech/graphql-armor-max-directives";
import { maxTokensPlugin } from "@escape.tech/graphql-armor-max-tokens";
import { NoSchemaIntrospectionCustomRule } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { Config } from "../config.ts";
import { usePageCostLimit } from "./page-cost.ts";

export function abuseLimitPlugins(config: Pick<Config, "limits" | "production">): Plugin[] {
  const { limits } = config;
  const plugins: Plugin[] = [
    maxTokensPlugin({ n: limits.maxTokens }) as Plugin,
    maxDepthPlugin({ n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true }) as Plugin,
    // The library exempts `__typename` by default; aliasing it is the cheapest way to multiply work.
    maxAliasesPlugin({ n: limits.maxAliases, allowList: [] }) as Plugin,
    maxDirectivesPlugin({ n: limits.maxDirectives }) as Plugin,
    usePageCostLimit(limits.maxCost),
  ];
  if (config.production) plugins.push(blockFieldSuggestionsPlugin() as Plugin);
  if (!limits.introspection) plugins.push({ onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule) });
  return plugins;
}
