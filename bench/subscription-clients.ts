/**
 * The client side of bench/subscriptions.ts: processes that each hold many graphql-ws connections
 * (raw protocol over `ws`, one `subscribe` per connection, as a browser tab would), measure each
 * event's delay from its `time` field, and answer the benchmark over IPC. `Clients` is the
 * benchmark's handle on them.
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";

const histogramSize = 60_001;

/** A `subscribe` message's payload. */
export interface Subscribe {
  query: string;
  variables?: Record<string, unknown>;
}

/** Messages between the benchmark and its client processes. */
type ToClient = { type: "open"; url: string; tokens: string[]; count: number; first: number; subscriptions: Subscribe[] } | { type: "reset" } | { type: "report" } | { type: "close" };
interface ClientReport {
  type: "report";
  open: number;
  acked: number;
  received: number;
  minPerSocket: number;
  maxPerSocket: number;
  lastReceiptAt: number;
  closeCodes: Record<string, number>;
  histogram: number[];
}
type FromClient = { type: "opened"; acked: number; failed: number; errors: string[] } | ClientReport;

function runClient() {
  interface Subscriber {
    socket: WebSocket;
    acked: boolean;
    received: number;
  }
  const subscribers: Subscriber[] = [];
  let histogram = new Uint32Array(histogramSize);
  let lastReceiptAt = 0;
  const closeCodes: Record<string, number> = {};
  const send = (message: FromClient) => process.send?.(message);

  function open(url: string, token: string, subscription: Subscribe): Promise<string | null> {
    return new Promise((resolve) => {
      const subscriber: Subscriber = { socket: new WebSocket(url, "graphql-transport-ws", { perMessageDeflate: false }), acked: false, received: 0 };
      const { socket } = subscriber;
      const deadline = setTimeout(() => resolve("no connection_ack within 60 s"), 60_000);
      socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${token}` } })));
      socket.on("message", (data) => {
        const receivedAt = Date.now();
        const message = JSON.parse(String(data)) as { type: string; payload?: { data?: Record<string, { time: string }>; errors?: unknown } };
        if (message.type === "connection_ack") {
          subscriber.acked = true;
          socket.send(JSON.stringify({ type: "subscribe", id: "1", payload: subscription }));
          clearTimeout(deadline);
          resolve(null);
        } else if (message.type === "next") {
          const event = message.payload?.data && Object.values(message.payload.data)[0];
          if (!event) return;
          subscriber.received++;
          lastReceiptAt = receivedAt;
          const bucket = Math.min(histogramSize - 1, Math.max(0, receivedAt - Date.parse(event.time)));
          histogram[bucket] = (histogram[bucket] as number) + 1;
        } else if (message.type === "error") {
          const key = `error: ${JSON.stringify(message.payload).slice(0, 120)}`;
          closeCodes[key] = (closeCodes[key] ?? 0) + 1;
        }
      });
      socket.on("close", (code) => {
        closeCodes[code] = (closeCodes[code] ?? 0) + 1;
        clearTimeout(deadline);
        resolve(`closed with ${code}`);
      });
      socket.on("error", (error) => resolve(error.message));
      subscribers.push(subscriber);
    });
  }

  process.on("message", async (message: ToClient) => {
    if (message.type === "open") {
      const errors: string[] = [];
      let next = 0;
      // A bounded number of handshakes in flight, as a crowd of browsers would arrive.
      const opener = async () => {
        while (next < message.count) {
          const index = next++;
          const nth = message.first + index;
          const error = await open(message.url, message.tokens[nth % message.tokens.length] as string, message.subscriptions[nth % message.subscriptions.length] as Subscribe);
          if (error) errors.push(error);
        }
      };
      await Promise.all(Array.from({ length: Math.min(100, message.count) }, opener));
      send({ type: "opened", acked: subscribers.filter((s) => s.acked).length, failed: errors.length, errors: [...new Set(errors)].slice(0, 5) });
    } else if (message.type === "reset") {
      histogram = new Uint32Array(histogramSize);
      for (const subscriber of subscribers) subscriber.received = 0;
      lastReceiptAt = 0;
    } else if (message.type === "report") {
      const counts = subscribers.map((s) => s.received);
      send({
        type: "report",
        open: subscribers.filter((s) => s.socket.readyState === WebSocket.OPEN).length,
        acked: subscribers.filter((s) => s.acked).length,
        received: counts.reduce((sum, count) => sum + count, 0),
        minPerSocket: Math.min(...counts),
        maxPerSocket: Math.max(...counts),
        lastReceiptAt,
        closeCodes,
        histogram: Array.from(histogram),
      });
    } else {
      for (const subscriber of subscribers) subscriber.socket.terminate();
      process.exit(0);
    }
  });
}

export function percentileOfHistogram(histogram: number[], p: number): number {
  const total = histogram.reduce((sum, count) => sum + count, 0);
  let seen = 0;
  for (let ms = 0; ms < histogram.length; ms++) {
    seen += histogram[ms] as number;
    if (seen >= (p / 100) * total) return ms;
  }
  return histogram.length - 1;
}

export class Clients {
  private readonly children: ChildProcess[] = [];
  constructor(count: number, files: number) {
    for (let index = 0; index < count; index++) {
      const script = `[ "$(ulimit -n)" -ge ${files} ] || ulimit -n ${files} 2>/dev/null || true; exec "$0" "$@"`;
      // fork() needs an IPC channel; the shell passes it on to node (fd 3 stays open across exec).
      this.children.push(fork(fileURLToPath(import.meta.url), [], { env: { ...process.env, BENCH_ROLE: "client" }, execPath: "sh", execArgv: ["-c", script, process.execPath, ...process.execArgv] }));
    }
  }
  private ask<T extends FromClient>(child: ChildProcess, message: ToClient, answer: T["type"]): Promise<T> {
    return new Promise((resolve, reject) => {
      const onMessage = (reply: FromClient) => {
        if (reply.type !== answer) return;
        child.off("message", onMessage);
        resolve(reply as T);
      };
      child.on("message", onMessage);
      child.once("exit", (code) => reject(new Error(`client process exited with ${code}`)));
      child.send(message);
    });
  }
  /** Opens `total` subscribers over all client processes; the n-th uses token n and subscription n (each list taken round robin). */
  async open(url: string, tokens: string[], total: number, subscriptions: Subscribe[]) {
    const share = Math.ceil(total / this.children.length);
    const replies = await Promise.all(
      this.children.map((child, index) =>
        this.ask<Extract<FromClient, { type: "opened" }>>(child, { type: "open", url, tokens, count: Math.min(share, total - index * share), first: index * share, subscriptions }, "opened"),
      ),
    );
    return { acked: replies.reduce((sum, reply) => sum + reply.acked, 0), failed: replies.reduce((sum, reply) => sum + reply.failed, 0), errors: replies.flatMap((reply) => reply.errors) };
  }
  reset() {
    for (const child of this.children) child.send({ type: "reset" } satisfies ToClient);
  }
  async report() {
    const reports = await Promise.all(this.children.map((child) => this.ask<ClientReport>(child, { type: "report" }, "report")));
    const histogram = new Array<number>(histogramSize).fill(0);
    for (const report of reports) report.histogram.forEach((count, ms) => (histogram[ms] = (histogram[ms] as number) + count));
    const closeCodes: Record<string, number> = {};
    for (const report of reports) for (const [code, count] of Object.entries(report.closeCodes)) closeCodes[code] = (closeCodes[code] ?? 0) + count;
    return {
      open: reports.reduce((sum, report) => sum + report.open, 0),
      received: reports.reduce((sum, report) => sum + report.received, 0),
      minPerSocket: Math.min(...reports.map((report) => report.minPerSocket)),
      maxPerSocket: Math.max(...reports.map((report) => report.maxPerSocket)),
      lastReceiptAt: Math.max(...reports.map((report) => report.lastReceiptAt)),
      closeCodes,
      histogram,
    };
  }
  async close() {
    await Promise.all(
      this.children.map((child) => {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.send({ type: "close" } satisfies ToClient);
        return exited;
      }),
    );
  }
}

if (process.env.BENCH_ROLE === "client") runClient();
