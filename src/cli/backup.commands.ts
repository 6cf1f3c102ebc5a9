// CLI: backup and restore (pg_dump/pg_restore on a server, a data-directory dump on PGlite).
import { systemClock } from "../lib/clock.js";
import type { Command } from "commander";
import { loadConfig, ownerDatabaseUrl } from "../config.js";
import { backupDatabase, restoreDatabase, type BackupTarget } from "./backup.js";

function target(): BackupTarget {
  const config = loadConfig();
  return { databaseUrl: ownerDatabaseUrl(config), dataDir: config.dataDir, pgBin: process.env.PG_BIN || undefined };
}

function describeSize(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1).replace(".", ",")} Mo` : `${Math.ceil(bytes / 1000)} ko`;
}

/** `maillage backup <file>` and `maillage restore <file>`. */
export function registerBackupCommands(program: Command): void {
  program
    .command("backup")
    .description("Sauvegarde la base dans un fichier (pg_dump sur un serveur PostgreSQL, copie compressée du répertoire PGlite sinon)")
    .argument("<fichier>", "fichier de sauvegarde à écrire (remplacé s'il existe)")
    .addHelpText(
      "after",
      "\nAvec PGlite (sans DATABASE_URL), arrêtez d'abord le serveur : un seul processus peut ouvrir le répertoire de données.\n" +
        "Avec un serveur PostgreSQL, pg_dump doit être installé (apt-get install postgresql-client) ; PG_BIN choisit son dossier.",
    )
    .action(async (file: string) => {
      const result = await backupDatabase(target(), file);
      console.log(`Sauvegarde écrite : ${result.file} (${describeSize(result.bytes)}).`);
    });

  program
    .command("restore")
    .description("Remplace la base par le contenu d'une sauvegarde faite avec maillage backup")
    .argument("<fichier>", "fichier de sauvegarde à lire")
    .addHelpText(
      "after",
      "\nAvec PGlite, la base actuelle est conservée à côté, dans pglite.avant-restauration-<date>, et le serveur doit être arrêté.\n" +
        "Avec un serveur PostgreSQL, pg_restore remplace les tables en une seule transaction : en cas d'échec, rien ne change.",
    )
    .action(async (file: string) => {
      const result = await restoreDatabase(target(), file, systemClock());
      console.log(`Base restaurée depuis ${result.file}.`);
      if (result.previous) console.log(`L'ancienne base est conservée dans ${result.previous} (supprimez-la quand elle n'est plus utile).`);
    });
}
