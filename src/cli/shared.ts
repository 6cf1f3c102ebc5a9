// What every CLI command shares: person-readable errors, a database opened for one command, shared groups and
// the territory of a --territory option.
import type { Command } from "commander";
import { loadConfig, ownerDatabaseUrl } from "../config.js";
import { migrateDatabase, openDatabase, type Database, type Db } from "../db/client.js";
import { findTerritory } from "../modules/territories/territories.queries.js";

/** A person-readable failure of a command: printed without a stack trace, exit code 1. */
export class CliError extends Error {}

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
