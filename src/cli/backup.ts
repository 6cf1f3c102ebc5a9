// Backups: pg_dump / pg_restore on a PostgreSQL server, a compressed dump of the data directory on PGlite.
import { plural } from "../lib/format.js";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { migrationsFolder, openDatabase, pgliteExtensions, splitPassword } from "../db/client.js";
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

/**
 * Runs pg_dump or pg_restore and returns what it printed; a missing binary or a failure becomes a one-line French
 * error.
 */
function runPgTool(tool: "pg_dump" | "pg_restore", args: string[], { pgBin, password }: { pgBin?: string | undefined; password?: string | undefined }): Promise<string> {
  const binary = pgBin ? path.join(pgBin, tool) : tool;
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
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
      if (code === 0) resolve(stdout);
      else reject(new CliError(`${tool} a échoué (code ${code}) : ${stderr.trim().split("\n").slice(-3).join(" / ") || "aucun détail"}`));
    });
  });
}

/**
 * Writes `work`'s output to a temporary name then renames it, so an interrupted backup never looks complete.
 * The file is created 0600 before `work` fills it (pg_dump keeps the mode of a file it truncates): a backup
 * holds personal data, readable by its owner only whatever the umask.
 */
async function writeAtomically(file: string, work: (partial: string) => Promise<void>): Promise<number> {
  const partial = `${file}.partiel`;
  try {
    fs.rmSync(partial, { force: true });
    fs.closeSync(fs.openSync(partial, "wx", 0o600));
    await work(partial);
    fs.chmodSync(partial, 0o600);
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  return fs.statSync(file).size;
}

/** Creates a missing backup folder (and its parents) 0700; one that cannot be created is said in French. */
function ensureBackupFolder(folder: string): void {
  if (fs.existsSync(folder)) {
    if (!fs.statSync(folder).isDirectory()) throw new CliError(`${folder} n'est pas un dossier.`);
    return;
  }
  try {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new CliError(
      `impossible de créer le dossier ${folder} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}) : ` +
        `créez-le pour l'utilisateur qui lance la sauvegarde, par exemple install -d -m 0700 -o maillage -g maillage ${folder}`,
    );
  }
}

/** Backs up the configured database to `file`: a pg_dump archive, or the gzipped PGlite data directory. */
export async function backupDatabase(target: BackupTarget, file: string): Promise<BackupResult> {
  const destination = path.resolve(file);
  ensureBackupFolder(path.dirname(destination));
  if (target.databaseUrl) {
    const { url, password } = splitPassword(target.databaseUrl);
    const bytes = await writeAtomically(destination, async (partial) => {
      await runPgTool("pg_dump", ["--format=custom", `--file=${partial}`, "--no-password", `--dbname=${url}`], { pgBin: target.pgBin, password });
    });
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

/** The migrations this release knows (their `when`, which drizzle stores as `created_at`). */
function knownMigrations(): Set<string> {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8")) as { entries: { when: number }[] };
  return new Set(journal.entries.map((entry) => String(entry.when)));
}

/** Refuses a backup taken by a newer release: this code must never run against a schema it does not know. */
function refuseNewerBackup(backupMigrations: string[]): void {
  const known = knownMigrations();
  const unknown = backupMigrations.filter((when) => !known.has(when));
  if (unknown.length > 0) {
    throw new CliError(
      `cette sauvegarde vient d'une version plus récente de Maillage (${plural(unknown.length, "migration", "migrations")} que cette version ne connaît pas) : ` +
        "installez d'abord cette version-là, puis restaurez. Rien n'a été modifié.",
    );
  }
}

/** The migrations recorded in a pg_dump archive (the data of drizzle.__drizzle_migrations), read with pg_restore. */
async function migrationsInDump(target: BackupTarget, source: string): Promise<string[]> {
  const script = await runPgTool("pg_restore", ["--data-only", "--schema=drizzle", "--table=__drizzle_migrations", "--file=-", source], { pgBin: target.pgBin });
  const lines = script.split("\n");
  const start = lines.findIndex((line) => line.startsWith("COPY drizzle.__drizzle_migrations "));
  if (start < 0) throw new CliError("ce fichier n'est pas une sauvegarde de Maillage (aucune migration enregistrée).");
  const columns = /\((.*)\)/.exec(lines[start]!)![1]!.split(",").map((column) => column.trim());
  const createdAt = columns.indexOf("created_at");
  const rows: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line === "\\.") break;
    rows.push(line.split("\t")[createdAt]!);
  }
  return rows;
}

const sameMigrations = (a: string[], b: string[]) => a.length === b.length && [...a].sort().every((when, i) => when === [...b].sort()[i]);

/**
 * What pg_restore needs of the restricted role of row-level security (a cluster object that pg_dump does not
 * carry): that it exists and that the restoring role may switch to it. Created or granted here when this role
 * may; otherwise a French error gives the SQL a superuser runs, before anything is restored (pg_restore alone
 * would stop on "role maillage_app does not exist", or restore a database the app cannot use).
 */
async function ensureRestrictedRole(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ me: string; quoted: string; present: boolean }>(
    "select current_user as me, quote_ident(current_user) as quoted, exists (select 1 from pg_roles where rolname = 'maillage_app') as present",
  );
  const { me, quoted, present } = rows[0]!;
  const asSuperuser = `(en superutilisateur, par exemple : runuser -u postgres -- psql)`;
  try {
    if (!present) await client.query("CREATE ROLE maillage_app NOLOGIN");
  } catch (error) {
    if ((error as { code?: string }).code !== "42501") throw error;
    throw new CliError(
      `le rôle maillage_app n'existe pas sur ce serveur et le rôle ${me} n'a pas le droit de créer des rôles (CREATEROLE). ` +
        `Faites exécuter ${asSuperuser} : CREATE ROLE maillage_app NOLOGIN; GRANT maillage_app TO ${quoted}; puis relancez la restauration. Rien n'a été modifié.`,
    );
  }
  const member = await client.query<{ member: boolean }>("select pg_has_role(current_user, 'maillage_app', 'MEMBER') as member");
  if (member.rows[0]!.member) return;
  try {
    await client.query("GRANT maillage_app TO CURRENT_USER");
  } catch (error) {
    if ((error as { code?: string }).code !== "42501") throw error;
    throw new CliError(
      `le rôle ${me} n'est pas membre de maillage_app et n'a pas le droit de se l'accorder (CREATEROLE ou ADMIN OPTION). ` +
        `Faites exécuter ${asSuperuser} : GRANT maillage_app TO ${quoted}; puis relancez la restauration. Rien n'a été modifié.`,
    );
  }
}

