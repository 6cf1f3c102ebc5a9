// Backups: pg_dump / pg_restore on a PostgreSQL server, a compressed dump of the data directory on PGlite.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { openDatabase, pgliteExtensions, splitPassword } from "../db/client.js";
import { acquireDataDirLock } from "../db/data-dir-lock.js";
import { CliError } from "./shared.js";

export type BackupTarget = {
  /** A PostgreSQL server URL; without it, the PGlite data directory. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Directory of pg_dump and pg_restore (PG_BIN); by default, found on PATH. */
  pgBin?: string | undefined;
};

export type BackupResult = { file: string; bytes: number };
export type RestoreResult = { file: string; previous?: string };

const gzipMagic = Buffer.from([0x1f, 0x8b]);
const pgDumpMagic = Buffer.from("PGDMP");

function fileStart(file: string): Buffer {
  const fd = fs.openSync(file, "r");
  try {
    const buffer = Buffer.alloc(5);
    const read = fs.readSync(fd, buffer, 0, 5, 0);
    return buffer.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

/** "2027-03-02T09-00-00": a timestamp usable in a file name on every system. */
function stamp(now: Date): string {
  return now.toISOString().slice(0, 19).replace(/:/g, "-");
}

/** Runs pg_dump or pg_restore; a missing binary or a failure becomes a one-line French error. */
function runPgTool(tool: "pg_dump" | "pg_restore", args: string[], { pgBin, password }: { pgBin?: string | undefined; password?: string | undefined }): Promise<void> {
  const binary = pgBin ? path.join(pgBin, tool) : tool;
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, {
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString("utf8")).slice(-4000);
    });
    child.on("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "ENOENT"
          ? new CliError(`${tool} est introuvable : installez le client PostgreSQL (apt-get install postgresql-client).`)
          : new CliError(`${tool} n'a pas pu démarrer : ${error.message}`),
      );
    });
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new CliError(`${tool} a échoué (code ${code}) : ${stderr.trim().split("\n").slice(-3).join(" / ") || "aucun détail"}`));
    });
  });
}

/** Writes `work`'s output to a temporary name then renames it, so an interrupted backup never looks complete. */
async function writeAtomically(file: string, work: (partial: string) => Promise<void>): Promise<number> {
  const partial = `${file}.partiel`;
  try {
    await work(partial);
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  return fs.statSync(file).size;
}

/** Backs up the configured database to `file`: a pg_dump archive, or the gzipped PGlite data directory. */
export async function backupDatabase(target: BackupTarget, file: string): Promise<BackupResult> {
  const destination = path.resolve(file);
  if (!fs.existsSync(path.dirname(destination))) throw new CliError(`le dossier ${path.dirname(destination)} n'existe pas.`);
  if (target.databaseUrl) {
    const { url, password } = splitPassword(target.databaseUrl);
    const bytes = await writeAtomically(destination, (partial) =>
      runPgTool("pg_dump", ["--format=custom", `--file=${partial}`, "--no-password", `--dbname=${url}`], { pgBin: target.pgBin, password }),
    );
    return { file: destination, bytes };
  }
  if (!fs.existsSync(path.join(target.dataDir, "pglite"))) throw new CliError(`aucune base à sauvegarder dans ${target.dataDir}.`);
  // Opening takes the data-directory lock: a running server makes this stop with a clear message.
  const database = await openDatabase({ dataDir: target.dataDir, holder: "maillage backup" });
  try {
    const dump = await database.pglite!.dumpDataDir("gzip");
    const bytes = await writeAtomically(destination, async (partial) => fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer())));
    return { file: destination, bytes };
  } finally {
    await database.close();
  }
}

/** Restores `file` over the configured database (see restoreServer and restorePglite). */
export async function restoreDatabase(target: BackupTarget, file: string, now: Date): Promise<RestoreResult> {
  const source = path.resolve(file);
  if (!fs.existsSync(source) || !fs.statSync(source).isFile()) throw new CliError(`fichier introuvable : ${source}`);
  const start = fileStart(source);
  const isPgDump = start.subarray(0, 5).equals(pgDumpMagic);
  const isPglite = start.subarray(0, 2).equals(gzipMagic);
  if (target.databaseUrl) {
    if (isPglite) throw new CliError("ce fichier est une sauvegarde PGlite : sans DATABASE_URL, maillage restore la charge dans le répertoire de données.");
    if (!isPgDump) throw new CliError("ce fichier n'est pas une sauvegarde de Maillage (format pg_dump attendu).");
    await restoreServer(target, source);
    return { file: source };
  }
  if (isPgDump) throw new CliError("ce fichier est une sauvegarde pg_dump d'un serveur PostgreSQL : définissez DATABASE_URL pour la restaurer sur un serveur.");
  if (!isPglite) throw new CliError("ce fichier n'est pas une sauvegarde de Maillage (archive PGlite compressée attendue).");
  return restorePglite(target.dataDir, source, now);
}

/**
 * pg_restore in one transaction (a failure leaves the database as it was), replacing existing objects.
 * The restricted role of row-level security is a cluster object that pg_dump does not carry: it is created
 * first if this server does not have it yet.
 */
async function restoreServer(target: BackupTarget, source: string): Promise<void> {
  const client = new pg.Client({ connectionString: target.databaseUrl });
  await client.connect();
  try {
    await client.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'maillage_app') THEN CREATE ROLE maillage_app NOLOGIN; END IF;
    END $$`);
    await client.query("GRANT maillage_app TO CURRENT_USER");
  } catch {
    // Without the right to manage roles: if the role is really missing, pg_restore stops on its GRANT and says so.
  } finally {
    await client.end();
  }
  const { url, password } = splitPassword(target.databaseUrl!);
  await runPgTool(
    "pg_restore",
    ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", "--no-password", `--dbname=${url}`, source],
    { pgBin: target.pgBin, password },
  );
}

/**
 * Loads the dump into a new directory beside the current one, checks it, then swaps: the previous database
 * is kept as `pglite.avant-restauration-<date>`. Refused while another process holds the data directory.
 */
async function restorePglite(dataDir: string, source: string, now: Date): Promise<RestoreResult> {
  fs.mkdirSync(dataDir, { recursive: true });
  const lock = acquireDataDirLock(dataDir, "maillage restore");
  const current = path.join(dataDir, "pglite");
  const incoming = path.join(dataDir, `pglite.restauration-${stamp(now)}`);
  try {
    fs.rmSync(incoming, { recursive: true, force: true });
    const client = await PGlite.create(incoming, { loadDataDir: new Blob([fs.readFileSync(source)]), extensions: pgliteExtensions }).catch((error: Error) => {
      throw new CliError(`impossible de lire cette sauvegarde PGlite : ${error.message}`);
    });
    try {
      const check = await client.query<{ found: string | null }>("select to_regclass('public.territories')::text as found");
      if (!check.rows[0]?.found) throw new CliError("cette sauvegarde ne contient pas de base Maillage.");
    } finally {
      await client.close();
    }
    let previous: string | undefined;
    if (fs.existsSync(current)) {
      previous = path.join(dataDir, `pglite.avant-restauration-${stamp(now)}`);
      for (let n = 2; fs.existsSync(previous); n++) previous = path.join(dataDir, `pglite.avant-restauration-${stamp(now)}-${n}`);
      fs.renameSync(current, previous);
    }
    fs.renameSync(incoming, current);
    return { file: source, ...(previous ? { previous } : {}) };
  } finally {
    fs.rmSync(incoming, { recursive: true, force: true });
    lock.release();
  }
}
