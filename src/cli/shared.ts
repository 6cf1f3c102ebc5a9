// What every CLI command shares: person-readable errors and a database opened for one command.
import { loadConfig } from "../config.js";
import { migrateDatabase, openDatabase, type Database } from "../db/client.js";

/** A person-readable failure of a command: printed without a stack trace, exit code 1. */
export class CliError extends Error {}

/** Opens the database for a one-off command (migrated), runs `work`, closes. */
export async function withDatabase<T>(work: (database: Database) => Promise<T>, holder = "commande maillage"): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, holder, poolSize: 2 });
  try {
    await migrateDatabase(database);
    return await work(database);
  } finally {
    await database.close();
  }
}
