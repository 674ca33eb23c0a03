/**
 * The unified finding id: BatchUpdateFindings names a finding by `Id` and `ProductArn` together,
 * so both travel in one opaque id, base64url of the JSON pair `[ProductArn, Id]`.
 */
import { z } from "zod";
import { ProviderError } from "../types.ts";

export interface FindingIdentifier {
  Id: string;
  ProductArn: string;
}

const Pair = z.tuple([z.string().regex(/^arn:aws[a-z-]*:securityhub:[a-z0-9-]+:\d{0,12}:product\/\S+$/).max(2048), z.string().min(1).max(512)]);

export function toFindingId({ Id, ProductArn }: FindingIdentifier): string {
  return Buffer.from(JSON.stringify([ProductArn, Id]), "utf8").toString("base64url");
}

/** Strict: only the exact encoding `toFindingId` produces is accepted. */
export function parseFindingId(id: string): FindingIdentifier {
  const invalid = () => new ProviderError("BAD_USER_INPUT", "That is not a Security Hub finding id from this gateway");
  if (!/^[A-Za-z0-9_-]{1,4096}$/.test(id)) throw invalid();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(id, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  const pair = Pair.safeParse(decoded);
  if (!pair.success) throw invalid();
  const [ProductArn, Id] = pair.data;
  if (toFindingId({ Id, ProductArn }) !== id) throw invalid();
  return { Id, ProductArn };
}
