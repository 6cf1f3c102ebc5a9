// The `maillage` command line: serve, migrate, territories, users, mail, jobs, backups.
import fs from "node:fs";
import { Command, Option } from "commander";
import { loadConfig } from "./config.js";
import { DEMO_LINK_HOURS, SIGN_IN_LINK_MINUTES } from "./modules/accounts/link-durations.js";
import { CliError, isClosedPipe, tolerateClosedOutput, withDatabase } from "./cli/shared.js";
import { DataDirBusyError } from "./db/data-dir-lock.js";
import { registerBackupCommands } from "./cli/backup.commands.js";
import { registerContourCommands } from "./cli/contours.commands.js";
import { frenchHelp } from "./cli/help-fr.js";
import { registerMailCommands, registerJobCommands } from "./cli/ops.commands.js";
import { registerNetworkCommands } from "./cli/network.commands.js";
import { registerPlaceCommands } from "./cli/places.commands.js";
import { registerSchoolCommands } from "./cli/schools.commands.js";
import { registerObservatoryCommands } from "./cli/observatory.commands.js";
import { registerTerritoryCommands, registerUserCommands } from "./cli/territory.commands.js";
import { systemClock } from "./lib/clock.js";
import { AssetsDirError, buildAssets } from "./ui/assets.js";

// The web app and the demo seed are loaded only by the commands that need them: `--help` and the operator
// commands stay quick, and keep working whatever state a web module is in.
const loadServer = () => import("./server.js");
const loadDemo = () => import("./modules/demo/demo.seed.js");

tolerateClosedOutput();

const program = frenchHelp(new Command());
program
  .name("maillage")
  .description("Maillage : numérique éducatif et accompagnement numérique des territoires")
  .showHelpAfterError("(ajoutez --help pour l'aide)");

program
  .command("start")
  .description("Démarre Maillage avec le territoire de démonstration et affiche des liens de connexion en un clic")
  .action(async () => {
    const [{ startServer }, { demoSignInLinks, seedDemo }] = await Promise.all([loadServer(), loadDemo()]);
    const config = { ...loadConfig(), demo: true };
    const started = Date.now();
    const server = await startServer(config, {
      beforeListen: async (database) => {
        await seedDemo(database.db, systemClock());
      },
    });
    const db = server.database.db;
    const territory = await db.query.territories.findFirst({ where: (t, { eq }) => eq(t.code, "200041333") });
    const links = await demoSignInLinks(db, { publicUrl: config.publicUrl, now: systemClock(), territoryId: territory!.id });
    console.log(`\nMaillage est prêt en ${((Date.now() - started) / 1000).toFixed(1)} s : ${config.publicUrl}`);
    console.log(`Données : ${server.database.engine === "pglite" ? `PGlite dans ${server.database.location}` : server.database.location}`);
    console.log(`\nDÉMONSTRATION — territoire CC de Parthenay-Gâtine, comptes fictifs. Liens de connexion de démonstration (valables ${DEMO_LINK_HOURS} h, une fois chacun ; un lien demandé sur la page de connexion dure ${SIGN_IN_LINK_MINUTES} minutes) :`);
    for (const link of links) console.log(`  ${link.name.padEnd(36)} ${link.url}`);
    console.log(`\nCourriels enregistrés (pas de SMTP configuré) : ${config.publicUrl}/operateur/courriels (compte admin).`);
    console.log("Arrêt : Ctrl+C\n");
  });

program
  .command("serve")
  .description("Démarre le serveur web (et les tâches de fond, sauf MAILLAGE_WORKER=0)")
  .option("--workers <nombre>", "nombre de processus web sur le même port (serveur PostgreSQL seulement)", "1")
  .action(async (options: { workers: string }) => {
    const workers = Number(options.workers);
    if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new CliError(`--workers attend un nombre entier de 1 à 64 (reçu « ${options.workers} »).`);
    const { startServer } = await loadServer();
    const config = loadConfig();
    if (workers === 1) {
      await startServer(config);
      console.log(`Maillage écoute sur ${config.publicUrl}`);
      return;
    }
    if (!config.databaseUrl) throw new CliError("plusieurs processus demandent un serveur PostgreSQL (DATABASE_URL) : avec PGlite, un seul processus peut ouvrir le répertoire de données.");
    const { serveWithWorkers } = await import("./cluster.js");
    // The primary builds stale assets before forking: the processes then only read them, and a folder it may not
    // write stops everything once (exit code 78) instead of processes replaced every 5 seconds.
    const prepare = async () => {
      buildAssets({ out: config.assetsDir });
      await withDatabase(async () => {}, "maillage serve");
    };
    await serveWithWorkers(config, { workers, migrate: prepare }, async () => {
      await startServer(config);
    });
  });

program
  .command("migrate")
  .description("Applique les migrations de la base de données")
  .action(async () => {
    await withDatabase(async (database) => {
      console.log(`Base à jour (${database.engine}, ${database.location}).`);
    }, "maillage migrate");
  });

program
  .command("demo")
  .description("Crée ou met à jour le territoire de démonstration et ses comptes")
  .action(async () => {
    const { demoSignInLinks, seedDemo } = await loadDemo();
    await withDatabase(async (database) => {
      const result = await seedDemo(database.db, systemClock());
      const links = await demoSignInLinks(database.db, { publicUrl: loadConfig().publicUrl, now: systemClock(), territoryId: result.territoryId });
      console.log(`Territoire de démonstration ${result.code} ${result.created ? "créé" : "à jour"}.`);
      for (const link of links) console.log(`  ${link.name.padEnd(36)} ${link.url}`);
    }, "maillage demo");
  });

registerTerritoryCommands(program);
registerUserCommands(program);
registerMailCommands(program);
registerJobCommands(program);
registerBackupCommands(program);
registerPlaceCommands(program);
registerSchoolCommands(program);
registerObservatoryCommands(program);
registerContourCommands(program);
registerNetworkCommands(program);

// The release (docs/operations.md, "Releases and upgrades"): package.json's version, which its tag repeats.
const { version } = JSON.parse(fs.readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
program.addOption(new Option("--version").hideHelp()).on("option:version", () => {
  console.log(version);
  process.exit(0);
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // An export piped into a reader that stopped early: the reader has what it wanted.
  if (isClosedPipe(error)) process.exit(0);
  if (error instanceof AssetsDirError) {
    console.error(`Erreur : ${error.message}`);
    process.exit(error.exitCode);
  }
  if (error instanceof CliError || error instanceof DataDirBusyError) {
    console.error(`Erreur : ${error.message}`);
    process.exit(1);
  }
  console.error("Erreur inattendue :", (error as Error).message);
  if (process.env.DEBUG) console.error(error);
  process.exit(1);
}
