/**
 * AWS Signature Version 4 verification, written from the published algorithm: canonical request,
 * string to sign, derived signing key, and a constant-time comparison. The simulator recomputes
 * each request's signature with the secret it knows, as AWS does.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export interface SignedRequest {
  method: string;
  /** The request target exactly as received: percent-encoded path, then `?query`. */
  target: string;
  /** Lower-case names, every value of repeated headers. */
  headers: Record<string, string[]>;
  body: Buffer;
}

export interface KnownCredential {
  secretAccessKey: string;
  sessionToken?: string;
}

export type SigV4Failure = { ok: false; status: 400 | 403; errorType: string; message: string };
export type SigV4Outcome = { ok: true; accessKeyId: string } | SigV4Failure;

export interface VerifyOptions {
  region: string;
  service: string;
  lookup(accessKeyId: string): KnownCredential | undefined;
  now: Date;
  /** AWS refuses requests signed more than 15 minutes away from its clock. */
  maxSkewMs?: number;
}

const sha256Hex = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data, "utf8").digest();

/** RFC 3986 encoding: everything but unreserved characters, as upper-case `%XX`. */
export function uriEncode(value: string): string {
  return Array.from(Buffer.from(value, "utf8"), (byte) => {
    const char = String.fromCharCode(byte);
    return /[A-Za-z0-9\-._~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }).join("");
}

/** Non-S3 services normalise the path (empty, `.` and `..` segments) and encode each segment again. */
export function canonicalUri(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(uriEncode(segment));
  }
  const trailing = segments.length > 0 && rawPath.endsWith("/") ? "/" : "";
  return `/${segments.join("/")}${trailing}`;
}

const decode = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

/** Each name and value decoded then encoded afresh, sorted by name and then value. */
export function canonicalQuery(rawQuery: string): string {
  return rawQuery
    .split("&")
    .filter((pair) => pair !== "")
    .map((pair) => {
      const at = pair.indexOf("=");
      const [name, value] = at < 0 ? [pair, ""] : [pair.slice(0, at), pair.slice(at + 1)];
      return [uriEncode(decode(name)), uriEncode(decode(value))] as const;
    })
    .sort(([nameA, valueA], [nameB, valueB]) => (nameA === nameB ? (valueA < valueB ? -1 : 1) : nameA < nameB ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

export interface CanonicalParts {
  method: string;
  target: string;
  headers: Record<string, string[]>;
  signedHeaders: string[];
  payloadHash: string;
}

export function canonicalRequest({ method, target, headers, signedHeaders, payloadHash }: CanonicalParts): string {
  const at = target.indexOf("?");
  const [path, query] = at < 0 ? [target, ""] : [target.slice(0, at), target.slice(at + 1)];
  const lines = signedHeaders.map((name) => `${name}:${(headers[name] ?? []).map((value) => value.trim().replace(/\s+/g, " ")).join(",")}\n`);
  return [method, canonicalUri(path), canonicalQuery(query), lines.join(""), signedHeaders.join(";"), payloadHash].join("\n");
}

export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonical)].join("\n");
}

export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), "aws4_request");
}

export function signature(secret: string, amzDate: string, scope: string[], canonical: string): string {
  const [date = "", region = "", service = ""] = scope;
  return createHmac("sha256", signingKey(secret, date, region, service)).update(stringToSign(amzDate, scope.join("/"), canonical), "utf8").digest("hex");
}
