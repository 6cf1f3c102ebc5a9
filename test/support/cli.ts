// Runs the real `maillage` command (node bin/maillage.js) in a child process, as an operator would.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bin = path.join(repoRoot, "bin/maillage.js");

export type CliResult = { code: number | null; stdout: string; stderr: string };

/** The environment of a CLI run: a data directory of its own, no server, no SMTP unless given. */
export function cliEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, MAILLAGE_DATA_DIR: dataDir, NODE_ENV: "test", ...extra };
  for (const key of ["DATABASE_URL", "MIGRATION_DATABASE_URL", "DATABASE_REPLICA_URL", "SMTP_URL", "PORT", "PUBLIC_URL", "DEBUG"]) if (!(key in extra)) delete env[key];
  return env;
}

/**
 * Runs `maillage <args>` to completion; as another system user with `uid`/`gid`; with `closeStdout`, the reading
 * end of its output closed at once, as by `| head -1` (what it prints is then not collected).
 */
export function runCli(args: string[], env: NodeJS.ProcessEnv, options: { uid?: number; gid?: number; closeStdout?: boolean } = {}): Promise<CliResult> {
  const { closeStdout = false, ...user } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"], ...user });
    if (closeStdout) child.stdout.destroy();
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** What `find` returns once it returns something, trying every 200 ms; an error after `timeoutMs`. */
export async function waitFor<T>(find: () => T | undefined, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A fresh temporary data directory; removed by the returned function. */
export function tempDataDir(prefix = "maillage-cli-"): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export type RunningCli = { child: ChildProcess; url: string; output(): string; stop(): Promise<void> };

/**
 * Starts `maillage serve [args]` on a free port (node started with `nodeArgs`) and waits until /sante answers;
 * without background jobs unless `worker`.
 */
export async function startCliServer(
  env: NodeJS.ProcessEnv,
  { timeoutMs = 60_000, nodeArgs = [] as string[], args = [] as string[], worker = false } = {},
): Promise<RunningCli> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...nodeArgs, bin, "serve", ...args], {
    cwd: repoRoot,
    env: { ...env, PORT: String(port), HOST: "127.0.0.1", PUBLIC_URL: url, MAILLAGE_WORKER: worker ? "1" : "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`maillage serve exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${url}/sante`);
      if (response.ok) return { child, url, output: () => output, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`maillage serve did not answer /sante within ${timeoutMs} ms:\n${output}`);
}
