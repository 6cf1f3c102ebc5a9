// The single-item equipment forms: adding an item from a school's page, editing one from its page, with the
// import's rules, the item's history, the audit log, the uniqueness of inventory numbers and the permissions.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, communes, equipmentHistory, equipmentItems, schoolClasses, schoolReferents, schools } from "../../src/db/schema/index.js";
import { cliActor } from "../../src/modules/audit/audit.commands.js";
import { importSchoolsFile, type SchoolsImportKind } from "../../src/modules/schools/schools-import.js";
import { CLASSES_CSV, directoryCsv, equipmentCsv, inventoryNumber, UAI_A, UAI_B } from "../../src/modules/schools/schools.fixtures.js";
import { createTestApp, makeTerritory, makeUser, TestClient, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";

/** A territory with the schools fixture imported (3 schools, their classes, 50 items) and a signed-in coordinator. */
async function makeSchoolsTerritory(t: TestApp, label: string) {
  const territory = await makeTerritory(t.database);
  const inseeRows = await t.database.db.select({ insee: communes.insee }).from(communes).where(eq(communes.territoryId, territory.id)).orderBy(communes.insee);
  const run = (kind: SchoolsImportKind, text: string) =>
    importSchoolsFile(t.database.db, { territoryId: territory.id, kind, text, skipInvalid: false, actor: cliActor(t.clock()), today: "2027-03-02" });
  await run("ecoles", directoryCsv(inseeRows.map((r) => r.insee) as [string, string, string]));
  await run("classes", CLASSES_CSV);
  await run("equipements", equipmentCsv());
  const user = (role: "coordinator" | "elected" | "school_referent") =>
    makeUser(t.database, { email: `${role}-${label}@exemple.fr`, territoryId: territory.id, roles: [role] });
  const coordinator = await new TestClient(t.app).signInAs(t, await user("coordinator"));
  const schoolRows = await t.database.db.select({ id: schools.id, uai: schools.uai }).from(schools).where(eq(schools.territoryId, territory.id));
  const schoolId = (uai: string) => schoolRows.find((s) => s.uai === uai)!.id;
  const itemId = async (number: string) =>
    (await t.database.db.select({ id: equipmentItems.id }).from(equipmentItems).where(and(eq(equipmentItems.territoryId, territory.id), eq(equipmentItems.inventoryNumber, number))))[0]?.id;
  return { territory, coordinator, user, schoolId, itemId, base: `/t/${territory.code}/ecoles` };
}

const historyOf = (t: TestApp, itemId: number) =>
  t.database.db.select({ change: equipmentHistory.change, actorLabel: equipmentHistory.actorLabel }).from(equipmentHistory).where(eq(equipmentHistory.itemId, itemId)).orderBy(equipmentHistory.id);

const auditOf = (t: TestApp, action: string, itemId: number) =>
  t.database.db.select({ details: auditEvents.details, actorLabel: auditEvents.actorLabel }).from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, String(itemId))));

/** A filled-in new item, as the form posts it. */
const newItem = (changes: Record<string, string> = {}) => ({
  numero_inventaire: "IMP-2027-001",
  categorie: "imprimante_reseau",
  modele: "Brother HL-L5100",
  classe: "",
  etat: "en_service",
  date_acquisition: "2027-02-15",
  fin_garantie: "2030-02-15",
  cout_ttc: "349,90",
  source_financement: "Budget communal",
  ...changes,
});

