/** Reads a response body under the size cap, counting bytes as they stream in, and parses JSON bodies. */
import type { Dispatcher } from "undici";
import { classifyFailure, type FailureKind } from "./map-error.ts";

type Body = Dispatcher.ResponseData["body"];

/** The body's bytes, or why there are none: too large (stopped at the cap) or the stream failed mid-way. */
export async function readCapped(body: Body, declaredLength: string | undefined, maxBytes: number): Promise<{ bytes: Buffer } | { failure: FailureKind }> {
  if (declaredLength !== undefined && Number(declaredLength) > maxBytes) {
    body.destroy();
    return { failure: "too-large" };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      // Leaving the loop destroys the stream and its socket, so nothing past the cap is buffered.
      if (size > maxBytes) return { failure: "too-large" };
      chunks.push(buffer);
    }
  } catch (error) {
    return { failure: classifyFailure(error) };
  }
  return { bytes: Buffer.concat(chunks, size) };
}

function isJson(contentType: string | undefined): boolean {
  return /[/+-]json\b/i.test(contentType ?? "");
}

/**
 * Parsed JSON for JSON bodies, text otherwise, null when empty. A JSON body that does not parse is
 * `malformed` on a 2xx; on an error status its text is kept, since the status already says what went wrong.
 */
export function parseBody(bytes: Buffer, contentType: string | undefined, status: number): { body: unknown } | { malformed: true } {
  if (bytes.length === 0) return { body: null };
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  if (!isJson(contentType)) return { body: text };
  try {
    return { body: JSON.parse(text) as unknown };
  } catch {
    return status >= 200 && status < 300 ? { malformed: true } : { body: text };
  }
}
