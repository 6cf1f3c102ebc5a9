// Web entry point: open the database, migrate, serve, run background jobs in the same process.
import type { FastifyInstance } from "fastify";
import { buildApp } from "./app.js";
import type { Config } from "./config.js";
import { migrateDatabase, openDatabase, type Database } from "./db/client.js";
import { systemClock } from "./lib/clock.js";
import { startWorker } from "./worker.js";
import { buildAssets } from "./ui/assets.js";
import { storeTransport } from "./modules/mail/mail.transport.js";

export type RunningServer = { app: FastifyInstance; database: Database; url: string; stop(): Promise<void> };

/** Starts Maillage: assets, migrations, HTTP server and (unless MAILLAGE_WORKER=0) the job worker. */
export async function startServer(config: Config, options: { beforeListen?: (database: Database) => Promise<void> } = {}): Promise<RunningServer> {
  buildAssets({ out: config.assetsDir });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, holder: `serveur Maillage sur le port ${config.port}` });
  try {
    await migrateDatabase(database);
    await options.beforeListen?.(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  const clock = systemClock;
  const app = await buildApp({ config, database, clock }, { logger: true });
  // Without SMTP outside production, stored mail is printed on the log too: the way to read a sign-in link while
  // the server holds a PGlite data directory (docs/operations.md, Mail).
  const printStoredMail = !config.smtpUrl && !config.production;
  const worker = config.worker
    ? startWorker(database.db, config, clock, printStoredMail ? { transport: storeTransport((text) => process.stdout.write(text)) } : {})
    : undefined;
  await app.listen({ port: config.port, host: config.host });
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await app.close();
      await worker?.stop();
      await database.close();
    })());
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      void stop().then(() => process.exit(0));
    });
  }
  return { app, database, url: config.publicUrl, stop };
}
