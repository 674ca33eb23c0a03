/**
 * The response size cap for Security Hub. The SDK reads response bodies itself, outside the shared
 * HTTP client, so the cap is an SDK middleware: it sits just inside the deserializer, where the raw
 * response passes, refuses a declared length over the cap at once, and otherwise counts the body's
 * bytes as the deserializer reads them, stopping the stream (and its socket) past the cap.
 */
import { Transform, pipeline, type Readable } from "node:stream";
import type { SecurityHubClient } from "@aws-sdk/client-securityhub";
import { ProviderError } from "../types.ts";

interface RawResponse {
  statusCode: number;
  headers: Record<string, string | undefined>;
  body: unknown;
}

const tooLarge = (httpStatus: number) => new ProviderError("PROVIDER_ERROR", "Security Hub's answer was too large for the gateway's size limit", { httpStatus });

function counted(body: Readable, maxBytes: number, status: number): Readable {
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(size > maxBytes ? tooLarge(status) : null, chunk);
    },
  });
  // Whichever side fails first takes the other down with it, the socket included.
  return pipeline(body, counter, () => {});
}

export function capResponses(client: SecurityHubClient, maxBytes: number): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const response = result.response as RawResponse;
      const body = response.body as Readable | undefined;
      if (!body || typeof body.pipe !== "function") return result;
      if (Number(response.headers["content-length"] ?? 0) > maxBytes) {
        body.destroy();
        throw tooLarge(response.statusCode);
      }
      response.body = counted(body, maxBytes, response.statusCode);
      return result;
    },
    // "low" within the deserialize step runs inside the SDK's deserializer, on the raw response.
    { step: "deserialize", priority: "low", name: "switchyardResponseCap" },
  );
}
