// `maillage import lieux` and `maillage export lieux`, spawned as an operator runs them, on both engines.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase, type Database } from "../../src/db/client.js";
import type { LieuRecord } from "../../src/modules/places/import-export/lieu-record.js";
import { toStandardCsv } from "../../src/modules/places/import-export/lieux-csv.js";
import { toStandardJsonChunks } from "../../src/modules/places/import-export/lieux-json.js";
import { collectText, minimalRecord, variedRecords } from "../../src/modules/places/import-export/lieux.fixtures.js";
import { makeTerritory } from "../support/app.js";
import { cliEnv, runCli, tempDataDir } from "../support/cli.js";
import { createTestDatabase, engines } from "../support/database.js";

const badRecords = [
  { ...minimalRecord, id: "mauvais-code-postal", code_postal: "7920" },
  { ...minimalRecord, id: "sans-services", services: [] },
] as LieuRecord[];

// Each PGlite run opens the data directory anew (a few seconds on a busy machine).
const SLOW = 120_000;

describe.each(engines)("maillage import/export lieux on %s", (engine) => {
  const data = tempDataDir("maillage-cli-lieux-");
  let env: NodeJS.ProcessEnv;
  let csvCode: string;
  let jsonCode: string;
  let postgres: Database | undefined;
  const file = (name: string) => path.join(data.dir, name);

  beforeAll(async () => {
    // Territories are made in-process, then the database is left to the command (PGlite allows one process).
    const database = engine === "postgres" ? await createTestDatabase("postgres") : await openDatabase({ dataDir: path.join(data.dir, "db") });
    if (engine === "pglite") await migrateDatabase(database);
    csvCode = (await makeTerritory(database, { name: "Territoire CSV" })).code;
    jsonCode = (await makeTerritory(database, { name: "Territoire JSON" })).code;
    if (engine === "postgres") {
      postgres = database;
      env = cliEnv(path.join(data.dir, "unused"), { DATABASE_URL: database.location });
    } else {
      await database.close();
      env = cliEnv(path.join(data.dir, "db"));
    }
    fs.writeFileSync(file("lieux.csv"), await collectText(toStandardCsv(variedRecords)));
    fs.writeFileSync(file("lieux.json"), await collectText(toStandardJsonChunks(variedRecords)));
    fs.writeFileSync(file("avec-erreurs.csv"), await collectText(toStandardCsv([...variedRecords, ...badRecords])));
  });
  afterAll(async () => {
    await postgres?.close();
    data.remove();
  }, SLOW);

  it("imports nothing from a file with bad rows, lists each one and exits non-zero; --skip-invalid imports the rest", async () => {
    const refused = await runCli(["import", "lieux", file("avec-erreurs.csv"), "--territory", csvCode], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("ligne 6 : code_postal — «\u00a07920\u00a0» n'est pas un code postal (5 chiffres)\n");
    expect(refused.stderr).toContain("ligne 7 : services — valeur obligatoire manquante\n");
    expect(refused.stderr).toContain("Erreur : aucun lieu importé : 2 lignes invalides sur 5.");
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    const empty = await runCli(["export", "lieux", "--territory", csvCode], env);
    expect(empty.stdout.trimEnd().split("\n")).toHaveLength(1);

    const skipped = await runCli(["import", "lieux", file("avec-erreurs.csv"), "--territory", csvCode, "--skip-invalid"], env);
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toContain("ligne 6 : code_postal");
    expect(skipped.stdout).toContain("3 lieux importés dans Territoire CSV : 3 ajouts, 0 mise à jour, 0 inchangé.");
    expect(skipped.stdout).toContain("2 lignes invalides ignorées.");
  }, SLOW);

  it("exports the CSV it imported, byte for byte, on stdout", async () => {
    const imported = await runCli(["import", "lieux", file("lieux.csv"), "--territory", csvCode], env);
    expect(imported).toMatchObject({ code: 0, stderr: "" });
    expect(imported.stdout).toContain("0 ajout, 0 mise à jour, 3 inchangés");
    const exported = await runCli(["export", "lieux", "--territory", csvCode, "--format", "csv"], env);
    expect(exported).toMatchObject({ code: 0, stderr: "" });
    expect(exported.stdout).toBe(fs.readFileSync(file("lieux.csv"), "utf8"));
  }, SLOW);

  it("imports a JSON file and exports it again to a file, without loss", async () => {
    const imported = await runCli(["import", "lieux", file("lieux.json"), "--territory", jsonCode], env);
    expect(imported).toMatchObject({ code: 0, stderr: "" });
    const exported = await runCli(["export", "lieux", "--territory", jsonCode, "--format", "json", "--output", file("sortie.json")], env);
    expect(exported).toMatchObject({ code: 0, stderr: "", stdout: "" });
    expect(fs.readFileSync(file("sortie.json"), "utf8")).toBe(fs.readFileSync(file("lieux.json"), "utf8"));
  }, SLOW);

  it("refuses an unknown territory and a missing file in French", async () => {
    const [territory, missing] = await Promise.all([
      runCli(["import", "lieux", file("lieux.csv"), "--territory", "00000"], env),
      runCli(["import", "lieux", file("absent.csv"), "--territory", csvCode], env),
    ]);
    expect(territory.stderr).toMatch(/^Erreur : territoire inconnu : 00000/);
    expect(missing.stderr).toMatch(/^Erreur : fichier introuvable/);
    expect([territory.code, missing.code]).toEqual([1, 1]);
  }, SLOW);
});
