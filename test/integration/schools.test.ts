// Schools pages on a hand-computed fixture: harmonisation view and exports, indicators, bulk actions with
// history, the reference set, and what a school referent may see.
import ExcelJS from "exceljs";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { communes, equipmentHistory, equipmentItems, schoolReferents, schools, socleVersions } from "../../src/db/schema/index.js";
import { withTenant } from "../../src/db/tenant.js";
import { computeIndicators, type IndicatorSchool } from "../../src/modules/schools/domain/indicators.js";
import { loadIndicators } from "../../src/modules/schools/indicators.queries.js";
import { importSchoolsFile, type SchoolsImportKind } from "../../src/modules/schools/schools-import.js";
import { CLASSES_CSV, directoryCsv, equipmentCsv, EXPECTED_ELEMENTS, FIXTURE_ITEMS, SCHOOL_NAMES, UAI_A, UAI_B, UAI_C } from "../../src/modules/schools/schools.fixtures.js";
import { saveCommuneGroup } from "../../src/modules/territories/territories.commands.js";
import { createTestApp, makeTerritory, makeUser, TestClient, testActor, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";

type Fixture = Awaited<ReturnType<typeof makeFixture>>;

async function makeFixture(t: TestApp, engine: string, label: string) {
  const territory = await makeTerritory(t.database);
  const rows = await t.database.db.select({ id: communes.id, insee: communes.insee, name: communes.name }).from(communes).where(eq(communes.territoryId, territory.id)).orderBy(communes.insee);
  await withTenant(t.database.db, territory.id, async (tx) => {
    await saveCommuneGroup(tx, { territoryId: territory.id, name: "Ancienne CC du Nord", communeIds: [rows[0]!.id, rows[1]!.id], actor: testActor });
    await saveCommuneGroup(tx, { territoryId: territory.id, name: "Ancienne CC du Sud", communeIds: [rows[2]!.id], actor: testActor });
  });
  const run = (kind: SchoolsImportKind, text: string) =>
    importSchoolsFile(t.database.db, { territoryId: territory.id, kind, text, skipInvalid: false, actor: testActor, today: "2027-03-02" });
  await run("ecoles", directoryCsv(rows.map((r) => r.insee) as [string, string, string]));
  await run("classes", CLASSES_CSV);
  await run("equipements", equipmentCsv());
  const user = (role: "coordinator" | "elected" | "school_referent") =>
    makeUser(t.database, { email: `${role}-${label}-${engine}@exemple.fr`, territoryId: territory.id, roles: [role] });
  const coordinator = await new TestClient(t.app).signInAs(t, await user("coordinator"));
  const schoolRows = await t.database.db.select({ id: schools.id, uai: schools.uai }).from(schools).where(eq(schools.territoryId, territory.id));
  const schoolId = (uai: string) => schoolRows.find((s) => s.uai === uai)!.id;
  return { territory, communes: rows, coordinator, user, schoolId, base: `/t/${territory.code}/ecoles` };
}

/** Cells of a table row whose header cell contains `label`, as text. */
function rowCells(html: string, label: string): string[] {
  const row = html.split("<tr").find((r) => r.includes(label));
  if (!row) throw new Error(`no row with ${label}`);
  return [...row.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, " ").replace(/[ \t\r\n]+/g, " ").trim());
}