describe.each(engines)("single-item equipment forms on %s", (engine) => {
  let t: TestApp;
  let f: Awaited<ReturnType<typeof makeSchoolsTerritory>>;

  beforeAll(async () => {
    t = await createTestApp(engine);
    f = await makeSchoolsTerritory(t, `forms-${engine}`);
  });
  afterAll(() => t.close());

  it("adds an item from its school's page, with a history entry and an audit event", async () => {
    const school = await f.coordinator.get(`${f.base}/${f.schoolId(UAI_B)}`);
    expect(school.body).toContain(`href="${f.base}/${f.schoolId(UAI_B)}/equipements/nouveau"`);
    const form = await f.coordinator.get(`${f.base}/${f.schoolId(UAI_B)}/equipements/nouveau`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("Ajouter un équipement");
    expect(form.body).toContain(">GS-CP</option>");
    const created = await f.coordinator.post(`${f.base}/${f.schoolId(UAI_B)}/equipements/nouveau`, newItem({ classe: "GS-CP" }));
    expect(created.statusCode).toBe(303);
    const id = (await f.itemId("IMP-2027-001"))!;
    expect(created.headers.location).toBe(`${f.base}/inventaire/${id}?fait=ajoute`);
    const [row] = await t.database.db.select().from(equipmentItems).where(eq(equipmentItems.id, id));
    const [gsCp] = await t.database.db.select({ id: schoolClasses.id }).from(schoolClasses).where(and(eq(schoolClasses.schoolId, f.schoolId(UAI_B)), eq(schoolClasses.name, "GS-CP")));
    expect(row).toMatchObject({ schoolId: f.schoolId(UAI_B), classId: gsCp!.id, category: "imprimante_reseau", model: "Brother HL-L5100", acquisitionDate: "2027-02-15", warrantyEnd: "2030-02-15", costCents: 34_990, fundingSource: "Budget communal", state: "en_service" });
    expect(await historyOf(t, id)).toEqual([
      { actorLabel: `coordinator-forms-${engine}@exemple.fr`, change: { action: "creation", source: "web", etat: [null, "en_service"], emplacement: [null, "École du Bourg — GS-CP"] } },
    ]);
    expect(await auditOf(t, "equipment.create", id)).toEqual([{ actorLabel: `coordinator-forms-${engine}@exemple.fr`, details: { inventoryNumber: "IMP-2027-001", schoolId: f.schoolId(UAI_B) } }]);
    const page = await f.coordinator.get(created.headers.location as string);
    expect(page.body).toContain("L'équipement est ajouté à l'inventaire.");
    expect(page.body).toContain("Ajout à l'inventaire</strong>");
  });

  it("edits an item from its page: the changes go to its history, with an audit event; an unchanged form writes nothing", async () => {
    const id = (await f.itemId(inventoryNumber(1)))!;
    const page = await f.coordinator.get(`${f.base}/inventaire/${id}`);
    expect(page.body).toContain(`href="${f.base}/inventaire/${id}/modifier"`);
    const form = await f.coordinator.get(`${f.base}/inventaire/${id}/modifier`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`value="${inventoryNumber(1)}"`);
    expect(form.body).toMatch(/<option value="CP" selected>CP<\/option>/);
    expect(form.body).toContain('value="2890"');
    const edited = { numero_inventaire: "INV-0001-B", categorie: "ecran_interactif", modele: "Écran 86 pouces", classe: "CE1", etat: "en_panne", date_acquisition: "2021-09-01", fin_garantie: "2026-09-01", cout_ttc: "2890", source_financement: "" };
    const saved = await f.coordinator.post(`${f.base}/inventaire/${id}/modifier`, edited);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${f.base}/inventaire/${id}?fait=enregistre`);
    const history = await historyOf(t, id);
    expect(history.at(-1)!.change).toEqual({
      action: "modification",
      source: "web",
      etat: ["en_service", "en_panne"],
      emplacement: ["École des Lilas — CP", "École des Lilas — CE1"],
      champs: { numero_inventaire: [inventoryNumber(1), "INV-0001-B"], modele: ["Modèle d'essai", "Écran 86 pouces"] },
    });
    expect(await auditOf(t, "equipment.update", id)).toEqual([{ actorLabel: `coordinator-forms-${engine}@exemple.fr`, details: { changed: ["numero_inventaire", "modele", "etat", "classe"] } }]);
    const after = await f.coordinator.get(saved.headers.location as string);
    expect(after.body).toContain("Les informations de l'équipement sont enregistrées.");
    expect(after.body).toContain("Numéro d'inventaire : INV-0001 → INV-0001-B");
    expect(after.body).toContain("Emplacement : École des Lilas — CP → École des Lilas — CE1");
    const again = await f.coordinator.post(`${f.base}/inventaire/${id}/modifier`, edited);
    expect(again.headers.location).toBe(`${f.base}/inventaire/${id}?fait=rien`);
    expect(await historyOf(t, id)).toHaveLength(history.length);
  });

  it("keeps what was typed and explains each error in French, linked to its field", async () => {
    const typed = newItem({ numero_inventaire: "", date_acquisition: "31/02/2026", cout_ttc: "trois cents", modele: "Modèle <tapé>" });
    const refused = await f.coordinator.post(`${f.base}/${f.schoolId(UAI_A)}/equipements/nouveau`, typed);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("<title>Erreur : Ajouter un équipement – Maillage</title>");
    expect(refused.body).toContain(`<a href="#champ-numero_inventaire">Saisissez le numéro d'inventaire</a>`);
    expect(refused.body).toContain("Date d'acquisition\u00a0: « 31/02/2026 » n'est pas une date valide (AAAA-MM-JJ ou JJ/MM/AAAA)");
    expect(refused.body).toContain('href="#champ-cout_ttc"');
    expect(refused.body).toContain('id="champ-cout_ttc-error"');
    expect(refused.body).toContain('value="trois cents"');
    expect(refused.body).toContain('value="Modèle &lt;tapé>"');
    expect(refused.body).toContain('value="Budget communal"');
    expect(refused.body).toMatch(/<option value="imprimante_reseau" selected>/);
    const id = (await f.itemId(inventoryNumber(2)))!;
    const future = await f.coordinator.post(`${f.base}/inventaire/${id}/modifier`, newItem({ numero_inventaire: inventoryNumber(2), date_acquisition: "2027-03-03" }));
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain("La date d'acquisition est dans le futur");
    expect(await historyOf(t, id)).toHaveLength(1);
  });

  it("turns an inventory number already used in the territory into a field error, on adding and on editing", async () => {
    const taken = inventoryNumber(3);
    const count = async () => (await t.database.db.select({ id: equipmentItems.id }).from(equipmentItems).where(eq(equipmentItems.territoryId, f.territory.id))).length;
    const before = await count();
    const added = await f.coordinator.post(`${f.base}/${f.schoolId(UAI_A)}/equipements/nouveau`, newItem({ numero_inventaire: taken }));
    expect(added.statusCode).toBe(400);
    expect(added.body).toContain(`<a href="#champ-numero_inventaire">Le numéro d'inventaire ${taken} est déjà celui d'un autre équipement du territoire</a>`);
    expect(await count()).toBe(before);
    const id = (await f.itemId(inventoryNumber(4)))!;
    const edited = await f.coordinator.post(`${f.base}/inventaire/${id}/modifier`, newItem({ numero_inventaire: taken }));
    expect(edited.statusCode).toBe(400);
    expect(edited.body).toContain(`value="${taken}"`);
    expect(edited.body).toContain("est déjà celui d'un autre équipement du territoire");
    expect(await f.itemId(inventoryNumber(4))).toBe(id);
    expect(await historyOf(t, id)).toHaveLength(1);
  });

  it("refuses the forms to people who may not change the inventory, and hides the links from them", async () => {
    const referentId = await f.user("school_referent");
    await t.database.db.insert(schoolReferents).values({ territoryId: f.territory.id, schoolId: f.schoolId(UAI_A), userId: referentId });
    const id = (await f.itemId(inventoryNumber(5)))!;
    for (const client of [await new TestClient(t.app).signInAs(t, referentId), await new TestClient(t.app).signInAs(t, await f.user("elected"))]) {
      expect((await client.get(`${f.base}/inventaire/${id}`)).body).not.toContain("/modifier");
      expect((await client.get(`${f.base}/${f.schoolId(UAI_A)}`)).body).not.toContain("/equipements/nouveau");
      expect((await client.get(`${f.base}/${f.schoolId(UAI_A)}/equipements/nouveau`)).statusCode).toBe(403);
      expect((await client.post(`${f.base}/${f.schoolId(UAI_A)}/equipements/nouveau`, newItem({ numero_inventaire: "REFUSE-1" }))).statusCode).toBe(403);
      expect((await client.get(`${f.base}/inventaire/${id}/modifier`)).statusCode).toBe(403);
      expect((await client.post(`${f.base}/inventaire/${id}/modifier`, newItem({ numero_inventaire: "REFUSE-2" }))).statusCode).toBe(403);
    }
    expect(await f.itemId("REFUSE-1")).toBeUndefined();
    expect(await f.itemId("REFUSE-2")).toBeUndefined();
    expect(await historyOf(t, id)).toHaveLength(1);
  });

  it("answers 404 for another territory's school or item, even to its own coordinator", async () => {
    const other = await makeSchoolsTerritory(t, `other-${engine}`);
    const foreignItem = (await other.itemId(inventoryNumber(6)))!;
    const foreignSchool = other.schoolId(UAI_A);
    expect((await f.coordinator.get(`${f.base}/inventaire/${foreignItem}/modifier`)).statusCode).toBe(404);
    expect((await f.coordinator.post(`${f.base}/inventaire/${foreignItem}/modifier`, newItem({ numero_inventaire: "PIRATE-1" }))).statusCode).toBe(404);
    expect((await f.coordinator.get(`${f.base}/${foreignSchool}/equipements/nouveau`)).statusCode).toBe(404);
    expect((await f.coordinator.post(`${f.base}/${foreignSchool}/equipements/nouveau`, newItem({ numero_inventaire: "PIRATE-2" }))).statusCode).toBe(404);
    expect((await f.coordinator.get(`${other.base}/inventaire/${foreignItem}/modifier`)).statusCode).toBe(404);
    expect(await other.itemId(inventoryNumber(6))).toBe(foreignItem);
    expect(await historyOf(t, foreignItem)).toHaveLength(1);
    expect([await other.itemId("PIRATE-1"), await f.itemId("PIRATE-2"), await other.itemId("PIRATE-2")]).toEqual([undefined, undefined, undefined]);
  });
});
