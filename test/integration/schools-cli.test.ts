// `maillage import ecoles|classes|equipements` and `maillage export harmonisation`, spawned as an operator runs
// them, on the real geography of the demo EPCI (CC de Parthenay-Gâtine), on both engines.
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { CLASSES_CSV, demoUai, directoryCsv, equipmentCsv, EXPECTED_ELEMENTS, EXPECTED_SKIPPED, SCHOOL_NAMES, UAI_A, UAI_B, UAI_C } from "../../src/modules/schools/schools.fixtures.js";
import { cliEnv, runCli, tempDataDir } from "../support/cli.js";
import { createTestDatabase, engines } from "../support/database.js";

// Each PGlite run opens the data directory anew (a few seconds on a busy machine).
const SLOW = 180_000;
const EPCI = "200041333";
// A in Parthenay, B in Châtillon-sur-Thouet, C in Thénezay.
const COMMUNES: [string, string, string] = ["79202", "79080", "79326"];

describe.each(engines)("maillage schools commands on %s", (engine) => {
  const data = tempDataDir("maillage-cli-ecoles-");
  let env: NodeJS.ProcessEnv;
  let postgres: Database | undefined;
  const file = (name: string) => path.join(data.dir, name);
  const maillage = (...args: string[]) => runCli(args, env);

  beforeAll(async () => {
    if (engine === "postgres") {
      postgres = await createTestDatabase("postgres");
      env = cliEnv(path.join(data.dir, "unused"), { DATABASE_URL: postgres.location });
    } else {
      env = cliEnv(path.join(data.dir, "db"));
    }
    fs.writeFileSync(file("ecoles.csv"), directoryCsv(COMMUNES));
    fs.writeFileSync(file("classes.csv"), CLASSES_CSV);
    fs.writeFileSync(file("equipements.csv"), equipmentCsv());
    fs.writeFileSync(file("equipements-erreurs.csv"), equipmentCsv([`${demoUai(19)};;tablette;BAD-1;;;;;;`, `${UAI_A};;tablette;BAD-2;;;12,345;;;cassé`]));
    const created = await maillage("territory", "create", "--epci", EPCI);
    expect(created.code, created.stderr).toBe(0);
  }, SLOW);
  afterAll(async () => {
    await postgres?.close();
    data.remove();
  }, SLOW);

  it("imports the schools of the territory's communes and lists every other row with its UAI and reason", async () => {
    const result = await maillage("import", "ecoles", file("ecoles.csv"), "--territory", EPCI);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout.split("\n").filter((l) => l.startsWith("ligne "))).toEqual(EXPECTED_SKIPPED);
    expect(result.stdout).toContain("3 écoles importées dans CC de Parthenay-Gâtine : 3 ajouts, 0 mise à jour, 0 inchangée.");
    expect(result.stdout).toContain("3 lignes ignorées");
    const classes = await maillage("import", "classes", file("classes.csv"), "--territory", EPCI);
    expect(classes.code, classes.stderr).toBe(0);
    expect(classes.stdout).toContain("8 classes importées");
  }, SLOW);

  it("imports nothing from an equipment file with invalid rows, reports each and exits non-zero; --skip-invalid imports the rest", async () => {
    const refused = await maillage("import", "equipements", file("equipements-erreurs.csv"), "--territory", EPCI);
    expect(refused.code).toBe(1);
    expect(refused.stderr.split("\n").filter((l) => l.startsWith("ligne "))).toEqual([
      `ligne 52 : uai — aucune école ${demoUai(19)} dans le territoire`,
      "ligne 53 : cout_ttc — « 12,345 » n'est pas un montant en euros (ex. 1 234,56)",
      "ligne 53 : etat — état inconnu « cassé » (attendus : en_service, en_panne, en_reparation, reforme)",
    ]);
    expect(refused.stderr).toContain("Erreur : rien n'a été importé : 2 lignes invalides sur 52.");
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    const skipped = await maillage("import", "equipements", file("equipements-erreurs.csv"), "--territory", EPCI, "--skip-invalid");
    expect(skipped.code, skipped.stderr).toBe(0);
    expect(skipped.stdout).toContain("50 équipements importés dans CC de Parthenay-Gâtine : 50 ajouts, 0 mise à jour, 0 inchangé.");
    expect(skipped.stdout).toContain("2 lignes invalides ignorées.");
    const again = await maillage("import", "equipements", file("equipements.csv"), "--territory", EPCI);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("50 équipements importés dans CC de Parthenay-Gâtine : 0 ajout, 0 mise à jour, 50 inchangés.");
  }, SLOW);

  it("exports the harmonisation, one row per school and element, in CSV on stdout and XLSX to a file", async () => {
    const names: Record<string, string> = { "79202": "Parthenay", "79080": "Châtillon-sur-Thouet", "79326": "Thénezay" };
    const byCommune = [
      [UAI_B, COMMUNES[1]],
      [UAI_A, COMMUNES[0]],
      [UAI_C, COMMUNES[2]],
    ] as const; // ordered by commune name
    const expected = byCommune.flatMap(([uai, insee]) =>
      EXPECTED_ELEMENTS[uai]!.map(([element, requis, present, manque]) => [uai, SCHOOL_NAMES[uai]!, names[insee]!, element, requis, present, manque, insee]),
    );
    const csv = await maillage("export", "harmonisation", "--territory", EPCI, "--format", "csv");
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines[0]).toBe("uai;ecole;commune;element;requis;present;manque;code_commune;groupes");
    // This territory has no groups of communes (the demo seed is not run here): the column stays empty.
    expect(lines.slice(1)).toEqual(expected.map((row) => [...row, ""].join(";")));
    const xlsx = await maillage("export", "harmonisation", "--territory", EPCI, "--format", "xlsx", "--output", file("harmonisation.xlsx"));
    expect(xlsx.code, xlsx.stderr).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file("harmonisation.xlsx"));
    const rows: unknown[][] = [];
    workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows.slice(1).map((r) => r.slice(0, 8))).toEqual(expected);
    expect(rows).toHaveLength(19);
  }, SLOW);

  it("refuses an unknown territory and an unknown export format in plain French", async () => {
    const unknown = await maillage("import", "classes", file("classes.csv"), "--territory", "999999999");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("Erreur : territoire inconnu : 999999999");
    const format = await maillage("export", "harmonisation", "--territory", EPCI, "--format", "ods");
    expect(format.code).toBe(1);
    expect(format.stderr).toContain("--format attend csv ou xlsx.");
  }, SLOW);
});
