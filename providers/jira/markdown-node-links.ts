/**
 * The Markdown spelling of ADF inline nodes Markdown has no syntax for: each is a link whose text is what a
 * reader sees and whose target names the node, so the pair converts back to the same node.
 *
 * - mention: `[@Ada Lovelace](mention:5b10ac8d82e05b22cc7d4ef5)`, the target naming the Atlassian account id;
 * - emoji: `[🚀](emoji:rocket?id=1f680)`, the target naming the short name without its colons;
 * - status lozenge: `[IN REVIEW](status:yellow)`, the target naming the colour;
 * - date: `[2024-03-15](date:2024-03-15)`, or `date:<milliseconds>` for a time that is not midnight UTC; the
 *   target is what is kept, the text only shows it.
 * Attributes beyond those ride as query parameters (`?localId=…`), omitted when they hold Jira's default. A mention
 * or emoji without display text shows its id (`@5b10…`) or short name (`:rocket:`), and that text reads back as none.
 * Only a bare target is read this way: `[x](<mention:…>)` and any target that breaks these shapes stay ordinary
 * links, which is also how a genuine link to such an address is written.
 */
import type { AdfNode } from "./adf.ts";

export interface NodeLink {
  /** The link text, as plain text: the writer escapes it, the reader gets it unescaped. */
  label: string;
  target: string;
}

type Params = Record<string, string>;

/** Atlassian account ids: letters and digits, with `-`/`_`, in colon-separated parts (`557058:…`, `qm:…:…`); Jira caps them at 128. */
const accountId = /^(?=.{1,128}$)[A-Za-z0-9][A-Za-z0-9_-]*(?::[A-Za-z0-9][A-Za-z0-9_-]*)*$/;
const shortName = /^[A-Za-z0-9_+-]{1,64}$/;
const statusColours = new Set(["neutral", "purple", "blue", "red", "yellow", "green"]);
const userTypes = new Set(["DEFAULT", "SPECIAL", "APP"]);
const isoDay = /^(\d{4})-(\d{2})-(\d{2})$/;
const dayMillis = 86_400_000;

export function isAccountId(value: string): boolean {
  return accountId.test(value);
}

export function linkForNode(node: AdfNode): NodeLink | null {
  const attrs = node.attrs ?? {};
  const string = (key: string) => (typeof attrs[key] === "string" ? (attrs[key] as string) : "");
  const extras = (...keys: string[]) => Object.fromEntries(keys.filter((key) => string(key) !== "").map((key) => [key, string(key)]));
  switch (node.type) {
    case "mention": {
      const id = string("id");
      if (!isAccountId(id)) return null;
      return { label: string("text") || `@${id}`, target: withParams(`mention:${id}`, extras("accessLevel", "userType", "localId")) };
    }
    case "emoji": {
      const name = /^:([^:]*):$/.exec(string("shortName"))?.[1] ?? "";
      if (!shortName.test(name)) return null;
      return { label: string("text") || `:${name}:`, target: withParams(`emoji:${name}`, extras("id", "localId")) };
    }
    case "status":
      if (string("text") === "" || !statusColours.has(string("color"))) return null;
      return { label: string("text"), target: withParams(`status:${string("color")}`, extras("style", "localId")) };
    case "date": {
      const millis = string("timestamp");
      if (!/^\d{1,15}$/.test(millis)) return null;
      const day = new Date(Number(millis)).toISOString().slice(0, 10);
      const exactDay = Number(millis) % dayMillis === 0;
      return { label: day, target: withParams(`date:${exactDay ? day : millis}`, extras("localId")) };
    }
    default:
      return null;
  }
}

/** The node a bare link target names, or null when the link is an ordinary one. */
export function nodeForLink(label: string, target: string): AdfNode | null {
  const parsed = parseTarget(target);
  if (!parsed) return null;
  const { scheme, path, params } = parsed;
  switch (scheme) {
    case "mention": {
      if (!isAccountId(path) || !allowed(params, ["accessLevel", "userType", "localId"])) return null;
      if (params.userType !== undefined && !userTypes.has(params.userType)) return null;
      const { accessLevel = "", ...rest } = params;
      const text = label === `@${path}` ? {} : { text: label };
      return { type: "mention", attrs: { id: path, ...text, accessLevel, ...rest } };
    }
    case "emoji":
      if (!shortName.test(path) || !allowed(params, ["id", "localId"])) return null;
      return { type: "emoji", attrs: { shortName: `:${path}:`, ...pick(params, "id"), ...(label === `:${path}:` ? {} : { text: label }), ...pick(params, "localId") } };
    case "status":
      if (!statusColours.has(path) || label.trim() === "" || !allowed(params, ["style", "localId"])) return null;
      return { type: "status", attrs: { text: label, color: path, ...pick(params, "style", "localId") } };
    case "date": {
      const timestamp = timestampOf(path);
      if (timestamp === null || !allowed(params, ["localId"])) return null;
      return { type: "date", attrs: { timestamp, ...pick(params, "localId") } };
    }
    default:
      return null;
  }
}

function timestampOf(path: string): string | null {
  if (/^\d{1,15}$/.test(path)) return String(Number(path));
  const day = isoDay.exec(path);
  if (!day) return null;
  const millis = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
  return new Date(millis).toISOString().slice(0, 10) === path ? String(millis) : null;
}

/** `scheme:path?key=value&…`, with every parameter named once. */
export function parseTarget(target: string): { scheme: string; path: string; params: Params } | null {
  const match = /^([a-z]+):([^?]*)(?:\?(.*))?$/.exec(target);
  if (!match) return null;
  const params: Params = {};
  for (const pair of (match[3] ?? "").split("&").filter((part) => part !== "")) {
    const [key, value] = pair.split("=", 2) as [string, string | undefined];
    const decoded = safeDecode(value ?? "");
    if (decoded === null || decoded === "" || Object.hasOwn(params, key)) return null;
    params[key] = decoded;
  }
  if (match[3] !== undefined && Object.keys(params).length === 0) return null;
  return { scheme: match[1]!, path: match[2]!, params };
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

export function allowed(params: Params, keys: readonly string[]): boolean {
  return Object.keys(params).every((key) => keys.includes(key));
}

export function pick(params: Params, ...keys: string[]): Params {
  return Object.fromEntries(keys.filter((key) => params[key] !== undefined).map((key) => [key, params[key]!]));
}

/** Encodes every character a bare Markdown link destination could trip on, parentheses included. */
export function withParams(base: string, params: Params): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  const query = Object.entries(params).map(([key, value]) => `${key}=${encode(value)}`);
  return query.length > 0 ? `${base}?${query.join("&")}` : base;
}
