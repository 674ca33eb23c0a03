/**
 * The simulator's SigV4 verifier: known answers from the published AWS SigV4 test suite (as
 * vendored in boto/botocore tests/unit/auth/aws4_testsuite, cases get-space and get-utf8), and
 * requests signed by the SDK's own signer, @smithy/signature-v4 (a transitive dependency of
 * @aws-sdk/client-securityhub, present in node_modules), accepted intact and refused when tampered with.
 */
import { createHash, createHmac } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";
import { describe, expect, it } from "vitest";
import { canonicalRequest, signature } from "../../simulators/aws/sigv4.ts";
import { verifySigV4 } from "../../simulators/aws/verify.ts";

const suite = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const suiteScope = ["20110909", "us-east-1", "host", "aws4_request"];
const emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

describe("AWS SigV4 test-suite vectors", () => {
  it.each([
    ["get-space", "/%20/foo", "/%2520/foo", "2be9e587d1ee1f0fd02128724b86b4358ba3630d39f493b6e06610a19a50779e"],
    ["get-utf8", "/%E1%88%B4", "/%25E1%2588%25B4", "57b1eb3df3b16a8479c0097b66c0b261cfd65b829419a3f2c3d05319722490b8"],
  ])("%s: builds the published canonical request and signature, and verifies the request", (_name, target, canonicalPath, expected) => {
    const headers = { date: ["Mon, 09 Sep 2011 23:36:00 GMT"], host: ["host.foo.com"] };
    const canonical = canonicalRequest({ method: "GET", target, headers, signedHeaders: ["date", "host"], payloadHash: emptyHash });
    expect(canonical).toBe(`GET\n${canonicalPath}\n\ndate:Mon, 09 Sep 2011 23:36:00 GMT\nhost:host.foo.com\n\ndate;host\n${emptyHash}`);
    expect(signature(suite.secretAccessKey, "20110909T233600Z", suiteScope, canonical)).toBe(expected);

    const authorization = `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/${suiteScope.join("/")}, SignedHeaders=date;host, Signature=${expected}`;
    const outcome = verifySigV4(
      { method: "GET", target, headers: { ...headers, authorization: [authorization] }, body: Buffer.alloc(0) },
      { region: "us-east-1", service: "host", lookup: (id) => (id === suite.accessKeyId ? suite : undefined), now: new Date("2011-09-09T23:36:00Z") },
    );
    expect(outcome).toEqual({ ok: true, accessKeyId: "AKIDEXAMPLE" });
  });
});

/** The Checksum the SDK signer expects, over node:crypto. */
class NodeSha256 {
  private readonly hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash("sha256") : createHmac("sha256", Buffer.from(secret as string));
  }
  update(data: string | ArrayBufferView): void {
    this.hash.update(typeof data === "string" ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {}
}

const key = { accessKeyId: "AKIAQXH4SIMULATED001", secretAccessKey: "sImUlAtEd/SeCrEt+KeY/0123456789abcdefghij" };
const session = { accessKeyId: "ASIAQXH4SIMULATED002", secretAccessKey: "SeSsIoN/sEcReT", sessionToken: "IQoJb3JpZ2luX2Vj-token" };
const signedAt = new Date("2025-06-10T12:00:00Z");
const body = JSON.stringify({ Filters: { Title: [{ Value: "Ünïcode & spaces", Comparison: "PREFIX" }] }, MaxResults: 5 });

/** Signs with the SDK signer, then presents the request as it arrives on the wire. */
async function sdkSigned(credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) {
  const signer = new SignatureV4({ service: "securityhub", region: "us-east-1", credentials, sha256: NodeSha256 });
  const signed = await signer.sign(
    { method: "POST", protocol: "http:", hostname: "127.0.0.1", port: 4566, path: "/findings/a%20b", query: { z: "1", a: ["2", "1"], s: "x y" }, headers: { host: "127.0.0.1:4566", "content-type": "application/json" }, body },
    { signingDate: signedAt },
  );
  const headers = Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), [value]]));
  return { method: "POST", target: "/findings/a%20b?z=1&a=2&a=1&s=x%20y", headers, body: Buffer.from(body) };
}

const options = (now = signedAt) => ({
  region: "us-east-1",
  service: "securityhub",
  lookup: (id: string) => [key, session].find((candidate) => candidate.accessKeyId === id),
  now,
});

describe("verifySigV4 against the SDK's signer", () => {
  it("accepts a request signed by @smithy/signature-v4, with or without a session token", async () => {
    expect(verifySigV4(await sdkSigned(key), options())).toEqual({ ok: true, accessKeyId: key.accessKeyId });
    expect(verifySigV4(await sdkSigned(session), options())).toMatchObject({ ok: true });
  });

  it.each([
    ["a changed body", (r: Awaited<ReturnType<typeof sdkSigned>>) => ({ ...r, body: Buffer.from(body.replace("5", "6")) })],
    ["a changed query", (r: Awaited<ReturnType<typeof sdkSigned>>) => ({ ...r, target: r.target.replace("z=1", "z=2") })],
    ["a changed path", (r: Awaited<ReturnType<typeof sdkSigned>>) => ({ ...r, target: r.target.replace("a%20b", "a%20c") })],
    ["a changed signed header", (r: Awaited<ReturnType<typeof sdkSigned>>) => ({ ...r, headers: { ...r.headers, host: ["127.0.0.1:4567"] } })],
  ])("refuses %s as InvalidSignatureException", async (_case, tamper) => {
    expect(verifySigV4(tamper(await sdkSigned(key)), options())).toMatchObject({ ok: false, status: 403, errorType: "InvalidSignatureException" });
  });

  it("refuses the wrong secret, an unknown key, a wrong session token, a stale clock and a missing header", async () => {
    expect(verifySigV4(await sdkSigned({ ...key, secretAccessKey: "not-the-secret" }), options())).toMatchObject({ errorType: "InvalidSignatureException" });
    expect(verifySigV4(await sdkSigned({ ...key, accessKeyId: "AKIAUNKNOWN000000000" }), options())).toMatchObject({ status: 403, errorType: "UnrecognizedClientException" });
    expect(verifySigV4(await sdkSigned({ ...session, sessionToken: "other" }), options())).toMatchObject({ errorType: "UnrecognizedClientException" });
    expect(verifySigV4(await sdkSigned(key), options(new Date(signedAt.getTime() + 16 * 60_000)))).toMatchObject({ errorType: "InvalidSignatureException", message: expect.stringContaining("expired") });
    const request = await sdkSigned(key);
    const { authorization: _dropped, ...unsigned } = request.headers;
    expect(verifySigV4({ ...request, headers: unsigned }, options())).toMatchObject({ status: 403, errorType: "MissingAuthenticationTokenException" });
  });

  it("refuses a signature scoped to another region or service", async () => {
    expect(verifySigV4(await sdkSigned(key), { ...options(), region: "eu-west-1" })).toMatchObject({ errorType: "InvalidSignatureException", message: expect.stringContaining("region") });
    expect(verifySigV4(await sdkSigned(key), { ...options(), service: "guardduty" })).toMatchObject({ errorType: "InvalidSignatureException", message: expect.stringContaining("service") });
  });
});
