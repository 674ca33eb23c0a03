/**
 * A Pothos plugin that refuses a page size outside 0 to `maxPageSize` on every connection, Prisma
 * lists and provider lists alike. It maps the arguments, so it runs before the resolver and before
 * a parent plans a nested list's query: ahead of Pothos's own refusal of a negative size, which
 * names no range.
 */
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from "@pothos/core";
import { badInput } from "../src/errors.ts";
import { maxPageSize } from "./paging.ts";

const pluginName = "pageSize";
export default pluginName;

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      pageSize: PageSizePlugin<Types>;
    }
  }
}

function checkPageSize(args: Record<string, unknown>): Record<string, unknown> {
  for (const name of ["first", "last"] as const) {
    const size = args[name];
    if (typeof size === "number" && (size < 0 || size > maxPageSize)) throw badInput(name, `must be between 0 and ${maxPageSize}`);
  }
  return args;
}

export class PageSizePlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    const isConnection = "first" in fieldConfig.args && "last" in fieldConfig.args;
    return isConnection ? { ...fieldConfig, argMappers: [...fieldConfig.argMappers, checkPageSize] } : fieldConfig;
  }
}

SchemaBuilder.registerPlugin(pluginName, PageSizePlugin);
