/** Child processes for the subscription benchmark: open-file limits, readiness, and /proc readings of RSS. */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import WebSocket from "ws";

export function openFileLimit(): number {
  return Number(spawnSync("sh", ["-c", "ulimit -n"], { encoding: "utf8" }).stdout.trim());
}

/** Runs `node args…` with its open-file limit raised to `files` when the current one is lower. */
export function spawnWithFiles(files: number, args: string[], childEnv: Record<string, string>): ChildProcess {
  const script = `[ "$(ulimit -n)" -ge ${files} ] || ulimit -n ${files} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$0" "$@"`;
  return spawn("sh", ["-c", script, process.execPath, ...args], { env: { ...process.env, ...childEnv }, stdio: ["ignore", "ignore", "inherit"] });
}

export async function waitReady(child: ChildProcess, url: string) {
  for (let attempt = 0; attempt < 240; attempt++) {
    if (await fetch(url).then((response) => response.ok, () => false)) return;
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the gateway did not become ready at ${url}`);
}

/** Read from /proc; `pid` is the child's own (its shell execs into node). */
export const residentKiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
/** Asks the gateway for a heap snapshot (written to BENCH_HEAP_SNAPSHOT) and gives it time to finish. */
export async function heapSnapshot(pid: number) {
  process.kill(pid, "SIGUSR2");
  await sleep(15_000);
}
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A full garbage collection in a process started with `--inspect=127.0.0.1:<port>`, through the
 * DevTools protocol: RSS read afterwards counts what the process holds, not what it has yet to
 * collect (which depends on how much garbage the last burst of work left, not on what is held).
 */
export async function collectGarbage(inspectPort: number): Promise<void> {
  const [target] = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  if (!target) throw new Error(`no inspector target on port ${inspectPort}`);
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  await new Promise<void>((resolve) => {
    socket.on("message", (data) => (JSON.parse(String(data)) as { id?: number }).id === 1 && resolve());
    socket.send(JSON.stringify({ id: 1, method: "HeapProfiler.collectGarbage" }));
  });
  socket.close();
}

/** Median of three readings a second apart, after a full collection when the process has an inspector port: RSS moves as the collector runs. */
export async function settledResidentKiB(pid: number, inspectPort?: number): Promise<number> {
  if (inspectPort) await collectGarbage(inspectPort);
  const readings: number[] = [];
  for (let reading = 0; reading < 3; reading++) {
    await sleep(1_000);
    readings.push(residentKiB(pid));
  }
  return readings.sort((a, b) => a - b)[1] as number;
}
