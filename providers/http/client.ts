/**
 * The shared provider HTTP client, transport only: it prepares the request, makes attempts until one is
 * accepted or `decideRetry` gives up, runs that whole call through the integration's circuit breaker, and reports it.
 */
import type { TransportSettings } from "../definition.ts";
import { agentFor } from "./agent.ts";
import { breakerFor, callThrough, type BreakerOptions, type CallOutcome } from "./breaker.ts";
import { decideRetry, type AttemptOutcome, type RetryPolicy } from "./decide-retry.ts";
import { errorForFailure, type FailureKind } from "./map-error.ts";
import { authorizationHeader, toWireRequest, type WireRequest } from "./prepare.ts";
import { sendOnce, type Exchange } from "./send.ts";
import type { HttpClientOptions, ProviderHttpClient, ProviderRequest, ProviderResponse } from "./types.ts";

export interface CreateHttpClientOptions extends HttpClientOptions {
  settings: TransportSettings;
  /** Overrides of the retry policy, e.g. a tiny backoff base in tests. */
  retryPolicy?: Partial<RetryPolicy>;
  /** Source of backoff jitter in [0, 1); tests pass a constant. */
  random?: () => number;
  /** Breaker tuning, applied when the integration's breaker is first created. */
  breaker?: Partial<BreakerOptions>;
}

interface Tally {
  started: number;
  attempts: number;
  bytes: number;
  status: number | null;
}

const idempotentByDefault = new Set<string>(["GET", "PUT", "DELETE"]);

type ClientRequest = ProviderRequest & { acceptStatus?: number[] };

/** What an attempt amounts to: a response the call accepts, or, for `decideRetry`, what it produced instead. */
type Judged = { accepted: ProviderResponse } | AttemptOutcome;

/** The empty 2xx that adapters' `send` expects of a DELETE, for one an earlier attempt already carried out. */
const alreadyDeleted: ProviderResponse = { status: 204, headers: {}, body: null, bytes: 0 };

/**
 * A 2xx is accepted unless the request finds in its body a fault on the provider's side; another status only if the
 * adapter listed it. A DELETE's 404 after an attempt that may have deleted the object is that attempt's success:
 * NOT_FOUND would tell the caller that a deletion which did happen had failed.
 */
function judge(exchange: Exchange, request: ClientRequest, earlierMayHaveApplied: boolean): Judged {
  if (!("response" in exchange)) return exchange;
  const { status, headers, body } = exchange.response;
  if (status >= 200 && status < 300) return request.reportsProviderFault?.(body) ? { failure: "provider-fault", httpStatus: status } : { accepted: exchange.response };
  if (status === 404 && request.method === "DELETE" && earlierMayHaveApplied) return { accepted: alreadyDeleted };
  return request.acceptStatus?.includes(status) ? { accepted: exchange.response } : { status, headers };
}

const providerSideFailures = new Set<FailureKind>(["timeout", "network", "provider-fault"]);

/** Only failures on the provider's side count toward opening the circuit: 5xx, timeouts, lost connections, reported faults. Never 4xx. */
function isProviderDown(outcome: AttemptOutcome): boolean {
  return "status" in outcome ? outcome.status >= 500 : providerSideFailures.has(outcome.failure);
}

/** The report carries what came over the wire, a 2xx that reported a fault included. */
function record(exchange: Exchange, tally: Tally): void {
  if ("response" in exchange) {
    tally.status = exchange.response.status;
    tally.bytes += exchange.response.bytes;
  } else if (exchange.httpStatus !== undefined) tally.status = exchange.httpStatus;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createHttpClient(options: CreateHttpClientOptions): ProviderHttpClient {
  const { descriptor, settings } = options;
  const policy: RetryPolicy = { maxRetries: settings.maxRetries, baseDelayMs: 250, maxDelayMs: 4_000, maxWaitMs: 10_000, ...options.retryPolicy };
  const random = options.random ?? Math.random;
  const authorization = authorizationHeader(options.auth);
  const agent = agentFor(settings);

  function attempt(wire: WireRequest, deadline: number, tally: Tally): Promise<Exchange> {
    const timeoutMs = deadline - Date.now();
    if (timeoutMs <= 0) return Promise.resolve({ failure: "timeout" });
    tally.attempts++;
    return sendOnce(wire, agent, { timeoutMs, maxResponseBytes: settings.maxResponseBytes });
  }

  /** One logical call: attempts, with waits between them, until a response is accepted or `decideRetry` gives up. */
  async function settle(wire: WireRequest, request: ClientRequest, tally: Tally): Promise<CallOutcome<ProviderResponse>> {
    const idempotent = request.idempotent ?? idempotentByDefault.has(request.method);
    // totalTimeoutMs bounds the whole call, waits and retries included; each attempt gets what is left.
    const deadline = tally.started + settings.totalTimeoutMs;
    let earlierMayHaveApplied = false;
    for (;;) {
      const exchange = await attempt(wire, deadline, tally);
      record(exchange, tally);
      const judged = judge(exchange, request, earlierMayHaveApplied);
      if ("accepted" in judged) return { value: judged.accepted };
      const now = Date.now();
      const decision = decideRetry({ attempts: tally.attempts, idempotent, outcome: judged, now, remainingMs: deadline - now }, policy, descriptor, random);
      if (!decision.retry) return { error: decision.error, providerDown: isProviderDown(judged) };
      // A lost answer may hide a finished request, and so may a 5xx (a gateway's 502/504 can front one that completed); a 408 or 429 was refused unprocessed.
      earlierMayHaveApplied ||= isProviderDown(judged);
      await sleep(decision.delayMs);
    }
  }

  return {
    async request(request) {
      const tally: Tally = { started: Date.now(), attempts: 0, bytes: 0, status: null };
      try {
        const wire = toWireRequest(options.baseUrl, authorization, request, descriptor.providerId);
        // The breaker sits outside the retry loop, so it counts this call once, by how it finally ended
        // (see breaker.ts). While the circuit is open the provider is not contacted at all.
        const breaker = breakerFor(options.breakerKey, options.breaker);
        return await callThrough(breaker, () => settle(wire, request, tally), () => errorForFailure(descriptor.providerId, "circuit-open"));
      } finally {
        const { started, ...counts } = tally;
        try {
          options.onResponse?.({ operation: request.operation, latencyMs: Date.now() - started, ...counts });
        } catch {
          // A failing status reporter must not change the outcome of the provider call.
        }
      }
    },
  };
}
