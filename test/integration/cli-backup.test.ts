import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { backupDatabase, restoreDatabase, type BackupTarget } from "../../src/cli/backup.js";
import { migrateDatabase, openDatabase, queryRows, type Database, type Engine } from "../../src/db/client.js";
import { DataDirBusyError } from "../../src/db/data-dir-lock.js";
import { communes, territories } from "../../src/db/schema/index.js";
import { findCommune, findEpci } from "../../src/modules/territories/geography.js";
import { createTerritory } from "../../src/modules/territories/territories.commands.js";
import { testActor, testEpoch } from "../support/app.js";
import { tempDataDir } from "../support/cli.js";
import { createTestDatabase, engines } from "../support/database.js";

/**
 * An empty database on the test server, owned by `owner` (a new login role without CREATEROLE unless it is
 * "postgres"), queried as that owner, dropped with its role by `drop`.
 */
async function serverDatabase({ owner }: { owner: string }) {
  const serverUrl = inject("pgUrl");
  const name = `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  if (owner !== "postgres") await admin.query(`create role ${owner} login`);
  await admin.query(`create database ${name} owner ${owner}`);
  const url = serverUrl.replace(/\/\/postgres@/, `//${owner}@`).replace(/\/postgres$/, `/${name}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    url,
    owner,
    query: (text: string) => client.query(text),
    async drop() {
      await client.end();
      await admin.query(`drop database ${name} with (force)`);
      if (owner !== "postgres") await admin.query(`drop role ${owner}`);
      await admin.end();
    },
  };
}

/** A database to back up: a PGlite data directory opened and closed around each step, or a server database. */
type Subject = { target: BackupTarget; use<T>(work: (database: Database) => Promise<T>): Promise<T>; dispose(): Promise<void> };

async function subject(engine: Engine, dataDir: string): Promise<Subject> {
  if (engine === "pglite") {
    const use = async <T,>(work: (database: Database) => Promise<T>) => {
      const database = await openDatabase({ dataDir, holder: "backup test" });
      try {
        await migrateDatabase(database);
        return await work(database);
      } finally {
        await database.close();
      }
    };
    return { target: { dataDir }, use, dispose: async () => {} };
  }
  const database = await createTestDatabase("postgres");
  return { target: { databaseUrl: database.location, dataDir }, use: (work) => work(database), dispose: () => database.close() };
}

