// The three schools imports (directory, classes, equipment) through the shared importer and the web import job.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { communes, equipmentHistory, equipmentItems, schools } from "../../src/db/schema/index.js";
import { withTenant } from "../../src/db/tenant.js";
import { cliActor } from "../../src/modules/audit/audit.commands.js";
import { startRunner } from "../../src/modules/jobs/jobs.runner.js";
import { transportFor } from "../../src/modules/mail/mail.transport.js";
import { loadHarmonisation } from "../../src/modules/schools/harmonisation.queries.js";
import { formatImportError } from "../../src/modules/schools/import-export/csv.js";
import { formatSkipped, importSchoolsFile, type SchoolsImportKind } from "../../src/modules/schools/schools-import.js";
import {
  CLASSES_CSV,
  demoUai,
  directoryCsv,
  equipmentCsv,
  EXPECTED_ELEMENTS,
  EXPECTED_SKIPPED,
  inventoryNumber,
  UAI_A,
  UAI_B,
  UAI_C,
} from "../../src/modules/schools/schools.fixtures.js";
import { buildExecutors } from "../../src/worker.js";
import { createTestApp, makeTerritory, makeUser, TestClient, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";

/** A multipart/form-data body built by hand, as a browser sends it. */
function multipart(fields: Record<string, string>, file: { filename: string; content: string }) {
  const boundary = "----maillage-ecoles-7MA4YWxkTrZu0gW";
  const parts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="fichier"; filename="${file.filename}"\r\nContent-Type: text/csv\r\n\r\n${file.content}\r\n`);
  return { payload: Buffer.from(`${parts.join("")}--${boundary}--\r\n`, "utf8"), contentType: `multipart/form-data; boundary=${boundary}` };
}

const BAD_EQUIPMENT_LINES = [
  `${demoUai(19)};;tablette;BAD-1;;;;;;`,
  `${UAI_A};CM3;tablette;BAD-2;;;;;;`,
  `${UAI_A};;imprimante 3D;BAD-3;;;;;;`,
  `${UAI_A};;tablette;BAD-4;;31/02/2024;12,345;;;`,
  `${UAI_A};;tablette;${inventoryNumber(1)};;;;;;`,
];

describe.each(engines)("schools imports on %s", (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t.close());

  async function territoryWithCommunes() {
    const territory = await makeTerritory(t.database);
    const rows = await t.database.db.select({ insee: communes.insee }).from(communes).where(eq(communes.territoryId, territory.id)).orderBy(communes.insee);
    return { territory, codes: rows.map((r) => r.insee) as [string, string, string] };
  }

  const run = (territoryId: number, kind: SchoolsImportKind, text: string, skipInvalid = false) =>
    importSchoolsFile(t.database.db, { territoryId, kind, text, skipInvalid, actor: cliActor(t.clock()), today: "2027-03-02", filename: `${kind}.csv` });

  it("keeps the open schools of the territory's communes and reports every other row with its UAI and reason", async () => {
    const { territory, codes } = await territoryWithCommunes();
    const result = await run(territory.id, "ecoles", directoryCsv(codes));
    expect(result).toMatchObject({ totalRows: 6, imported: 3, created: 3, updated: 0, errors: [] });
    expect(result.skipped.map(formatSkipped)).toEqual(EXPECTED_SKIPPED);
    const rows = await t.database.db.select({ uai: schools.uai, kind: schools.kind, pupils: schools.pupils, address: schools.address }).from(schools).where(eq(schools.territoryId, territory.id)).orderBy(schools.uai);
    expect(rows).toEqual([
      { uai: UAI_A, kind: "elementaire", pupils: 120, address: "1 rue des Lilas, 79200" },
      { uai: UAI_B, kind: "primaire", pupils: 50, address: "" },
      { uai: UAI_C, kind: "primaire", pupils: 25, address: "" },
    ]);
    const again = await run(territory.id, "ecoles", directoryCsv(codes));
    expect(again).toMatchObject({ imported: 3, created: 0, updated: 0 });
  });

  it("imports classes and equipment, and measures the fixture exactly as computed by hand", async () => {
    const { territory, codes } = await territoryWithCommunes();
    await run(territory.id, "ecoles", directoryCsv(codes));
    expect(await run(territory.id, "classes", CLASSES_CSV)).toMatchObject({ imported: 8, created: 8, errors: [] });
    expect(await run(territory.id, "equipements", equipmentCsv())).toMatchObject({ totalRows: 50, imported: 50, created: 50, updated: 0, errors: [] });
    const h = await withTenant(t.database.db, territory.id, (tx) => loadHarmonisation(tx, { territoryId: territory.id, scope: { kind: "all" } }));
    for (const school of h.schools) {
      expect(school.compliance.elements.map((e) => [e.element, e.requis, e.present, e.manque])).toEqual(EXPECTED_ELEMENTS[school.uai]);
    }
    expect(h.territory).toMatchObject({ requis: 73, met: 42 });
  });

  it("imports nothing from an equipment file with invalid rows and reports each as « ligne N : champ — raison »", async () => {
    const { territory, codes } = await territoryWithCommunes();
    await run(territory.id, "ecoles", directoryCsv(codes));
    await run(territory.id, "classes", CLASSES_CSV);
    const result = await run(territory.id, "equipements", equipmentCsv(BAD_EQUIPMENT_LINES));
    expect(result.imported).toBe(0);
    expect(result.errors.map(formatImportError)).toEqual([
      `ligne 52 : uai — aucune école ${demoUai(19)} dans le territoire`,
      `ligne 53 : classe — aucune classe « CM3 » dans l'école ${UAI_A}`,
      "ligne 54 : categorie — catégorie inconnue « imprimante 3D » (attendues : ecran_interactif, videoprojecteur_interactif, videoprojecteur, ordinateur_portable_enseignant, ordinateur_direction, ordinateur_eleve, tablette, visualiseur, imprimante_reseau, point_acces_wifi, valise_rechargement, autre)",
      "ligne 55 : date_acquisition — « 31/02/2024 » n'est pas une date valide (AAAA-MM-JJ ou JJ/MM/AAAA)",
      "ligne 55 : cout_ttc — « 12,345 » n'est pas un montant en euros (ex. 1 234,56)",
      `ligne 56 : numero_inventaire — numéro ${inventoryNumber(1)} déjà présent ligne 2`,
    ]);
    expect(await t.database.db.select().from(equipmentItems).where(eq(equipmentItems.territoryId, territory.id))).toEqual([]);
    const skipped = await run(territory.id, "equipements", equipmentCsv(BAD_EQUIPMENT_LINES), true);
    expect(skipped).toMatchObject({ totalRows: 55, imported: 50, created: 50 });
    expect(skipped.errors).toHaveLength(6);
  });

  it("upserts items by inventory number: unchanged rows are left alone, a changed state is updated with a history entry", async () => {
    const { territory, codes } = await territoryWithCommunes();
    await run(territory.id, "ecoles", directoryCsv(codes));
    await run(territory.id, "classes", CLASSES_CSV);
    await run(territory.id, "equipements", equipmentCsv());
    const again = await run(territory.id, "equipements", equipmentCsv());
    expect(again).toMatchObject({ imported: 50, created: 0, updated: 0 });
    const changed = equipmentCsv().replace(`${inventoryNumber(1)};Modèle d'essai;2021-09-01;2 890,00;;2026-09-01;en_service`, `${inventoryNumber(1)};Modèle d'essai;2021-09-01;2 890,00;;2026-09-01;en_panne`);
    expect(await run(territory.id, "equipements", changed)).toMatchObject({ created: 0, updated: 1 });
    const [item] = await t.database.db.select().from(equipmentItems).where(and(eq(equipmentItems.territoryId, territory.id), eq(equipmentItems.inventoryNumber, inventoryNumber(1))));
    expect(item).toMatchObject({ state: "en_panne", costCents: 289_000, acquisitionDate: "2021-09-01", warrantyEnd: "2026-09-01" });
    const history = await t.database.db.select({ change: equipmentHistory.change }).from(equipmentHistory).where(eq(equipmentHistory.itemId, item!.id)).orderBy(equipmentHistory.id);
    expect(history.map((h) => h.change)).toEqual([
      { action: "creation", source: "import", fichier: "equipements.csv", etat: [null, "en_service"], emplacement: [null, "École des Lilas — CP"] },
      { action: "modification", source: "import", fichier: "equipements.csv", etat: ["en_service", "en_panne"] },
    ]);
  });

  it("imports from the web: upload, progress page, job run to done, report with rejected and skipped rows", async () => {
    const { territory, codes } = await territoryWithCommunes();
    const userId = await makeUser(t.database, { email: `coord-ecoles-${engine}@exemple.fr`, territoryId: territory.id, roles: ["coordinator"] });
    const client = await new TestClient(t.app).signInAs(t, userId);
    const form = await client.get(`/t/${territory.code}/ecoles/import`);
    expect(form.statusCode).toBe(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const cookie = `maillage_session=${client.cookie("maillage_session")}; maillage_csrf=${client.cookie("maillage_csrf")}`;
    const upload = async (kind: string, content: string, skip = "rien") => {
      const body = multipart({ _csrf: token, type: kind, lignes_invalides: skip }, { filename: `${kind}.csv`, content });
      const posted = await t.app.inject({ method: "POST", url: `/t/${territory.code}/ecoles/import`, payload: body.payload, headers: { cookie, "content-type": body.contentType } });
      expect(posted.statusCode).toBe(303);
      return posted.headers.location as string;
    };
    const runJobs = async () => {
      const executors = buildExecutors({ db: t.database.db, config: t.deps.config, clock: t.clock, transport: transportFor(undefined) });
      const runner = startRunner(t.database.db, executors, { clock: t.clock, autoStart: false, names: ["import.schools"] });
      await runner.runUntilIdle();
      await runner.stop();
    };

    const directoryUrl = await upload("ecoles", directoryCsv(codes));
    expect(directoryUrl).toMatch(new RegExp(`^/t/${territory.code}/ecoles/import/\\d+$`));
    const waiting = await client.get(directoryUrl);
    expect(waiting.body).toContain("<progress");
    expect(waiting.body).toContain("data-live-refresh");
    expect(waiting.body).not.toContain('http-equiv="refresh"');
    await runJobs();
    const done = await client.get(directoryUrl);
    expect(done.body).not.toContain("data-live-refresh");
    expect(done.body).toContain("3 écoles importées sur 6 lignes");
    expect(done.body).toContain("3 lignes ignorées");
    const report = await client.get(`${directoryUrl}/rapport.csv`);
    expect(report.headers["content-type"]).toContain("text/csv");
    expect(report.body.replace(/^\uFEFF/, "").trim().split("\n")).toEqual([
      "ligne;uai;statut;champ;raison",
      `5;${demoUai(14)};ignorée;;collège : seules les écoles sont importées`,
      `6;${demoUai(15)};ignorée;;établissement fermé`,
      `7;${demoUai(16)};ignorée;;hors territoire (commune 75056 Paris)`,
    ]);

    await upload("classes", CLASSES_CSV);
    const equipmentUrl = await upload("equipements", equipmentCsv(BAD_EQUIPMENT_LINES));
    await runJobs();
    const refused = await client.get(equipmentUrl);
    expect(refused.body).toContain("0 équipement importé sur 55 lignes");
    expect(refused.body).toContain("rien n'a été importé");
    const refusedReport = await client.get(`${equipmentUrl}/rapport.csv`);
    expect(refusedReport.body).toContain(`52;;refusée;uai;aucune école ${demoUai(19)} dans le territoire`);
    const skippedUrl = await upload("equipements", equipmentCsv(BAD_EQUIPMENT_LINES), "ignorer");
    await runJobs();
    expect((await client.get(skippedUrl)).body).toContain("50 équipements importés sur 55 lignes");
    const list = await client.get(`/t/${territory.code}/ecoles/import`);
    expect(list.body).toContain("equipements.csv");
  });

  it("refuses the import pages to an elected official, and a file without a kind", async () => {
    const territory = await makeTerritory(t.database);
    const elected = await makeUser(t.database, { email: `elu-import-${engine}@exemple.fr`, territoryId: territory.id, roles: ["elected"] });
    const client = await new TestClient(t.app).signInAs(t, elected);
    expect((await client.get(`/t/${territory.code}/ecoles/import`)).statusCode).toBe(403);
  });
});
