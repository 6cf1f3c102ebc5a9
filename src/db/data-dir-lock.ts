// One process per PGlite data directory: a lock file naming the holder, checked before opening.
import fs from "node:fs";
import path from "node:path";

export type DataDirLock = { release(): void };

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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the lock or throws DataDirBusyError; a lock left by a dead process is taken over. */
export function acquireDataDirLock(dataDir: string, holder: string): DataDirLock {
  const file = path.join(dataDir, "maillage.lock");
  const content = JSON.stringify({ pid: process.pid, holder, since: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, content, { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const current = JSON.parse(fs.readFileSync(file, "utf8")) as { pid: number };
          if (current.pid === process.pid) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once("exit", release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let existing: { pid: number; holder: string } | undefined;
      try {
        existing = JSON.parse(fs.readFileSync(file, "utf8")) as { pid: number; holder: string };
      } catch {
        existing = undefined;
      }
      if (existing && existing.pid !== process.pid && isAlive(existing.pid)) {
        throw new DataDirBusyError(dataDir, existing.pid, existing.holder);
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Impossible de verrouiller ${dataDir}`);
}
