/**
 * The Markdown spelling of Jira attachments, so writing the Markdown back keeps every file where it was:
 *
 * - an image (a `mediaSingle` holding one `media`) is `![alt](media:<id>)`;
 * - a strip of file cards (a `mediaGroup`) is one image per file, each marked `group=1`, on consecutive lines of
 *   one paragraph (`![](media:<id1>?group=1)`, then `![](media:<id2>?group=1)` on the next line); the block parser
 *   merges group images with nothing but line breaks between them into one `mediaGroup`, and a blank line starts
 *   a new one;
 * - a file in a line of text (a `mediaInline`) is a link, not an image: `[alt](media:<id>)`, its text the
 *   alternative text, or the id when there is none (that text reads back as none). After `!` a `media:` target is
 *   only ever an image, and the writer escapes a `!` before a link, so neither spelling reads as the other.
 *
 * Other attributes ride as query parameters, omitted when they hold the value Jira's editor writes by default:
 * `type` (`file`), `collection` (empty), `width`, `height`, `occurrenceKey`, `localId`, and for an image the
 * frame's `layout` (`center`), `layoutWidth` and `layoutWidthType`. Only a bare `media:` target whose id and
 * parameters fit these shapes is an attachment; any other (`![x](https://…)`, `[x](<media:…>)`, an unknown or
 * repeated parameter) is read as it always was.
 */
import type { AdfNode } from "./adf.ts";
import { allowed, type NodeLink, parseTarget, pick, withParams } from "./markdown-node-links.ts";

export interface MediaImage {
  /** The image's alternative text, as plain text. */
  alt: string;
  target: string;
}

type Params = Record<string, string>;

/** Media ids are UUIDs for files; links and older files use other word-like ids. */
const mediaId = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
const decimal = /^\d{1,6}(?:\.\d{1,4})?$/;
const layouts = new Set(["wide", "full-width", "center", "wrap-right", "wrap-left", "align-end", "align-start"]);
const fileKeys = ["type", "collection", "width", "height", "occurrenceKey", "localId"] as const;
const frameKeys = { layout: "layout", layoutWidth: "width", layoutWidthType: "widthType" } as const;
const groupKey = "group";
/** ADF's `media` names a file or a link; an inline file may also be an image. */
const mediaTypes = new Set(["file", "link"]);
const inlineMediaTypes = new Set(["file", "link", "image"]);

/**
 * The image for one media node, with the attributes of its `mediaSingle` frame, or the `group=1` marker when
 * `container` is the `mediaGroup` holding it.
 */
export function imageForMedia(media: AdfNode, container?: AdfNode): MediaImage | null {
  const id = stringAttr(media, "id");
  if (media.type !== "media" || !mediaId.test(id)) return null;
  const params = fileParams(media);
  if (container?.type === "mediaGroup") params[groupKey] = "1";
  if (container?.type === "mediaSingle") {
    for (const [param, attr] of Object.entries(frameKeys)) {
      const value = container.attrs?.[attr];
      if (typeof value === "string" || typeof value === "number") params[param] = String(value);
    }
    if (params.layout === "center") delete params.layout;
  }
  return { alt: stringAttr(media, "alt"), target: withParams(`media:${id}`, params) };
}

/** The link for a file shown in a line of text, or null when its id has no Markdown form. */
export function linkForInlineMedia(node: AdfNode): NodeLink | null {
  const id = stringAttr(node, "id");
  if (node.type !== "mediaInline" || !mediaId.test(id)) return null;
  // A link's text is one line; the image's alternative text is written the same way.
  const alt = stringAttr(node, "alt").replace(/\s+/g, " ");
  return { label: alt || id, target: withParams(`media:${id}`, fileParams(node)) };
}

/**
 * The block a bare `media:` image target names: a `mediaSingle`, or with `group=1` a `mediaGroup` of this one file
 * for the block parser to merge with its neighbours; null when the image is an ordinary one.
 */
export function mediaForImage(alt: string, target: string): AdfNode | null {
  const parsed = parseTarget(target);
  if (parsed?.scheme !== "media" || !mediaId.test(parsed.path)) return null;
  const { path: id, params } = parsed;
  if (params[groupKey] !== undefined) {
    if (params[groupKey] !== "1" || !allowed(params, [...fileKeys, groupKey])) return null;
    const media = fileNode("media", id, alt, params, mediaTypes);
    return media && { type: "mediaGroup", content: [media] };
  }
  if (!allowed(params, [...fileKeys, ...Object.keys(frameKeys)])) return null;
  if (params.layoutWidth !== undefined && !decimal.test(params.layoutWidth)) return null;
  if (!layouts.has(params.layout ?? "center") || ![undefined, "percentage", "pixel"].includes(params.layoutWidthType)) return null;
  // A percentage frame (the default kind) is at most 100 wide; a pixel one may be any width.
  if (params.layoutWidthType !== "pixel" && Number(params.layoutWidth ?? 0) > 100) return null;
  const media = fileNode("media", id, alt, params, mediaTypes);
  if (!media) return null;
  const frame: Record<string, unknown> = { layout: params.layout ?? "center" };
  if (params.layoutWidth !== undefined) frame.width = Number(params.layoutWidth);
  if (params.layoutWidthType !== undefined) frame.widthType = params.layoutWidthType;
  return { type: "mediaSingle", attrs: frame, content: [media] };
}

/** The `mediaInline` a bare `media:` link target names, or null when the link is an ordinary one. */
export function inlineMediaForLink(label: string, target: string): AdfNode | null {
  const parsed = parseTarget(target);
  if (parsed?.scheme !== "media" || !mediaId.test(parsed.path) || !allowed(parsed.params, fileKeys)) return null;
  return fileNode("mediaInline", parsed.path, label === parsed.path ? "" : label, parsed.params, inlineMediaTypes);
}

/** A file's attributes beyond its id and alternative text, as parameters, without Jira's defaults. */
function fileParams(node: AdfNode): Params {
  const params: Params = {};
  for (const key of fileKeys) {
    const value = node.attrs?.[key];
    if (typeof value === "string" || typeof value === "number") params[key] = String(value);
  }
  if (params.type === "file") delete params.type;
  if (params.collection === "") delete params.collection;
  return params;
}

/** A `media` or `mediaInline` node from a target's parameters, or null when its type or size does not fit. */
function fileNode(type: string, id: string, alt: string, params: Params, types: ReadonlySet<string>): AdfNode | null {
  if (params.type !== undefined && !types.has(params.type)) return null;
  if (![params.width, params.height].every((size) => size === undefined || decimal.test(size))) return null;
  const number = (key: string) => (params[key] === undefined ? {} : { [key]: Number(params[key]) });
  return {
    type,
    attrs: { id, type: params.type ?? "file", collection: params.collection ?? "", ...(alt ? { alt } : {}), ...number("width"), ...number("height"), ...pick(params, "occurrenceKey", "localId") },
  };
}

function stringAttr(node: AdfNode, key: string): string {
  const value = node.attrs?.[key];
  return typeof value === "string" ? value : "";
}
