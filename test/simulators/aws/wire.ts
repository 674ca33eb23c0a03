/** Security Hub's REST-JSON wire: service errors `{Message, Code}` plus `X-Amzn-Errortype`, and the front door's auth errors. */
import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { SigV4Failure } from "./sigv4.ts";

export interface AwsAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** A literal non-JSON body, e.g. a load balancer's HTML page. */
  raw?: string;
}

/** HTTP status of each error Security Hub models, and of the throttling error every AWS service may send (a 400, not a 429). */
const statuses: Record<string, number> = {
  InvalidInputException: 400,
  SerializationException: 400,
  InvalidAccessException: 401,
  AccessDeniedException: 403,
  ResourceNotFoundException: 404,
  LimitExceededException: 429,
  ThrottlingException: 400,
  InternalException: 500,
};

export class ServiceError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
  ) {
    super(message);
  }
}

export function serviceError(errorType: string, message: string): AwsAnswer {
  return { status: statuses[errorType] ?? 400, headers: { "x-amzn-errortype": errorType }, body: { Message: message, Code: errorType } };
}

/** The auth layer answers with a lower-case `message` and an errortype carrying a `:namespace` suffix clients must strip. */
export function authError({ status, errorType, message }: SigV4Failure): AwsAnswer {
  return { status, headers: { "x-amzn-errortype": `${errorType}:http://internal.amazon.com/coral/com.amazon.coral.service/` }, body: { message } };
}

export function send(response: ServerResponse, answer: AwsAnswer): void {
  const headers = { "x-amzn-requestid": randomUUID(), date: new Date().toUTCString(), ...answer.headers };
  if (answer.raw !== undefined) {
    response.writeHead(answer.status, { ...headers, "content-type": "text/html" }).end(answer.raw);
    return;
  }
  response.writeHead(answer.status, { ...headers, "content-type": "application/json" }).end(JSON.stringify(answer.body));
}
