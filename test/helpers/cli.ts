/** Runs the `switchyard` command (bin/switchyard.mjs) as a child process, as an operator would. */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = join(root, "bin", "switchyard.mjs");

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const folders: string[] = [];

/** An empty folder for an embedded database; `cleanupDataDirs()` removes every folder made so far. */
export function freshDataDir(): string {
  const folder = mkdtempSync(join(tmpdir(), "switchyard-cli-"));
  folders.push(folder);
  return folder;
}
export function cleanupDataDirs() {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
}

/** The environment of a child: this process's, minus anything that would point it at another database or key. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = { ...process.env };
  for (const name of ["DATABASE_URL", "REDIS_URL", "SWITCHYARD_SIGNING_KEYS", "SWITCHYARD_ENCRYPTION_KEYS", "PORT", "HOST", "NODE_ENV"]) delete inherited[name];
  return { ...inherited, LOG_LEVEL: "warn", ...env };
}

export function startCli(args: string[], env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [bin, ...args], { cwd: root, env: childEnv(env) });
}

export function finished(child: ChildProcessWithoutNullStreams): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export const runCli = (args: string[], env: Record<string, string>) => finished(startCli(args, env));

/** Resolves with the first capture group of `pattern` once the child's stdout matches it. */
export function waitForLine(child: ChildProcessWithoutNullStreams, pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; output so far:\n${seen}`)), timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once("close", () => {
      clearTimeout(timer);
      reject(new Error(`exited before printing a line matching ${pattern}; output:\n${seen}`));
    });
  });
}

/** A Node stack frame in the output means an error escaped without a message written for people. */
export const stackFrame = /^\s+at .+:\d+:\d+\)?$/m;