/**
 * Refuses to restore over a database at another schema level than the backup's: `pg_restore --clean` replaces
 * the objects of the archive only, so the tables of another release would stay (and block it when they refer to
 * the replaced ones). An empty database, or one at the backup's level, is fine.
 */
async function refuseOtherSchema(client: pg.Client, backupMigrations: string[], location: string): Promise<void> {
  const { rows } = await client.query<{ tables: number; migrations: boolean }>(
    `select (select count(*)::int from pg_tables where schemaname = 'public') as tables,
            to_regclass('drizzle.__drizzle_migrations') is not null as migrations`,
  );
  const current = rows[0]!.migrations
    ? (await client.query<{ created_at: string }>("select created_at::text from drizzle.__drizzle_migrations")).rows.map((row) => row.created_at)
    : [];
  if ((rows[0]!.tables === 0 && current.length === 0) || sameMigrations(current, backupMigrations)) return;
  throw new CliError(
    `la base ${location} n'est pas au niveau de schéma de la sauvegarde (${plural(current.length, "migration appliquée", "migrations appliquées")}, ${backupMigrations.length} dans la sauvegarde) : ` +
      "la restaurer par-dessus laisserait les tables de l'autre version. Restaurez dans une base vide, créée comme à l'installation (docs/operations.md). Rien n'a été modifié.",
  );
}

/**
 * pg_restore in one transaction (a failure leaves the database as it was), replacing existing objects, after
 * checks that say in French what is wrong before anything changes: the backup's release, the restricted role,
 * the schema level of the database restored over.
 */
async function restoreServer(target: BackupTarget, source: string): Promise<void> {
  const backupMigrations = await migrationsInDump(target, source);
  refuseNewerBackup(backupMigrations);
  const { url, password } = splitPassword(target.databaseUrl!);
  const client = new pg.Client({ connectionString: target.databaseUrl });
  await client.connect();
  try {
    await refuseOtherSchema(client, backupMigrations, url);
    await ensureRestrictedRole(client);
  } finally {
    await client.end();
  }
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
      refuseNewerBackup((await client.query<{ created_at: string }>("select created_at::text from drizzle.__drizzle_migrations")).rows.map((row) => row.created_at));
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
