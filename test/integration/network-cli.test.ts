// `maillage network join|list|leave|partner` and `maillage import experiences`, spawned as an operator runs them.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase } from "../../src/db/client.js";
import { makeTerritory } from "../support/app.js";
import { cliEnv, runCli, tempDataDir } from "../support/cli.js";

describe("maillage network and import experiences", () => {
  const data = tempDataDir("maillage-cli-reseau-");
  let env: NodeJS.ProcessEnv;
  let code = "";
  const file = (name: string) => path.join(data.dir, name);

  beforeAll(async () => {
    const database = await openDatabase({ dataDir: path.join(data.dir, "db") });
    await migrateDatabase(database);
    code = (await makeTerritory(database, { name: "Territoire du réseau" })).code;
    await database.close();
    env = cliEnv(path.join(data.dir, "db"));
  }, 120_000);
  afterAll(() => data.remove());

  it("joins a territory to the network and imports its sheets all or nothing, each problem on its line", async () => {
    const joined = await runCli(["network", "join", "--territory", code], env);
    expect(joined.stdout).toContain("Territoire du réseau");
    expect(joined.stdout).toContain("est membre du réseau");
    fs.writeFileSync(file("fiches.csv"), "titre;resume;texte;themes;annee;budget_euros;partenaires;contact;visibilite\nAteliers numériques;Un résumé;Texte;education|mediation;2025;1500;;;reseau\n;Sans titre;;education;2025;;;;public\n");
    const refused = await runCli(["import", "experiences", file("fiches.csv"), "--territory", code], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("ligne 3 : titre — obligatoire");
    expect(refused.stderr).toContain("aucune fiche importée : 1 ligne invalide sur 2");
    fs.writeFileSync(file("fiches.json"), JSON.stringify([{ titre: "Ateliers numériques", themes: ["education"], annee: 2025, visibilite: "public" }, { titre: "Bus numérique" }]));
    const imported = await runCli(["import", "experiences", file("fiches.json"), "--territory", code], env);
    expect(imported.stderr).toBe("");
    expect(imported.stdout).toContain("2 fiches importées pour Territoire du réseau.");
    const listed = await runCli(["network", "list"], env);
    expect(listed.stdout).toContain(code);
    const left = await runCli(["network", "leave", "--territory", code], env);
    expect(left.stdout).toContain("a quitté le réseau");
  }, 120_000);
});
