/**
 * The Markdown spelling of Jira attachments and images: a `mediaSingle` holding one `media` node is the image
 * `![alt](media:<id>)`, so writing the Markdown back keeps the attachment instead of deleting it.
 *
 * Other attributes ride as query parameters, omitted when they hold the value Jira's editor writes by default:
 * `type` (`file`), `collection` (empty), `width`, `height`, `occurrenceKey`, `localId` of the media, and the
 * frame's `layout` (`center`), `layoutWidth` and `layoutWidthType`. Only a bare `media:` target whose id and
 * parameters fit these shapes is an attachment; any other image (`![x](https://…)`) is read as it always was.
 */
import type { AdfNode } from "./adf.ts";
import { allowed, parseTarget, pick, withParams } from "./markdown-node-links.ts";

export interface MediaImage {
  /** The image's alternative text, as plain text. */
  alt: string;
  target: string;
}

/** Media ids are UUIDs for files; links and older files use other word-like ids. */
const mediaId = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
const layouts = new Set(["wide", "full-width", "center", "wrap-right", "wrap-left", "align-end", "align-start"]);
const mediaKeys = ["type", "collection", "width", "height", "occurrenceKey", "localId"] as const;
const frameKeys = { layout: "layout", layoutWidth: "width", layoutWidthType: "widthType" } as const;

/** The image for one media node, with the attributes of the `mediaSingle` framing it when there is one. */
export function imageForMedia(media: AdfNode, frame?: AdfNode): MediaImage | null {
  const attrs = media.attrs ?? {};
  const id = typeof attrs.id === "string" ? attrs.id : "";
  if (media.type !== "media" || !mediaId.test(id)) return null;
  const params: Record<string, string> = {};
  for (const key of mediaKeys) {
    const value = attrs[key];
    if (typeof value === "string" || typeof value === "number") params[key] = String(value);
  }
  if (params.type === "file") delete params.type;
  if (params.collection === "") delete params.collection;
  for (const [param, attr] of Object.entries(frameKeys)) {
    const value = frame?.attrs?.[attr];
    if (typeof value === "string" || typeof value === "number") params[param] = String(value);
  }
  if (params.layout === "center") delete params.layout;
  const alt = typeof attrs.alt === "string" ? attrs.alt : "";
  return { alt, target: withParams(`media:${id}`, params) };
}

/** The `mediaSingle` a bare `media:` image target names, or null when the image is an ordinary one. */
export function mediaSingleForImage(alt: string, target: string): AdfNode | null {
  const parsed = parseTarget(target);
  if (parsed?.scheme !== "media" || !mediaId.test(parsed.path)) return null;
  const { path: id, params } = parsed;
  if (!allowed(params, [...mediaKeys, ...Object.keys(frameKeys)])) return null;
  const numbers = ["width", "height", "layoutWidth"].filter((key) => params[key] !== undefined);
  if (!numbers.every((key) => /^\d{1,6}(?:\.\d{1,4})?$/.test(params[key]!))) return null;
  if (!["file", "link", undefined].includes(params.type) || !layouts.has(params.layout ?? "center")) return null;
  if (![undefined, "percentage", "pixel"].includes(params.layoutWidthType)) return null;
  // A percentage frame (the default kind) is at most 100 wide; a pixel one may be any width.
  if (params.layoutWidthType !== "pixel" && Number(params.layoutWidth ?? 0) > 100) return null;
  const number = (key: string) => (params[key] === undefined ? {} : { [key]: Number(params[key]) });
  const media: AdfNode = {
    type: "media",
    attrs: { id, type: params.type ?? "file", collection: params.collection ?? "", ...(alt ? { alt } : {}), ...number("width"), ...number("height"), ...pick(params, "occurrenceKey", "localId") },
  };
  const frame: Record<string, unknown> = { layout: params.layout ?? "center" };
  if (params.layoutWidth !== undefined) frame.width = Number(params.layoutWidth);
  if (params.layoutWidthType !== undefined) frame.widthType = params.layoutWidthType;
  return { type: "mediaSingle", attrs: frame, content: [media] };
}