describe.each(engines)("schools pages on %s", (engine) => {
  let t: TestApp;
  let f: Fixture;

  beforeAll(async () => {
    t = await createTestApp(engine);
    f = await makeFixture(t, engine, "main");
  });
  afterAll(() => t.close());

  it("shows compliance per group of communes, per commune and per school as computed by hand", async () => {
    const page = await f.coordinator.get(`${f.base}/harmonisation`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Conformité du territoire au socle : <strong>57,5\u00a0%</strong>");
    expect(rowCells(page.body, "Ancienne CC du Nord").slice(0, 4)).toEqual(["Ancienne CC du Nord", "2", "64,3\u00a0%", "20"]);
    expect(rowCells(page.body, "Ancienne CC du Sud").slice(0, 4)).toEqual(["Ancienne CC du Sud", "1", "35,3\u00a0%", "11"]);
    expect(rowCells(page.body, `>${f.communes[1]!.name}<`)).toEqual([f.communes[1]!.name, "1", "84,2\u00a0%", "3"]);
    expect(rowCells(page.body, SCHOOL_NAMES[UAI_A]!)).toEqual([
      `${SCHOOL_NAMES[UAI_A]} ${UAI_A}`, f.communes[0]!.name, "54,1\u00a0%",
      "3 / 5 manque 2", "1 / 5 manque 4", "14 / 24 manque 10", "2 / 1", "0 / 1 manque 1", "1 / 1", "17",
    ]);
    expect(page.body).toContain('<caption class="govuk-table__caption govuk-table__caption--m">Par groupe de communes</caption>');
    expect(page.body).toMatch(/<th scope="col" class="govuk-table__header govuk-table__header--numeric" aria-sort="ascending"><a class="govuk-link" href="[^"]*tri=conformite&amp;ordre=desc/);
  });

  it("sorts the schools table through GET parameters", async () => {
    const order = async (query: string) => {
      const html = (await f.coordinator.get(`${f.base}/harmonisation?${query}`)).body.split('id="ecoles"')[1]!;
      return [UAI_A, UAI_B, UAI_C].sort((a, b) => html.indexOf(a) - html.indexOf(b));
    };
    expect(await order("tri=conformite&ordre=asc")).toEqual([UAI_C, UAI_A, UAI_B]);
    expect(await order("tri=element:mobiles&ordre=desc")).toEqual([UAI_A, UAI_C, UAI_B]);
    // French collation: "École de la Forêt" < "École des Lilas" < "École du Bourg".
    expect(await order("tri=ecole&ordre=asc")).toEqual([UAI_C, UAI_A, UAI_B]);
  });

  it("exports one row per school and element, the same in CSV and XLSX", async () => {
    const expected = [UAI_A, UAI_B, UAI_C].flatMap((uai, i) =>
      EXPECTED_ELEMENTS[uai]!.map(([element, requis, present, manque]) => [uai, SCHOOL_NAMES[uai]!, f.communes[i]!.name, element, requis, present, manque, f.communes[i]!.insee, i < 2 ? "Ancienne CC du Nord" : "Ancienne CC du Sud"]),
    );
    const csv = await f.coordinator.get(`${f.base}/harmonisation/export?format=csv`);
    expect(csv.headers["content-type"]).toContain("text/csv");
    const lines = csv.body.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines[0]).toBe("uai;ecole;commune;element;requis;present;manque;code_commune;groupes");
    expect(lines.slice(1)).toEqual(expected.map((row) => row.join(";")));
    const xlsx = await t.app.inject({ method: "GET", url: `${f.base}/harmonisation/export?format=xlsx`, headers: { cookie: `maillage_session=${f.coordinator.cookie("maillage_session")}` } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheetRows: unknown[][] = [];
    workbook.worksheets[0]!.eachRow((row) => sheetRows.push((row.values as unknown[]).slice(1)));
    expect(sheetRows[0]).toEqual(lines[0]!.split(";"));
    expect(sheetRows.slice(1)).toEqual(expected);
  });

  it("computes the indicators in the database exactly as the domain rules do on the same items", async () => {
    const classes = await t.database.db.execute(sql`select c.id, s.uai, c.name from school_classes c join schools s on s.id = c.school_id where c.territory_id = ${f.territory.id}`);
    const classId = new Map((classes as unknown as { rows: { id: number; uai: string; name: string }[] }).rows.map((r) => [`${r.uai}/${r.name}`, String(r.id)]));
    const inMemory: IndicatorSchool[] = [UAI_A, UAI_B, UAI_C].map((uai, i) => ({
      schoolId: String(f.schoolId(uai)),
      communeCode: f.communes[i]!.insee,
      pupils: [120, 50, 25][i]!,
      fibre: null,
      classes: [...classId].filter(([key]) => key.startsWith(`${uai}/`)).map(([, id]) => ({ id })),
      items: FIXTURE_ITEMS.flatMap((item, n) => (item.uai === uai ? [{ id: String(n), category: item.categorie, state: item.etat, classId: item.classe ? classId.get(`${uai}/${item.classe}`)! : null, acquisitionDate: item.date ?? null }] : [])),
    }));
    const expected = computeIndicators(inMemory, "2027-03-02");
    const fromDb = await withTenant(t.database.db, f.territory.id, (tx) => loadIndicators(tx, { territoryId: f.territory.id, scope: { kind: "all" }, asOf: "2027-03-02" }));
    expect(fromDb.territory.counts).toEqual(expected.territory.counts);
    for (const school of fromDb.bySchool) expect(school.counts).toEqual(expected.bySchool.find((s) => s.schoolId === String(school.id))!.counts);
    // A: 1 teacher laptop (the other is retired), 4 pupil and 2 head-teacher computers; B: 1; C: 3 + 1 — 12 for 195 pupils.
    expect(fromDb.territory.values.computersPer100Pupils).toBe((100 * 12) / 195);
    const page = await f.coordinator.get(`${f.base}/indicateurs`);
    expect(page.statusCode).toBe(200);
    expect(rowCells(page.body, "Ordinateurs pour 100 élèves")).toEqual(["Ordinateurs pour 100 élèves", "6,2", "6,3", "14,4", "11,9"]);
    expect(page.body).toContain('role="img"');
    expect(page.body).toContain("<title id=\"graphique-ordinateurs-titre\">Ordinateurs pour 100 élèves, par commune</title>");
  });

  it("moves items and changes their state in bulk, each change written to the item's history", async () => {
    const items = await t.database.db
      .select({ id: equipmentItems.id })
      .from(equipmentItems)
      .where(and(eq(equipmentItems.territoryId, f.territory.id), eq(equipmentItems.schoolId, f.schoolId(UAI_C)), eq(equipmentItems.category, "ordinateur_eleve")));
    const ids = items.map((i) => String(i.id));
    const step = await f.coordinator.post(`${f.base}/inventaire/actions`, { equipements: ids, action: "deplacer", ecole: String(f.schoolId(UAI_B)), retour: "etat=en_service" });
    expect(step.statusCode).toBe(200);
    expect(step.body).toContain("Où placer 3 équipements dans l'école du Bourg");
    const classId = /value="(\d+)"[^>]*>\s*<label[^>]*>Classe GS-CP/.exec(step.body)?.[1] ?? /id="[^"]*" name="classe" type="radio" value="(\d+)"/.exec(step.body)![1]!;
    const moved = await f.coordinator.post(`${f.base}/inventaire/actions`, { equipements: ids, action: "deplacer", ecole: String(f.schoolId(UAI_B)), classe: classId, retour: "etat=en_service" });
    expect(moved.statusCode).toBe(303);
    expect(moved.headers.location).toBe(`${f.base}/inventaire?etat=en_service&fait=deplacer`);
    const state = await f.coordinator.post(`${f.base}/inventaire/actions`, { equipements: ids.slice(0, 2), action: "etat", etat: "en_panne" });
    expect(state.statusCode).toBe(303);
    const history = await t.database.db.select({ change: equipmentHistory.change }).from(equipmentHistory).where(eq(equipmentHistory.itemId, Number(ids[0]))).orderBy(equipmentHistory.id);
    expect(history.map((h) => h.change).slice(1)).toEqual([
      { action: "deplacement", source: "web", emplacement: ["École de la Forêt — toute l'école", expect.stringMatching(/^École du Bourg — /)] },
      { action: "etat", source: "web", etat: ["en_service", "en_panne"] },
    ]);
    const itemPage = await f.coordinator.get(`${f.base}/inventaire/${ids[0]}`);
    expect(itemPage.body).toContain("Changement d'état</strong>");
    expect(itemPage.body).toContain("État : En service → En panne");
    expect(itemPage.body).toContain("Emplacement : École de la Forêt — toute l'école → École du Bourg");
  });

  it("shows a school referent only their school's items, and refuses them the reference-set edit and the territory views", async () => {
    const referentId = await f.user("school_referent");
    await t.database.db.insert(schoolReferents).values({ territoryId: f.territory.id, schoolId: f.schoolId(UAI_B), userId: referentId });
    const referent = await new TestClient(t.app).signInAs(t, referentId);
    const list = await referent.get(`${f.base}/inventaire`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain("École du Bourg");
    expect(list.body).not.toContain("École des Lilas");
    const exported = await referent.get(`${f.base}/inventaire/export?format=csv`);
    const uais = new Set(exported.body.replace(/^\uFEFF/, "").trim().split("\r\n").slice(1).map((l) => l.split(";")[0]));
    expect([...uais]).toEqual([UAI_B]);
    const [other] = await t.database.db.select({ id: equipmentItems.id }).from(equipmentItems).where(eq(equipmentItems.schoolId, f.schoolId(UAI_A))).limit(1);
    expect((await referent.get(`${f.base}/inventaire/${other!.id}`)).statusCode).toBe(404);
    expect((await referent.get(`${f.base}/${f.schoolId(UAI_A)}`)).statusCode).toBe(404);
    expect((await referent.get(`${f.base}/${f.schoolId(UAI_B)}`)).statusCode).toBe(200);
    expect((await referent.get(`${f.base}/socle`)).statusCode).toBe(200);
    expect((await referent.get(`${f.base}/socle/modifier`)).statusCode).toBe(403);
    expect((await referent.post(`${f.base}/socle/modifier`, { version: "x" })).statusCode).toBe(403);
    expect((await referent.post(`${f.base}/inventaire/actions`, { equipements: String(other!.id), action: "etat", etat: "reforme" })).statusCode).toBe(403);
    expect((await referent.get(`${f.base}/harmonisation`)).statusCode).toBe(403);
    expect((await referent.get(`${f.base}/indicateurs`)).statusCode).toBe(403);
  });

  it("saves an edited reference set as a new version that applies at once, and refuses an unsound one", async () => {
    const g = await makeFixture(t, engine, "socle");
    const form = await g.coordinator.get(`${g.base}/socle/modifier`);
    expect(form.statusCode).toBe(200);
    const fields: Record<string, string | string[]> = { version: "territoire-1", libelle: "Socle du territoire" };
    const codes = ["affichage", "poste_enseignant", "mobiles", "direction", "impression", "wifi"];
    const categories: Record<string, string[]> = { affichage: ["ecran_interactif", "videoprojecteur_interactif", "videoprojecteur"], poste_enseignant: ["ordinateur_portable_enseignant"], mobiles: ["tablette", "ordinateur_eleve"], direction: ["ordinateur_direction"], impression: ["imprimante_reseau"], wifi: ["point_acces_wifi"] };
    codes.forEach((code, i) => {
      Object.assign(fields, { [`e${i}_code`]: code, [`e${i}_libelle`]: code, [`e${i}_categories`]: categories[code]!, [`e${i}_regle`]: i < 2 ? "per_class" : i === 2 ? "per_class_group" : "per_school", [`e${i}_nombre`]: i === 2 ? "12" : "1", [`e${i}_groupe`]: "4", [`e${i}_achat`]: "" });
    });
    fields.e2_supprimer = "oui"; // no shared mobile devices required any more
    const bad = await g.coordinator.post(`${g.base}/socle/modifier`, { ...fields, e0_nombre: "0" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Élément « affichage » : nombre requis entier ≥ 1 attendu");
    const saved = await g.coordinator.post(`${g.base}/socle/modifier`, fields);
    expect(saved.statusCode).toBe(303);
    expect(await t.database.db.select({ id: socleVersions.id }).from(socleVersions).where(eq(socleVersions.territoryId, g.territory.id))).toHaveLength(1);
    const page = await g.coordinator.get(`${g.base}/harmonisation`);
    // Without `mobiles`: A 6/13, B 4/7, C 3/5 → 13/25.
    expect(page.body).toContain("Conformité du territoire au socle : <strong>52,0\u00a0%</strong>");
    expect((await g.coordinator.get(`${g.base}/socle`)).body).toContain("territoire-1");
  });

  it("renders the school list, a school page, the inventory with filters and the warranty report", async () => {
    expect((await f.coordinator.get(f.base)).body).toContain(SCHOOL_NAMES[UAI_A]);
    const school = await f.coordinator.get(`${f.base}/${f.schoolId(UAI_A)}`);
    expect(school.body).toContain("Socle numérique : 54,1\u00a0%");
    const filtered = await f.coordinator.get(`${f.base}/inventaire?ecole=${f.schoolId(UAI_A)}&categorie=tablette&etat=en_panne`);
    expect(filtered.body).toContain("2 équipements");
    const due = await f.coordinator.get(`${f.base}/inventaire/echeances?type=fin_de_vie&periode=passe`);
    expect(due.statusCode).toBe(200);
    // Past end of life on 2 March 2027: the 2015 projector (2022) and the ten 2020 tablets (2024).
    expect(due.body).toContain("Fin de vie prévue déjà dépassée : 11 équipements");
    expect((await f.coordinator.get(`${f.base}/inventaire/echeances?type=garantie&periode=365`)).body).toContain("Aucun équipement");
  });

  it("exports the inventory in the import's columns, so that the export imports back unchanged", async () => {
    const csv = await f.coordinator.get(`${f.base}/inventaire/export?format=csv`);
    expect(csv.headers["content-disposition"]).toContain(".csv");
    const lines = csv.body.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines[0]).toBe("uai;classe;categorie;numero_inventaire;modele;date_acquisition;cout_ttc;source_financement;fin_garantie;etat;ecole;commune;fin_de_vie");
    expect(lines).toHaveLength(51);
    expect(lines).toContain(`${UAI_A};CP;ecran_interactif;INV-0001;Modèle d'essai;2021-09-01;2890,00;;2026-09-01;en_service;École des Lilas;${f.communes[0]!.name};2029-09-01`);
    const again = await importSchoolsFile(t.database.db, { territoryId: f.territory.id, kind: "equipements", text: csv.body, skipInvalid: false, actor: testActor, today: "2027-03-02" });
    expect(again).toMatchObject({ imported: 50, created: 0, updated: 0, errors: [] });
    const xlsx = await t.app.inject({ method: "GET", url: `${f.base}/inventaire/export?format=xlsx`, headers: { cookie: `maillage_session=${f.coordinator.cookie("maillage_session")}` } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.rowCount).toBe(51);
  });
});
