// The mediators, plages, motifs and settings back-office, driven through the routes as a coordinator.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { absences, exceptionalPlages, inclusionSettings, mediatorPlaces, mediators, motifs, plages } from "../../src/db/schema/index.js";
import { createTestApp, makeTerritory, makeUser, TestClient, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";
import { lieuRecord, makePlace } from "../support/inclusion.js";

/** The page's text with entities decoded and no-break spaces made ordinary, for plain assertions. */
const plain = (html: string) => html.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/\u00a0|&nbsp;/g, " ");

describe.each(engines)("mediators back-office on %s", (engine) => {
  let t: TestApp;
  let code: string;
  let territoryId: number;
  let client: TestClient;
  let placeA: { id: number; nom: string };
  let placeB: { id: number; nom: string };
  let foreignPlace: { id: number };
  let accountId: number;
  let mediatorId: number;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const territory = await makeTerritory(t.database);
    ({ code, id: territoryId } = territory);
    placeA = await makePlace(t.database, { territoryId, record: lieuRecord({ nom: "Maison France Services de Parthenay" }) });
    placeB = await makePlace(t.database, { territoryId, record: lieuRecord({ nom: "Médiathèque de Secondigny" }) });
    const other = await makeTerritory(t.database);
    foreignPlace = await makePlace(t.database, { territoryId: other.id });
    const coordinator = await makeUser(t.database, { email: `coordination-${engine}@exemple.fr`, territoryId, roles: ["coordinator"] });
    accountId = await makeUser(t.database, { email: `camille-${engine}@exemple.fr`, territoryId, roles: ["mediator"] });
    client = await new TestClient(t.app).signInAs(t, coordinator);
  });
  afterAll(() => t.close());

  const url = (path: string) => `/t/${code}${path}`;

  it("creates a mediator with places and a linked account, and lists them", async () => {
    const form = await client.get(url("/mediateurs/nouveau"));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`camille-${engine}@exemple.fr`);
    const created = await client.post(url("/mediateurs"), { name: "Camille Martin", email: "Camille@Exemple.fr", userId: String(accountId), placeIds: [String(placeA.id), String(placeB.id)], active: "oui" });
    expect(created.statusCode).toBe(303);
    mediatorId = Number(/\/mediateurs\/(\d+)\?fait=fiche$/.exec(created.headers.location as string)?.[1]);
    const [row] = await t.database.db.select().from(mediators).where(eq(mediators.id, mediatorId));
    expect(row).toMatchObject({ territoryId, name: "Camille Martin", email: "camille@exemple.fr", userId: accountId, active: true });
    const links = await t.database.db.select({ placeId: mediatorPlaces.placeId }).from(mediatorPlaces).where(eq(mediatorPlaces.mediatorId, mediatorId));
    expect(links.map((l) => l.placeId).sort()).toEqual([placeA.id, placeB.id].sort());
    const list = plain((await client.get(url("/mediateurs"))).body);
    expect(list).toContain("Camille Martin");
    expect(list).toContain("Maison France Services de Parthenay, Médiathèque de Secondigny");
    expect(list).toContain(`camille-${engine}@exemple.fr`);
  });

  it("keeps what was typed and explains each mistake on the mediator form", async () => {
    const response = await client.post(url("/mediateurs"), { name: "", email: "pas-une-adresse", userId: "", placeIds: [String(foreignPlace.id)] });
    expect(response.statusCode).toBe(400);
    const body = plain(response.body);
    expect(body).toContain("Il y a un problème");
    expect(body).toContain("Saisissez le nom du médiateur ou de la médiatrice");
    expect(body).toContain("Saisissez une adresse électronique valide");
    expect(body).toContain("Choisissez des lieux de la liste");
    expect(body).toContain('value="pas-une-adresse"');
    expect(await t.database.db.select().from(mediatorPlaces).where(eq(mediatorPlaces.placeId, foreignPlace.id))).toHaveLength(0);
  });

  it("refuses to link an account already linked to another mediator", async () => {
    const response = await client.post(url("/mediateurs"), { name: "Doublon", userId: String(accountId), active: "oui" });
    expect(response.statusCode).toBe(400);
    expect(plain(response.body)).toContain("Ce compte est déjà rattaché à Camille Martin");
  });

  it("adds a weekly plage typed as 9:00 and shows the next free slots it opens", async () => {
    const response = await client.post(url(`/mediateurs/${mediatorId}/plages`), { placeId: String(placeA.id), weekdays: ["2", "4"], startTime: "9:00", endTime: "12h", validFrom: "2027-03-01", validUntil: "", everyNWeeks: "1" });
    expect(response.statusCode).toBe(303);
    const rows = await t.database.db.select().from(plages).where(eq(plages.mediatorId, mediatorId));
    expect(rows).toMatchObject([{ territoryId, placeId: placeA.id, weekdays: [2, 4], startTime: "09:00:00", endTime: "12:00:00", validFrom: "2027-03-01", validUntil: null, everyNWeeks: 1 }]);
    const page = plain((await client.get(url(`/mediateurs/${mediatorId}`))).body);
    expect(page).toContain("Mardi et jeudi");
    expect(page).toContain("De 9 h à 12 h");
    // The clock says Tuesday 2 March 2027, 10:00 in Paris: the first free slot is that morning.
    expect(page).toContain("Mardi 2 mars à 10 h");
  });

  it("refuses a plage overlapping another of the same mediator at another place, naming it, and keeps the values", async () => {
    const response = await client.post(url(`/mediateurs/${mediatorId}/plages`), { placeId: String(placeB.id), weekdays: ["4"], startTime: "11:00", endTime: "13:00", validFrom: "2027-03-01", validUntil: "2027-06-30", everyNWeeks: "1" });
    expect(response.statusCode).toBe(400);
    const body = plain(response.body);
    expect(body).toContain("Cette plage chevauche celle de Maison France Services de Parthenay (mardi et jeudi de 9 h à 12 h, à partir du lundi 1er mars 2027), par exemple le jeudi 4 mars 2027");
    expect(body).toContain('value="11:00"');
    expect(body).toContain('value="2027-06-30"');
    expect(body).toMatch(/value="4"\s+checked/);
    expect(await t.database.db.select().from(plages).where(eq(plages.mediatorId, mediatorId))).toHaveLength(1);
  });

  it("lists every mistake of the plage form in the error summary", async () => {
    const response = await client.post(url(`/mediateurs/${mediatorId}/plages`), { placeId: String(placeB.id), startTime: "14:00", endTime: "13:00", validFrom: "2027-03-10", validUntil: "2027-03-01", everyNWeeks: "1" });
    expect(response.statusCode).toBe(400);
    const summary = plain(response.body).split('class="govuk-error-summary__body"')[1]!.split("</ul>")[0]!;
    expect(summary).toContain("Choisissez au moins un jour de la semaine");
    expect(summary).toContain("L'heure de fin doit être après l'heure de début");
    expect(summary).toContain("La date de fin doit être le même jour que la date de début ou après");
  });

  it("edits a plage (its own slot is no conflict) and deletes it", async () => {
    const [plage] = await t.database.db.select().from(plages).where(eq(plages.mediatorId, mediatorId));
    const form = await client.get(url(`/mediateurs/${mediatorId}/plages/${plage!.id}`));
    expect(form.body).toContain('value="09:00"');
    const edited = await client.post(url(`/mediateurs/${mediatorId}/plages/${plage!.id}`), { placeId: String(placeA.id), weekdays: ["2", "4"], startTime: "09:00", endTime: "11:00", validFrom: "2027-03-01", everyNWeeks: "2" });
    expect(edited.statusCode).toBe(303);
    const [after] = await t.database.db.select().from(plages).where(eq(plages.id, plage!.id));
    expect(after).toMatchObject({ endTime: "11:00:00", everyNWeeks: 2 });
    expect((await client.post(url(`/mediateurs/${mediatorId}/plages/${plage!.id}/supprimer`))).statusCode).toBe(303);
    expect(await t.database.db.select().from(plages).where(eq(plages.id, plage!.id))).toHaveLength(0);
  });

  it("adds and deletes a one-off opening, and keeps its values when invalid", async () => {
    const invalid = await client.post(url(`/mediateurs/${mediatorId}/ouvertures`), { exDay: "2027-03-20", exPlaceId: String(placeB.id), exStart: "14:00", exEnd: "10:00" });
    expect(invalid.statusCode).toBe(400);
    expect(plain(invalid.body)).toContain("L'heure de fin doit être après l'heure de début");
    expect(invalid.body).toContain('value="2027-03-20"');
    const added = await client.post(url(`/mediateurs/${mediatorId}/ouvertures`), { exDay: "2027-03-20", exPlaceId: String(placeB.id), exStart: "10:00", exEnd: "12:00" });
    expect(added.statusCode).toBe(303);
    const [row] = await t.database.db.select().from(exceptionalPlages).where(eq(exceptionalPlages.mediatorId, mediatorId));
    expect(row).toMatchObject({ day: "2027-03-20", placeId: placeB.id, startTime: "10:00:00", endTime: "12:00:00" });
    expect(plain((await client.get(url(`/mediateurs/${mediatorId}`))).body)).toContain("Samedi 20 mars 2027 de 10 h à 12 h à Médiathèque de Secondigny");
    expect((await client.post(url(`/mediateurs/${mediatorId}/ouvertures/${row!.id}/supprimer`))).statusCode).toBe(303);
    expect(await t.database.db.select().from(exceptionalPlages).where(eq(exceptionalPlages.mediatorId, mediatorId))).toHaveLength(0);
  });

  it("adds and deletes an absence", async () => {
    const added = await client.post(url(`/mediateurs/${mediatorId}/absences`), { absFromDate: "2027-04-12", absToDate: "2027-04-16", absReason: "Congés" });
    expect(added.statusCode).toBe(303);
    const [row] = await t.database.db.select().from(absences).where(eq(absences.mediatorId, mediatorId));
    expect([row!.startsAt.toISOString(), row!.endsAt.toISOString()]).toEqual(["2027-04-11T22:00:00.000Z", "2027-04-16T22:00:00.000Z"]);
    expect(plain((await client.get(url(`/mediateurs/${mediatorId}`))).body)).toContain("(Congés)");
    expect((await client.post(url(`/mediateurs/${mediatorId}/absences/${row!.id}/supprimer`))).statusCode).toBe(303);
    expect(await t.database.db.select().from(absences).where(eq(absences.mediatorId, mediatorId))).toHaveLength(0);
  });

  it("edits the mediator, refusing to drop a place that still has plages", async () => {
    await client.post(url(`/mediateurs/${mediatorId}/plages`), { placeId: String(placeB.id), weekdays: ["1"], startTime: "14:00", endTime: "17:00", validFrom: "2027-03-01", everyNWeeks: "1" });
    const refused = await client.post(url(`/mediateurs/${mediatorId}/modifier`), { name: "Camille Martin", userId: String(accountId), placeIds: [String(placeA.id)], active: "oui" });
    expect(refused.statusCode).toBe(400);
    expect(plain(refused.body)).toContain("Il reste des plages à Médiathèque de Secondigny");
    const saved = await client.post(url(`/mediateurs/${mediatorId}/modifier`), { name: "Camille Martin-Durand", email: "", userId: "", placeIds: [String(placeA.id), String(placeB.id)] });
    expect(saved.statusCode).toBe(303);
    const [row] = await t.database.db.select().from(mediators).where(eq(mediators.id, mediatorId));
    expect(row).toMatchObject({ name: "Camille Martin-Durand", email: null, userId: null, active: false });
  });

  it("creates a motif from the defaults of public booking services, edits and deactivates it", async () => {
    const form = await client.get(url("/motifs/nouveau"));
    for (const [name, value] of [["durationMinutes", "30"], ["minNoticeMinutes", "30"], ["horizonDays", "90"], ["cancelUntilHours", "4"], ["changeUntilHours", "48"]]) {
      expect(form.body).toMatch(new RegExp(`name="${name}"[^>]*value="${value}"`));
    }
    const values = {
      name: "Aide pour une démarche en ligne",
      service: "Aide aux démarches administratives",
      description: "",
      durationMinutes: "45",
      minNoticeMinutes: "60",
      horizonDays: "60",
      cancelUntilHours: "4",
      changeUntilHours: "48",
      bookableBy: "agents",
      placeKind: "telephone",
      placeIds: [String(placeB.id)],
      whatToBring: "Vos identifiants",
    };
    expect((await client.post(url("/motifs"), values)).statusCode).toBe(303);
    const [row] = await t.database.db.select().from(motifs).where(eq(motifs.territoryId, territoryId));
    expect(row).toMatchObject({ name: values.name, durationMinutes: 45, minNoticeMinutes: 60, horizonDays: 60, cancelUntilMinutes: 240, changeUntilMinutes: 2880, bookableBy: "agents", placeKind: "telephone", placeIds: [placeB.id], whatToBring: "Vos identifiants", active: true });
    const list = plain((await client.get(url("/motifs"))).body);
    expect(list).toContain("Aide pour une démarche en ligne");
    expect(list).toContain("Les agents seulement");
    expect(list).toContain("Médiathèque de Secondigny");
    expect((await client.get(url(`/motifs/${row!.id}`))).body).toContain('value="45"');
    expect((await client.post(url(`/motifs/${row!.id}`), { ...values, placeIds: [], durationMinutes: "30" })).statusCode).toBe(303);
    expect((await client.post(url(`/motifs/${row!.id}/activation`), { active: "non" })).statusCode).toBe(303);
    const [after] = await t.database.db.select().from(motifs).where(eq(motifs.id, row!.id));
    expect(after).toMatchObject({ durationMinutes: 30, placeIds: [], active: false });
  });

  it("keeps what was typed on an invalid motif", async () => {
    const response = await client.post(url("/motifs"), { name: "", service: "Aide aux démarches administratives", durationMinutes: "une heure", minNoticeMinutes: "30", horizonDays: "90", cancelUntilHours: "4", changeUntilHours: "48", bookableBy: "everyone", placeKind: "sur_place", whatToBring: "Sa carte Vitale" });
    expect(response.statusCode).toBe(400);
    const body = plain(response.body);
    expect(body).toContain("Saisissez le nom du motif");
    expect(body).toContain("La durée doit être un nombre entier de minutes, par exemple 30");
    expect(body).toContain('value="une heure"');
    expect(body).toContain("Sa carte Vitale</textarea>");
  });

  it("saves the territory's retention and reminder settings, 90 days and 48 hours by default", async () => {
    const page = await client.get(url("/reglages-accompagnement"));
    expect(page.body).toMatch(/name="contactRetentionDays"[^>]*value="90"/);
    expect(page.body).toMatch(/name="reminderHours"[^>]*value="48"/);
    const invalid = await client.post(url("/reglages-accompagnement"), { contactRetentionDays: "0", reminderHours: "48" });
    expect(invalid.statusCode).toBe(400);
    expect(plain(invalid.body)).toContain("La durée de conservation doit être entre 1 et 365 jours");
    expect((await client.post(url("/reglages-accompagnement"), { contactRetentionDays: "30", reminderHours: "24" })).statusCode).toBe(303);
    const [row] = await t.database.db.select().from(inclusionSettings).where(eq(inclusionSettings.territoryId, territoryId));
    expect(row).toMatchObject({ contactRetentionDays: 30, reminderHours: 24, smsEnabled: false });
    await client.post(url("/reglages-accompagnement"), { contactRetentionDays: "30", reminderHours: "24", smsEnabled: "oui" });
    const [withSms] = await t.database.db.select().from(inclusionSettings).where(eq(inclusionSettings.territoryId, territoryId));
    expect(withSms!.smsEnabled).toBe(true);
    expect((await client.get(url("/reglages-accompagnement"))).body).toMatch(/name="smsEnabled"[^>]*value="oui"[^>]*checked|name="smsEnabled"[^>]*checked[^>]*value="oui"/);
  });
});
