// The observatory table and its export (web and `maillage export observatoire`), on both engines.
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activities } from "../../src/db/schema/index.js";
import { withTenant } from "../../src/db/tenant.js";
import { cliActor } from "../../src/modules/audit/audit.commands.js";
import { TECHNO_HEADER } from "../../src/modules/connectivity/connectivity.fixtures.js";
import { importConnectivityFile } from "../../src/modules/connectivity/connectivity-import.js";
import { importIndicatorsFile } from "../../src/modules/observatory/indicators-import.js";
import { loadObservatory } from "../../src/modules/observatory/observatory.queries.js";
import { COLUMNS, totalOf, valueOf } from "../../src/modules/observatory/domain/observatory-table.js";
import { createTestApp, makeUser, TestClient, type TestApp } from "../support/app.js";
import { cliEnv, runCli, tempDataDir } from "../support/cli.js";
import { engines } from "../support/database.js";
import { lieuRecord, makePlace } from "../support/inclusion.js";
import { territoryWithCommunes } from "../support/observatory.js";

const col = (key: string) => COLUMNS.find((c) => c.key === key)!;

describe.each(engines)("observatory table on %s", (engine) => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof territoryWithCommunes>>;
  let client: TestClient;

  beforeAll(async () => {
    t = await createTestApp(engine);
    territory = await territoryWithCommunes(t.database, [
      { insee: "79202", name: "Parthenay", population: 10000 },
      { insee: "79080", name: "Châtillon-sur-Thouet", population: 2500 },
    ]);
    // Mon–Fri 9–12 and 14–17:30: 32.5 hours a week.
    await makePlace(t.database, { territoryId: territory.id, record: lieuRecord({ code_insee: "79202" }) });
    await t.database.db.insert(activities).values([
      ...Array.from({ length: 5 }, () => ({ territoryId: territory.id, kind: "individuel" as const, day: "2027-01-10", durationMinutes: 30, locationKind: "lieu", thematiques: ["E-mail"], communeInsee: "79080" })),
      { territoryId: territory.id, kind: "individuel" as const, day: "2025-01-10", durationMinutes: 30, locationKind: "lieu", thematiques: ["E-mail"], communeInsee: "79080" },
    ]);
    const common = { territoryId: territory.id, territoryCode: territory.code, skipInvalid: false, actor: cliActor(t.clock()) };
    await importConnectivityFile(t.database.db, { ...common, bytes: Buffer.from([TECHNO_HEADER, "79202;Parthenay;79;75;6000;all;5400;0;0;0;0;0;0;2026-12-31", "79080;Châtillon;79;75;1200;all;300;0;0;0;0;0;0;2026-12-31"].join("\n")) });
    await importIndicatorsFile(t.database.db, { ...common, bytes: Buffer.from(["CODGEO;P22_POP;P22_POP65P", "79202;10000;3000", "79080;2500;500"].join("\n")) });
    const userId = await makeUser(t.database, { email: `elu-observatoire-${engine}@exemple.fr`, territoryId: territory.id, roles: ["elected"] });
    client = await new TestClient(t.app).signInAs(t, userId);
  });
  afterAll(() => t.close());

  it("joins every module per commune and totals the territory as Σ/Σ", async () => {
    const data = await withTenant(t.database.db, territory.id, (tx) => loadObservatory(tx, { territoryId: territory.id, territoryCode: territory.code, now: t.clock() }));
    const parthenay = data.rows.find((r) => r.insee === "79202")!;
    const chatillon = data.rows.find((r) => r.insee === "79080")!;
    expect(valueOf(col("heures_pour_10000"), parthenay.measures.heures_pour_10000)).toBeCloseTo(32.5, 9);
    expect(valueOf(col("accompagnements_pour_1000"), chatillon.measures.accompagnements_pour_1000)).toBeCloseTo(2, 9);
    expect(totalOf(col("part_locaux_ftth"), data.rows)).toBeCloseTo(5700 / 7200, 12);
    expect(totalOf(col("part_65_plus"), data.rows)).toBeCloseTo(3500 / 12500, 12);
    expect(totalOf(col("population"), data.rows)).toBe(12500);
  });

  it("shows the table sorted by a column and exports it with the required first columns", async () => {
    const page = await client.get(`/t/${territory.code}/observatoire?tri=part_locaux_ftth&ordre=asc`);
    expect(page.statusCode).toBe(200);
    expect(page.body.indexOf("Châtillon-sur-Thouet")).toBeLessThan(page.body.indexOf(">Parthenay<"));
    expect(page.body).toContain("79,2\u00a0%");
    const access = await client.get(`/t/${territory.code}/observatoire?theme=acces`);
    expect(access.body).toContain("Heures d'ouverture par semaine pour 10 000 habitants");
    const csv = await client.get(`/t/${territory.code}/observatoire/export.csv`);
    const lines = csv.body.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]!.startsWith("code_insee;commune;population;part_locaux_ftth;indice_fragilite;")).toBe(true);
    expect(lines[2]!.startsWith("79202;Parthenay;10000;0.9;")).toBe(true);
  });

  it("shows a commune's page from every module beside the territory, and 404 for a commune of another territory", async () => {
    const page = await client.get(`/t/${territory.code}/communes/79080`);
    expect(page.statusCode).toBe(200);
    for (const part of ["Châtillon-sur-Thouet comparée au territoire", "Lieux et horaires", "Rendez-vous et accompagnements", "Écoles", "Fibre", "Indice de fragilité : ce qui pèse"]) expect(page.body).toContain(part);
    // 300 of 1,200 premises on fibre here, 5,700 of 7,200 in the territory.
    expect(page.body).toContain("25,0\u00a0%");
    expect(page.body).toContain("79,2\u00a0%");
    expect(page.body).toContain("Part des 65 ans et plus : 20,0\u00a0%");
    expect((await client.get(`/t/${territory.code}/communes/75056`)).statusCode).toBe(404);
    expect((await client.get(`/t/${territory.code}/communes/abc`)).statusCode).toBe(404);
  });

  it("exports from the command line as CSV and XLSX", async () => {
    if (engine !== "postgres") return; // one engine is enough for the spawned command (PGlite needs its own data directory)
    const data = tempDataDir("maillage-cli-observatoire-");
    try {
      const env = cliEnv(path.join(data.dir, "unused"), { DATABASE_URL: t.database.location });
      const csv = await runCli(["export", "observatoire", "--territory", territory.code], env);
      expect(csv.code, csv.stderr).toBe(0);
      expect(csv.stdout).toContain("79080;Châtillon-sur-Thouet;2500;0.25;");
      const file = path.join(data.dir, "observatoire.xlsx");
      const xlsx = await runCli(["export", "observatoire", "--territory", territory.code, "--format", "xlsx", "--output", file], env);
      expect(xlsx.code, xlsx.stderr).toBe(0);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(file);
      expect((workbook.worksheets[0]!.getRow(1).values as unknown[]).slice(1, 6)).toEqual(["code_insee", "commune", "population", "part_locaux_ftth", "indice_fragilite"]);
      expect(fs.existsSync(file)).toBe(true);
      // Imports name every malformed row and write nothing, unless asked to skip them.
      const bad = path.join(data.dir, "commune_techno.csv");
      fs.writeFileSync(bad, [TECHNO_HEADER, "79202;Parthenay;79;75;6000;all;5500;0;0;0;0;0;0;2027-03-31", "79080;Châtillon;79;75;1200;all;trois;0;0;0;0;0;0;2027-03-31", "75056;Paris;75;11;10;all;1;0;0;0;0;0;0;2027-03-31"].join("\n"));
      const refused = await runCli(["import", "connectivite", bad, "--territory", territory.code], env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("ligne 3 : elig_ftth — « trois » n'est pas un nombre entier positif ou nul");
      expect(refused.stderr).toContain("rien n'a été importé");
      const skipped = await runCli(["import", "connectivite", bad, "--territory", territory.code, "--skip-invalid"], env);
      expect(skipped.code, skipped.stderr).toBe(0);
      expect(skipped.stdout).toContain("1 ligne d'autres communes ignorée.");
      expect(skipped.stdout).toContain("Trimestres : 2027-03-31.");
    } finally {
      data.remove();
    }
  }, 120_000);
});
