// The allocation planner on the web (compute, save, edit, copy, compare, export) and `maillage plan
// repartition`, on both engines.
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "../../src/modules/audit/audit.commands.js";
import { importIndicatorsFile } from "../../src/modules/observatory/indicators-import.js";
import { DEFAULT_PARAMS } from "../../src/modules/observatory/domain/planner.js";
import { plannerFormValues } from "../../src/modules/observatory/planner-form.js";
import { createTestApp, makeUser, TestClient, type TestApp } from "../support/app.js";
import { cliEnv, runCli, tempDataDir } from "../support/cli.js";
import { engines } from "../support/database.js";
import { lieuRecord, makePlace } from "../support/inclusion.js";
import { territoryWithCommunes } from "../support/observatory.js";

const CODES = Array.from({ length: 10 }, (_, i) => `790${String(i + 10)}`);

describe.each(engines)("allocation planner on %s", (engine) => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof territoryWithCommunes>>;
  let client: TestClient;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    territory = await territoryWithCommunes(t.database, CODES.map((insee, i) => ({ insee, name: `Commune ${i + 1}`, population: 800 + i * 400 })));
    await makePlace(t.database, { territoryId: territory.id, record: lieuRecord({ code_insee: CODES[0]! }) });
    const pop = ["CODGEO;P22_POP;P22_POP65P", ...CODES.map((c, i) => `${c};1000;${100 + i * 30}`)].join("\n");
    await importIndicatorsFile(t.database.db, { territoryId: territory.id, territoryCode: territory.code, bytes: Buffer.from(pop), skipInvalid: false, actor: cliActor(t.clock()) });
    const userId = await makeUser(t.database, { email: `coord-repartition-${engine}@exemple.fr`, territoryId: territory.id, roles: ["coordinator"] });
    client = await new TestClient(t.app).signInAs(t, userId);
    base = `/t/${territory.code}/observatoire/repartition`;
  });
  afterAll(() => t.close());

  const form = (overrides: Record<string, string> = {}) => ({ ...plannerFormValues(DEFAULT_PARAMS), ...overrides });

  it("computes the three strategies side by side, and keeps what was typed when a value is wrong", async () => {
    const page = await client.get(base);
    expect(page.statusCode).toBe(200);
    const result = await client.post(base, form({ action: "calculer", budget: "60 000" }));
    expect(result.statusCode).toBe(200);
    for (const part of ["Trois stratégies pour le même budget", "Répartir également", "Concentrer sur les plus fragiles", "Optimisé", "Courbes de Lorenz", "journal des allocations"]) expect(result.body).toContain(part);
    const wrong = await client.post(base, form({ action: "calculer", budget: "beaucoup", recours: "150" }));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain("Budget : saisissez un nombre, par exemple 150 000");
    expect(wrong.body).toContain('value="beaucoup"');
  });

  it("saves, edits, copies and compares scenarios, and exports one as XLSX", async () => {
    const first = await client.post(base, form({ action: "enregistrer", nom: "Petit budget", budget: "40000" }));
    expect(first.statusCode).toBe(303);
    const firstUrl = (first.headers.location as string).split("?")[0]!;
    const second = await client.post(base, form({ action: "enregistrer", nom: "Grand budget", budget: "120000", equite: "2" }));
    expect(second.statusCode).toBe(303);
    expect((await client.post(base, form({ action: "enregistrer", nom: "Petit budget" }))).body).toContain("Un scénario porte déjà ce nom");
    const scenario = await client.get(firstUrl);
    expect(scenario.body).toContain("Petit budget");
    const edited = await client.post(firstUrl, form({ nom: "Petit budget", budget: "45000" }));
    expect(edited.statusCode).toBe(303);
    const copy = await client.post(`${firstUrl}/copie`, {});
    expect(copy.statusCode).toBe(303);
    expect((await client.get(copy.headers.location as string)).body).toContain("Petit budget (copie)");
    const compare = await client.get(`${base}/comparer`);
    expect(compare.statusCode).toBe(200);
    expect(compare.body).toContain("Montant par commune (stratégie optimisée)");
    const xlsx = await t.app.inject({ method: "GET", url: `${firstUrl}/export.xlsx`, headers: { cookie: `maillage_session=${client.cookie("maillage_session")}` } });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Paramètres", "Stratégies", "Répartition", "Journal"]);
    expect(workbook.getWorksheet("Paramètres")!.getRow(3).values).toEqual([undefined, "budget_eur", 45000]);
  });

  it("runs the same model from a JSON file on the command line", async () => {
    if (engine !== "postgres") return; // the spawned command needs a database it can open beside the test's
    const data = tempDataDir("maillage-cli-plan-");
    try {
      const env = cliEnv(path.join(data.dir, "unused"), { DATABASE_URL: t.database.location });
      const input = path.join(data.dir, "parametres.json");
      fs.writeFileSync(input, JSON.stringify({ budget: 50000, levers: { mediation: { enabled: false } } }));
      const json = await runCli(["plan", "repartition", "--territory", territory.code, "--input", input], env);
      expect(json.code, json.stderr).toBe(0);
      const out = JSON.parse(json.stdout) as { strategies: { strategie: string; budget_reparti: number; personnes_aidees: number; allocations: { mediation: number }[] }[] };
      expect(out.strategies.map((s) => s.strategie)).toEqual(["saupoudrage", "concentration", "optimise"]);
      for (const s of out.strategies) expect(s.budget_reparti).toBeLessThanOrEqual(50000);
      expect(out.strategies[2]!.personnes_aidees).toBeGreaterThanOrEqual(out.strategies[0]!.personnes_aidees);
      expect(out.strategies.flatMap((s) => s.allocations).every((a) => a.mediation === 0)).toBe(true);
      const csv = await runCli(["plan", "repartition", "--territory", territory.code, "--input", input, "--format", "csv"], env);
      expect(csv.stdout.split("\r\n")[0]).toBe("strategie;code_insee;commune;indice_fragilite;besoin;equipement_eur;mediation_eur;formation_eur;total_eur;personnes_aidees;couverture");
      fs.writeFileSync(input, JSON.stringify({ budget: "cent", levers: { robots: {} } }));
      const bad = await runCli(["plan", "repartition", "--territory", territory.code, "--input", input], env);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain("budget : nombre attendu");
      expect(bad.stderr).toContain("levers.robots : levier inconnu");
    } finally {
      data.remove();
    }
  }, 120_000);
});