// A PGlite dump and restore takes tens of seconds on a busy 2-core machine.
describe.each(engines)("backup and restore on %s", { timeout: 120_000 }, (engine) => {
  const data = tempDataDir("maillage-backup-");
  // In folders that do not exist yet: the backup creates them, for its user only.
  const folder = path.join(data.dir, "sauvegardes", "nuit");
  const file = path.join(folder, engine === "pglite" ? "sauvegarde.tar.gz" : "sauvegarde.dump");
  const mode = (p: string) => (fs.statSync(p).mode & 0o777).toString(8);
  let s: Subject;

  beforeAll(async () => {
    s = await subject(engine, path.join(data.dir, "donnees"));
  });
  afterAll(async () => {
    await s.dispose();
    data.remove();
  });

  it("brings back the data of the backup after it was changed", async () => {
    await s.use((database) => database.db.transaction((tx) => createTerritory(tx, { geo: findEpci("200041333")!, actor: testActor })));

    const backup = await backupDatabase(s.target, file);
    expect(backup.bytes).toBeGreaterThan(1000);
    expect(fs.readdirSync(folder)).toEqual([path.basename(file)]);
    expect([mode(path.dirname(folder)), mode(folder), mode(file)]).toEqual(["700", "700", "600"]);

    await s.use(async (database) => {
      await database.db.transaction((tx) => createTerritory(tx, { geo: findCommune("79202")!, actor: testActor }));
      await database.db.update(territories).set({ name: "Nom modifié" }).where(eq(territories.code, "200041333"));
    });

    const restored = await restoreDatabase(s.target, file, testEpoch);
    const rows = await s.use(async ({ db }) => {
      const all = await db.select({ id: territories.id, code: territories.code, name: territories.name }).from(territories);
      return Promise.all(all.map(async ({ id, ...t }) => ({ ...t, communes: await db.$count(communes, eq(communes.territoryId, id)) })));
    });
    expect(rows).toEqual([{ code: "200041333", name: "CC de Parthenay-Gâtine", communes: 38 }]);
    if (engine === "pglite") {
      expect(restored.previous).toMatch(/pglite\.avant-restauration-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d/);
      expect(fs.existsSync(path.join(restored.previous!, "PG_VERSION"))).toBe(true);
    }
  });

  it("says in French which folder it cannot create", async () => {
    const notAFolder = path.join(data.dir, "un-fichier");
    fs.writeFileSync(notAFolder, "");
    await expect(backupDatabase(s.target, path.join(notAFolder, "sous-dossier", "sauvegarde"))).rejects.toThrow(
      `impossible de créer le dossier ${notAFolder}/sous-dossier (ENOTDIR) : créez-le pour l'utilisateur qui lance la sauvegarde, par exemple install -d -m 0700 -o maillage -g maillage ${notAFolder}/sous-dossier`,
    );
  });

  const futureMigration = sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('une-version-future', 4102444800000)`;
  const dropFutureMigration = sql`delete from drizzle.__drizzle_migrations where hash = 'une-version-future'`;
  const territoryCodes = () => s.use(async ({ db }) => (await db.select({ code: territories.code }).from(territories)).map((t) => t.code).sort());

  it("refuses a backup made by a newer release (a migration this code does not know), changing nothing", async () => {
    const newer = path.join(folder, "plus-recente");
    await s.use(({ db }) => db.execute(futureMigration));
    await backupDatabase(s.target, newer);
    await s.use(async ({ db }) => {
      await db.execute(dropFutureMigration);
      await db.transaction((tx) => createTerritory(tx, { geo: findCommune("79049")!, actor: testActor }));
    });
    await expect(restoreDatabase(s.target, newer, testEpoch)).rejects.toThrow(
      "cette sauvegarde vient d'une version plus récente de Maillage (1 migration que cette version ne connaît pas) : installez d'abord cette version-là, puis restaurez. Rien n'a été modifié.",
    );
    expect(await territoryCodes()).toEqual(["200041333", "79049"]);
    if (engine === "pglite") expect(fs.readdirSync(s.target.dataDir).filter((f) => f.startsWith("pglite."))).toHaveLength(1); // the first test's
  });

  if (engine === "pglite") {
    it("restores over a database that a newer release migrated: the whole directory is replaced", async () => {
      await s.use(({ db }) => db.execute(futureMigration));
      await restoreDatabase(s.target, file, testEpoch);
      expect(await territoryCodes()).toEqual(["200041333"]);
      const future = await s.use(({ db }) => queryRows(db, sql`select 1 from drizzle.__drizzle_migrations where hash = 'une-version-future'`));
      expect(future).toEqual([]);
    });
  } else {
    it("refuses to restore over a database at another schema level, and restores into an empty one", async () => {
      await s.use(({ db }) => db.execute(futureMigration));
      await expect(restoreDatabase(s.target, file, testEpoch)).rejects.toThrow(
        /^la base postgres:\/\/\S+ n'est pas au niveau de schéma de la sauvegarde \((\d+) migrations appliquées, \d+ dans la sauvegarde\) : .* Restaurez dans une base vide, créée comme à l'installation \(docs\/operations\.md\)\. Rien n'a été modifié\.$/,
      );
      expect(await territoryCodes()).toEqual(["200041333", "79049"]);

      const empty = await serverDatabase({ owner: "postgres" });
      try {
        await restoreDatabase({ ...s.target, databaseUrl: empty.url }, file, testEpoch);
        expect((await empty.query("select code from territories")).rows).toEqual([{ code: "200041333" }]);
      } finally {
        await empty.drop();
      }
    });

    it("says in French what a superuser must grant when the restoring role may not use maillage_app", async () => {
      const target = await serverDatabase({ owner: `r_${randomBytes(5).toString("hex")}` });
      try {
        await expect(restoreDatabase({ ...s.target, databaseUrl: target.url }, file, testEpoch)).rejects.toThrow(
          `le rôle ${target.owner} n'est pas membre de maillage_app et n'a pas le droit de se l'accorder (CREATEROLE ou ADMIN OPTION). ` +
            `Faites exécuter (en superutilisateur, par exemple : runuser -u postgres -- psql) : GRANT maillage_app TO ${target.owner}; puis relancez la restauration. Rien n'a été modifié.`,
        );
        expect((await target.query("select count(*)::int as n from pg_tables where schemaname = 'public'")).rows).toEqual([{ n: 0 }]);
      } finally {
        await target.drop();
      }
    });
  }

  it("refuses a backup made by the other engine, in French", async () => {
    const other = path.join(data.dir, "autre");
    fs.writeFileSync(other, engine === "pglite" ? "PGDMP\u0001\u000e" : Buffer.from([0x1f, 0x8b, 8, 0]));
    await expect(restoreDatabase(s.target, other, testEpoch)).rejects.toThrow(engine === "pglite" ? "définissez DATABASE_URL" : "sauvegarde PGlite");
    fs.writeFileSync(other, "ceci n'est pas une sauvegarde");
    await expect(restoreDatabase(s.target, other, testEpoch)).rejects.toThrow("n'est pas une sauvegarde de Maillage");
  });

  if (engine === "pglite") {
    it("refuses to restore while another holder has the data directory", async () => {
      const database = await openDatabase({ dataDir: s.target.dataDir, holder: "serveur Maillage sur le port 3000" });
      try {
        const refusal = restoreDatabase(s.target, file, testEpoch);
        await expect(refusal).rejects.toBeInstanceOf(DataDirBusyError);
        await expect(refusal).rejects.toThrow(/est déjà utilisé par le processus \d+ \(serveur Maillage sur le port 3000\)/);
        await expect(backupDatabase(s.target, file)).rejects.toBeInstanceOf(DataDirBusyError);
      } finally {
        await database.close();
      }
      expect(fs.readdirSync(s.target.dataDir).filter((f) => f.startsWith("pglite.restauration"))).toEqual([]);
    });
  } else {
    it("says in one line how to install pg_dump when it is missing", async () => {
      const missing = { ...s.target, pgBin: "/nulle-part" };
      await expect(backupDatabase(missing, file)).rejects.toThrow(
        /^pg_dump est introuvable : installez le client PostgreSQL \(apt-get install postgresql-client\)\.$/,
      );
      await expect(restoreDatabase(missing, file, testEpoch)).rejects.toThrow(/^pg_restore est introuvable : .*apt-get install postgresql-client/);
    });
  }
});
