// One process per PGlite data directory: a lock file naming the holder, checked before opening.
// PGlite keeps its pages in memory and writes them back on its own schedule, so two processes on one
// directory would silently corrupt it; this lock turns that into a clear refusal.
import fs from "node:fs";
import path from "node:path";

export type DataDirLock = { release(): void };

type LockContent = { pid: number; holder: string; since: string };

/** Thrown when another live process holds the data directory. The message is for a person. */
export class DataDirBusyError extends Error {
  constructor(dataDir: string, pid: number, holder: string) {
    super(
      `Le répertoire de données ${dataDir} est déjà utilisé par le processus ${pid} (${holder}). ` +
        "Arrêtez ce processus avant de lancer cette commande, ou utilisez un serveur PostgreSQL (DATABASE_URL).",
    );
    this.name = "DataDirBusyError";
  }
}

/** Directories this process holds: a second open in the same process is refused too. */
const heldHere = new Map<string, string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function pause(ms: number): void {
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function readLock(file: string): LockContent | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as LockContent;
  } catch {
    // missing, or half-written by a process that died while writing it
    return undefined;
  }
}

/**
 * Removes a lock left by a dead process. Two processes may find the same stale lock at once: a small
 * take-over file (created exclusively) makes sure only one of them removes it, and it checks again that the
 * lock is still the dead one before removing it, so a fresh lock taken meanwhile is never deleted.
 */
function removeStaleLock(file: string, stale: LockContent | undefined): void {
  const takeover = `${file}.reprise`;
  try {
    fs.writeFileSync(takeover, String(process.pid), { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    // Another process is taking over right now; a take-over file older than a few seconds is left by a crash.
    const age = Date.now() - (fs.statSync(takeover, { throwIfNoEntry: false })?.mtimeMs ?? 0);
    if (age > 5_000) fs.rmSync(takeover, { force: true });
    return;
  }
  try {
    const current = readLock(file);
    if (current?.pid === stale?.pid && current?.since === stale?.since) fs.rmSync(file, { force: true });
  } finally {
    fs.rmSync(takeover, { force: true });
  }
}

/** Takes the lock or throws DataDirBusyError; a lock left by a dead process is taken over. */
export function acquireDataDirLock(dataDir: string, holder: string): DataDirLock {
  const dir = fs.realpathSync(dataDir);
  const file = path.join(dir, "maillage.lock");
  const heldBy = heldHere.get(dir);
  if (heldBy !== undefined) throw new DataDirBusyError(dataDir, process.pid, heldBy);
  const content: LockContent = { pid: process.pid, holder, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(content), { flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const existing = readLock(file);
      if (!existing && Date.now() - (fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0) < 2_000) {
        pause(50); // another process is writing its lock right now
        continue;
      }
      // A lock with our own pid that this process does not hold was left by an earlier process that had the
      // same pid (common in containers, where the app is often pid 1).
      if (existing && existing.pid !== process.pid && isAlive(existing.pid)) {
        throw new DataDirBusyError(dataDir, existing.pid, existing.holder);
      }
      removeStaleLock(file, existing);
      pause(10 * attempt);
      continue;
    }
    heldHere.set(dir, holder);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      heldHere.delete(dir);
      process.removeListener("exit", release);
      if (readLock(file)?.pid === process.pid) fs.rmSync(file, { force: true });
    };
    process.once("exit", release);
    return { release };
  }
  throw new Error(`Impossible de verrouiller le répertoire de données ${dataDir}.`);
}
