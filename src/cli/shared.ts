// What every CLI command shares: person-readable errors, a database opened for one command, shared groups and
// the territory of a --territory option.
import { plural } from "../lib/format.js";
import type { Command } from "commander";
import { loadConfig, ownerDatabaseUrl } from "../config.js";
import { migrateDatabase, openDatabase, type Database, type Db } from "../db/client.js";
import { findTerritory } from "../modules/territories/territories.queries.js";

/** A person-readable failure of a command: printed without a stack trace, exit code 1. */
export class CliError extends Error {}

/** Whether an error is the write of a pipe whose reader has gone (`maillage jobs list | head -1`). */
export function isClosedPipe(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === "EPIPE";
}

/**
 * A reader that stops early closes the pipe: what the command still prints is dropped quietly and the command
 * ends as usual (its database closed, exit code 0 unless it failed), instead of dying of an unhandled EPIPE
 * with a stack trace. Any other error of the output streams is left to crash, as before.
 */
export function tolerateClosedOutput(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (isClosedPipe(error) || error.code === "ERR_STREAM_DESTROYED") return;
      throw error;
    });
  }
}

/** Opens the database for a one-off command (migrated), as its owner (MIGRATION_DATABASE_URL), runs `work`, closes. */
export async function withDatabase<T>(work: (database: Database) => Promise<T>, holder = "commande maillage"): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: ownerDatabaseUrl(config), dataDir: config.dataDir, holder, poolSize: 2 });
  try {
    await migrateDatabase(database);
    return await work(database);
  } finally {
    await database.close();
  }
}

/** A command group shared by several modules (`import`, `export`): the one already created, or a new one. */
export function commandGroup(program: Command, name: string, description: string): Command {
  return program.commands.find((command) => command.name() === name) ?? program.command(name).description(description);
}

/** The territory of a `--territory <code>` option, or a French error naming the command that lists them. */
export async function territoryOrFail(db: Db, code: string) {
  const territory = await findTerritory(db, { code });
  if (!territory) throw new CliError(`territoire inconnu : ${code} (voir maillage territory list).`);
  return territory;
}

/** "3 ajouts, 1 mise à jour, 0 inchangée": what an import did, agreed in number and gender (feminine nouns). */
export function importCounts({ created, updated, unchanged }: { created: number; updated: number; unchanged: number }, feminine = false): string {
  return `${plural(created, "ajout", "ajouts")}, ${plural(updated, "mise à jour", "mises à jour")}, ${plural(unchanged, feminine ? "inchangée" : "inchangé", feminine ? "inchangées" : "inchangés")}`;
}

/** "2 lignes invalides": a count of rejected lines. */
export function invalidLines(n: number): string {
  return plural(n, "ligne invalide", "lignes invalides");
}
