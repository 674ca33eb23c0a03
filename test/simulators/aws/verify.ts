/** Checks a request's SigV4 `Authorization` the way AWS's front door does, failing with the error type AWS uses. */
import { createHash, timingSafeEqual } from "node:crypto";
import { canonicalRequest, type SignedRequest, type SigV4Outcome, signature, type VerifyOptions } from "./sigv4.ts";

const authPattern = /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;

const fail = (status: 400 | 403, errorType: string, message: string): SigV4Outcome => ({ ok: false, status, errorType, message });
const first = (values: string[] | undefined) => values?.[0];

/** `X-Amz-Date` (`20150830T123600Z`), or else the HTTP `Date` header in the same basic ISO 8601 form. */
function requestTime(headers: SignedRequest["headers"]): { amzDate: string; header: string } | null {
  const amz = first(headers["x-amz-date"]);
  if (amz) return /^\d{8}T\d{6}Z$/.test(amz) ? { amzDate: amz, header: "x-amz-date" } : null;
  const date = Date.parse(first(headers.date) ?? "");
  return Number.isNaN(date) ? null : { amzDate: new Date(date).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, ""), header: "date" };
}

const parseAmzDate = (value: string) => Date.parse(`${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}T${value.slice(9, 11)}:${value.slice(11, 13)}:${value.slice(13, 15)}Z`);

export function verifySigV4(request: SignedRequest, options: VerifyOptions): SigV4Outcome {
  const authorization = first(request.headers.authorization);
  if (!authorization) return fail(403, "MissingAuthenticationTokenException", "Missing authentication token");
  const match = authPattern.exec(authorization.trim());
  if (!match) return fail(400, "IncompleteSignatureException", "Authorization must be AWS4-HMAC-SHA256 with Credential, SignedHeaders and Signature");
  const [, credential = "", signedList = "", given = ""] = match;
  const [accessKeyId = "", ...scope] = credential.split("/");
  if (scope.length !== 4 || scope[3] !== "aws4_request") return fail(400, "IncompleteSignatureException", "Credential must be keyid/date/region/service/aws4_request");

  const known = options.lookup(accessKeyId);
  if (!known || known.sessionToken !== first(request.headers["x-amz-security-token"])) {
    return fail(403, "UnrecognizedClientException", "The security token in the request is not valid");
  }
  const time = requestTime(request.headers);
  if (!time) return fail(400, "IncompleteSignatureException", "The request needs an X-Amz-Date or Date header");
  const signedHeaders = signedList.split(";");
  if (!signedHeaders.includes("host") || !signedHeaders.includes(time.header)) return fail(400, "IncompleteSignatureException", "Host and the request date must be signed headers");

  const [date, region, service] = scope;
  if (date !== time.amzDate.slice(0, 8)) return fail(403, "InvalidSignatureException", "The credential scope date does not match the request date");
  if (region !== options.region) return fail(403, "InvalidSignatureException", `The credential should be scoped to region ${options.region}`);
  if (service !== options.service) return fail(403, "InvalidSignatureException", `The credential should be scoped to service ${options.service}`);
  if (Math.abs(options.now.getTime() - parseAmzDate(time.amzDate)) > (options.maxSkewMs ?? 15 * 60_000)) {
    return fail(403, "InvalidSignatureException", "Signature expired: the request time is more than 15 minutes from the server's clock");
  }

  const payloadHash = createHash("sha256").update(request.body).digest("hex");
  const claimed = first(request.headers["x-amz-content-sha256"]);
  if (claimed !== undefined && claimed !== payloadHash) return fail(403, "InvalidSignatureException", "x-amz-content-sha256 does not match the request body");

  const expected = signature(known.secretAccessKey, time.amzDate, scope, canonicalRequest({ ...request, signedHeaders, payloadHash }));
  if (!timingSafeEqual(Buffer.from(expected, "hex"), Buffer.from(given, "hex"))) {
    return fail(403, "InvalidSignatureException", "The request signature does not match the one computed from the secret key; check the key and the signing method");
  }
  return { ok: true, accessKeyId };
}
