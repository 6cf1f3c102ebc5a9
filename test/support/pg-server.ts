// Starts a throw-away PostgreSQL server in a temporary directory (tests and benchmarks).
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export type PgServer = { url: string; dir: string; port: number; stop(): void };

function findBinary(name: string): string | undefined {
  const candidates = [
    ...(process.env.PG_BIN ? [path.join(process.env.PG_BIN, name)] : []),
    ...fs.existsSync("/usr/lib/postgresql") ? fs.readdirSync("/usr/lib/postgresql").sort().reverse().map((v) => `/usr/lib/postgresql/${v}/bin/${name}`) : [],
  ];
  for (const c of candidates) if (fs.existsSync(c)) return c;
  const which = spawnSync("which", [name], { encoding: "utf8" });
  return which.status === 0 ? which.stdout.trim() : undefined;
}

/** True when initdb, pg_ctl and postgres can be found on this machine. */
export function pgBinariesAvailable(): boolean {
  return Boolean(findBinary("initdb") && findBinary("pg_ctl"));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Runs a PostgreSQL tool; as root, through the postgres account (initdb refuses root). */
function runAsDbUser(binary: string, args: string[], dir: string): void {
  const isRoot = process.getuid?.() === 0;
  const [cmd, argv] = isRoot ? ["runuser", ["-u", "postgres", "--", binary, ...args]] : [binary, args];
  execFileSync(cmd, argv, { stdio: ["ignore", "pipe", "pipe"], cwd: dir });
}

/** Initialises and starts a server with durability off (test speed), listening on 127.0.0.1 only. */
export async function startPgServer(): Promise<PgServer> {
  const initdb = findBinary("initdb");
  const pgCtl = findBinary("pg_ctl");
  if (!initdb || !pgCtl) throw new Error("PostgreSQL server binaries not found (apt-get install postgresql)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "maillage-pg-"));
  fs.chmodSync(dir, 0o755);
  if (process.getuid?.() === 0) execFileSync("chown", ["postgres:postgres", dir]);
  const data = path.join(dir, "data");
  runAsDbUser(initdb, ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale", "C.UTF-8"], dir);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
  runAsDbUser(pgCtl, ["-D", data, "-o", options, "-l", path.join(dir, "log"), "-w", "start"], dir);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dir,
    port,
    stop() {
      try {
        runAsDbUser(pgCtl, ["-D", data, "-m", "immediate", "-w", "stop"], dir);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Starts a streaming replica of a running test server, as production would (pg_basebackup -R: a copy of the
 * cluster that replays the primary's WAL as it comes), in a temporary directory, on a port of its own.
 */
export async function startPgReplica(primaryUrl: string): Promise<PgServer> {
  const basebackup = findBinary("pg_basebackup");
  const pgCtl = findBinary("pg_ctl");
  if (!basebackup || !pgCtl) throw new Error("PostgreSQL server binaries not found (apt-get install postgresql)");
  const primary = new URL(primaryUrl);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "maillage-pg-replica-"));
  fs.chmodSync(dir, 0o755);
  if (process.getuid?.() === 0) execFileSync("chown", ["postgres:postgres", dir]);
  const data = path.join(dir, "data");
  runAsDbUser(basebackup, ["-D", data, "-h", primary.hostname, "-p", primary.port, "-U", "postgres", "-R", "-X", "stream", "--no-sync", "-c", "fast"], dir);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c hot_standby=on -c max_connections=300`;
  runAsDbUser(pgCtl, ["-D", data, "-o", options, "-l", path.join(dir, "log"), "-w", "start"], dir);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dir,
    port,
    stop() {
      try {
        runAsDbUser(pgCtl, ["-D", data, "-m", "immediate", "-w", "stop"], dir);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
