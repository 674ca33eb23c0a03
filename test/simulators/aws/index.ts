/** Starts the Security Hub simulator on 127.0.0.1 (port 0): REST-JSON, SigV4 checked on every request, faults on demand. */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type AwsFault, type AwsFaultOptions, type AwsOperation, createFaultQueue, faultAnswer } from "./faults.ts";
import { batchUpdateFindings, getFindings } from "./operations.ts";
import { type AwsSimCredential, type AwsSimState, createAwsSimState } from "./state.ts";
import { verifySigV4 } from "./verify.ts";
import { type AwsAnswer, authError, send, ServiceError, serviceError } from "./wire.ts";

export type { AwsFault } from "./faults.ts";

export interface AwsSimulatorOptions {
  region?: string;
  now?: () => Date;
  /** Hold accepted updates until `settle()`, as Security Hub applies BatchUpdateFindings minutes later. */
  deferUpdates?: boolean;
}

export interface AwsSimulator {
  url: string;
  region: string;
  /** `longTerm` (AKIA…), `session` (ASIA… with a session token). */
  credentials: { longTerm: AwsSimCredential; session: AwsSimCredential };
  state: AwsSimState;
  inject(fault: AwsFault, options?: AwsFaultOptions): void;
  /** Applies updates held back by `deferUpdates`. */
  settle(): void;
  close(): Promise<void>;
}

const routes: Record<string, AwsOperation> = { "POST /findings": "GetFindings", "PATCH /findings/batchupdate": "BatchUpdateFindings" };

export async function startAwsSimulator(options: AwsSimulatorOptions = {}): Promise<AwsSimulator> {
  const region = options.region ?? "us-east-1";
  const credentials = {
    longTerm: { accessKeyId: "AKIAQXH4SIMULATED001", secretAccessKey: "sImUlAtEd/SeCrEt+KeY/0123456789abcdefghij" },
    session: { accessKeyId: "ASIAQXH4SIMULATED002", secretAccessKey: "SeSsIoN/sEcReT+kEy/9876543210zyxwvutsrq", sessionToken: "IQoJb3JpZ2luX2VjEJr//////////simulated-session-token==" },
  };
  const state = createAwsSimState(region, [credentials.longTerm, credentials.session], options.now ?? (() => new Date()));
  const faults = createFaultQueue();
  const settle = () => state.pending.splice(0).forEach((apply) => apply());
  const server = createServer((request, response) => {
    handle(request, response).catch(() => send(response, serviceError("InternalException", "Internal error")));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const operation = routes[`${request.method} ${new URL(request.url ?? "/", "http://sim.invalid").pathname}`];
    if (!operation) return send(response, { status: 404, headers: { "x-amzn-errortype": "UnknownOperationException" }, body: { message: null } });
    const signed = { method: request.method ?? "", target: request.url ?? "/", headers: request.headersDistinct as Record<string, string[]>, body };
    const auth = verifySigV4(signed, { region, service: "securityhub", lookup: (id) => state.credentials.get(id), now: state.now() });
    state.requests.push({ operation, accessKeyId: auth.ok ? auth.accessKeyId : null, body: safeJson(body) });
    if (!auth.ok) return send(response, authError(auth));
    const fault = faults.take(operation);
    if (fault && fault.kind !== "unprocessed") {
      const answer = faultAnswer(fault);
      return answer ? send(response, answer) : undefined;
    }
    send(response, answerFor(operation, body, fault));
  }

  function answerFor(operation: AwsOperation, raw: Buffer, fault: AwsFault | null): AwsAnswer {
    const body = safeJson(raw);
    if (body === undefined || body === null || typeof body !== "object" || Array.isArray(body)) return serviceError("SerializationException", "The request body is not a JSON object");
    try {
      if (operation === "GetFindings") return getFindings(state, body as Record<string, unknown>);
      const held = state.pending.length;
      const answer = batchUpdateFindings(state, body as Record<string, unknown>);
      if (fault?.kind === "unprocessed") {
        state.pending.splice(held);
        return everyoneUnprocessed(answer, fault.errorCode);
      }
      if (!options.deferUpdates) settle();
      return answer;
    } catch (error) {
      if (error instanceof ServiceError) return serviceError(error.errorType, error.message);
      throw error;
    }
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region,
    credentials,
    state,
    inject: (fault, faultOptions) => faults.arm(fault, faultOptions),
    settle,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function everyoneUnprocessed(answer: AwsAnswer, errorCode: string): AwsAnswer {
  const { ProcessedFindings } = answer.body as { ProcessedFindings: unknown[] };
  return { status: 200, body: { ProcessedFindings: [], UnprocessedFindings: ProcessedFindings.map((FindingIdentifier) => ({ FindingIdentifier, ErrorCode: errorCode, ErrorMessage: `Simulated ${errorCode}` })) } };
}

function safeJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}
