// Web entry point: open the database, migrate, serve, run background jobs in the same process.
import type { FastifyInstance } from "fastify";
import { buildApp } from "./app.js";
import { ownerDatabaseUrl, type Config } from "./config.js";
import { startChangeFeed } from "./db/change-feed.js";
import { migrateDatabase, openDatabase, type Database } from "./db/client.js";
import { readContextKey, useContextKey } from "./db/tenant.js";
import { systemClock } from "./lib/clock.js";
import { linkSecret } from "./lib/signed-links.js";
import { startWorker } from "./worker.js";
import { buildAssets } from "./ui/assets.js";
import { storeTransport } from "./modules/mail/mail.transport.js";

export type RunningServer = { app: FastifyInstance; database: Database; url: string; stop(): Promise<void> };

/**
 * Starts Maillage: assets, migrations, HTTP server and (unless MAILLAGE_WORKER=0) the job worker. On a PostgreSQL
 * server with MIGRATION_DATABASE_URL, the owner's connection migrates, reads the link secret and runs the worker,
 * while requests run on DATABASE_URL, the web app's restricted role (decision 0018).
 */
export async function startServer(config: Config, options: { beforeListen?: (database: Database) => Promise<void> } = {}): Promise<RunningServer> {
  buildAssets({ out: config.assetsDir });
  const holder = `serveur Maillage sur le port ${config.port}`;
  const separate = Boolean(config.migrationDatabaseUrl && config.databaseUrl);
  const replica = config.replicaDatabaseUrl ? { replicaUrl: config.replicaDatabaseUrl, replicaMaxLagMs: config.replicaMaxLagSeconds * 1_000 } : {};
  const owner = await openDatabase({ databaseUrl: ownerDatabaseUrl(config), dataDir: config.dataDir, holder, ...(separate ? { poolSize: 4 } : replica) });
  let web = owner;
  let secret: string;
  try {
    await migrateDatabase(owner);
    await options.beforeListen?.(owner);
    secret = await linkSecret(owner.db);
    if (separate) {
      web = await openDatabase({ databaseUrl: config.databaseUrl, ...replica });
      // The web role cannot read the key that signs territory contexts: the owner hands it over (decision 0018).
      useContextKey(web.db, await readContextKey(owner.db));
    }
  } catch (error) {
    await owner.close();
    throw error;
  }
  const clock = systemClock;
  const app = await buildApp({ config, database: web, clock, linkSecret: secret }, { logger: true });
  // Without SMTP outside production, stored mail is printed on the log too: the way to read a sign-in link while
  // the server holds a PGlite data directory (docs/operations.md, Mail).
  const printStoredMail = !config.smtpUrl && !config.production;
  const worker = config.worker
    ? startWorker(owner.db, config, clock, printStoredMail ? { transport: storeTransport((text) => process.stdout.write(text)) } : {})
    : undefined;
  // Several instances on one server clear each other's caches of public data (LISTEN/NOTIFY).
  const feed = config.databaseUrl ? startChangeFeed(config.databaseUrl, { log: (message) => app.log.warn(message) }) : undefined;
  await app.listen({ port: config.port, host: config.host });
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await app.close();
      await feed?.stop();
      await worker?.stop();
      if (web !== owner) await web.close();
      await owner.close();
    })());
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      void stop().then(() => process.exit(0));
    });
  }
  return { app, database: web, url: config.publicUrl, stop };
}
