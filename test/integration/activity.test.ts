// Accompaniment records: the fast form, prefilling from a seen appointment, validation, roles.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activities, appointments, auditEvents, communes } from "../../src/db/schema/index.js";
import { createTestApp, makeTerritory, makeUser, TestClient, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";
import { lieuRecord, makeMediator, makeMotif, makePlace } from "../support/inclusion.js";

describe.each(engines)("accompaniment records on %s", (engine) => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof makeTerritory>>;
  let code: string;
  let insee: string[];
  let placeA: { id: number };
  let placeB: { id: number };
  let mediatorId: number;
  let seenId: string;
  let missedId: string;
  let foreignAppointmentId: string;
  const users: Record<string, number> = {};

  async function client(role: string) {
    return new TestClient(t.app).signInAs(t, users[role]!);
  }

  async function appointment(territoryId: number, placeId: number, mediator: number, motifId: number, start: string, minutes: number, status: "honore" | "absent", commune: string | null) {
    const startsAt = new Date(start);
    const [row] = await t.database.db
      .insert(appointments)
      .values({ territoryId, placeId, mediatorId: mediator, motifId, startsAt, endsAt: new Date(startsAt.getTime() + minutes * 60_000), status, firstName: "Jeanne", lastName: "Nom-Secret", phone: "0600000000", communeInsee: commune, bookedBy: "agent" })
      .returning({ id: appointments.id });
    return row!.id;
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    territory = await makeTerritory(t.database);
    code = territory.code;
    insee = (await t.database.db.select({ insee: communes.insee }).from(communes).where(eq(communes.territoryId, territory.id))).map((c) => c.insee).sort();
    for (const role of ["mediator", "coordinator", "elected", "school_referent"] as const) {
      users[role] = await makeUser(t.database, { email: `${role}-${engine}@activite.fr`, territoryId: territory.id, roles: [role] });
    }
    placeA = await makePlace(t.database, { territoryId: territory.id, record: lieuRecord({ nom: "A — Mairie" }) });
    placeB = await makePlace(t.database, { territoryId: territory.id, record: lieuRecord({ nom: "B — Médiathèque" }) });
    mediatorId = (await makeMediator(t.database, { territoryId: territory.id, placeIds: [placeB.id], userId: users.mediator!, name: "Sacha Médiateur" })).id;
    const motif = await makeMotif(t.database, { territoryId: territory.id });
    seenId = await appointment(territory.id, placeA.id, mediatorId, motif.id, "2027-03-01T13:00:00Z", 40, "honore", insee[1]!);
    missedId = await appointment(territory.id, placeA.id, mediatorId, motif.id, "2027-03-01T15:00:00Z", 30, "absent", null);
    const foreign = await makeTerritory(t.database);
    const foreignPlace = await makePlace(t.database, { territoryId: foreign.id });
    const foreignMediator = await makeMediator(t.database, { territoryId: foreign.id, placeIds: [foreignPlace.id] });
    const foreignMotif = await makeMotif(t.database, { territoryId: foreign.id });
    foreignAppointmentId = await appointment(foreign.id, foreignPlace.id, foreignMediator.id, foreignMotif.id, "2027-03-01T13:00:00Z", 30, "honore", null);
  });
  afterAll(() => t.close());

  const base = () => `/t/${code}/accompagnements`;
  const individual = (change: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
    kind: "individuel",
    day: "2027-03-02",
    duration: "30",
    locationKind: "Lieu d'activité",
    placeId: String(placeB.id),
    mediatorId: String(mediatorId),
    thematiques: ["E-mail"],
    ...change,
  });

  it("opens the form with today, individual, 30 minutes, the mediator and their place, and no name field", async () => {
    const response = await (await client("mediator")).get(`${base()}/nouveau`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("Enregistrer un accompagnement individuel");
    expect(response.body).toMatch(/name="day" type="date" value="2027-03-02"/);
    expect(response.body).toMatch(/name="duration" type="radio" value="30" checked/);
    expect(response.body).toMatch(/name="locationKind" type="radio" value="Lieu d'activité" checked/);
    expect(response.body).toContain(`<option value="${placeB.id}" selected`);
    expect(response.body).toContain(`<option value="${mediatorId}" selected`);
    expect(response.body).not.toMatch(/name="(firstName|lastName|nom|prenom|name|email|phone|telephone)"/);
  });

  it("prefills from a seen appointment (place, mediator, day, length, commune) without showing the person, and audits the read", async () => {
    const response = await (await client("mediator")).get(`${base()}/nouveau?rendez-vous=${seenId}`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("Rempli à partir du rendez-vous du lundi 1er mars à 14\u00a0h");
    expect(response.body).toMatch(/name="day" type="date" value="2027-03-01"/);
    expect(response.body).not.toMatch(/name="duration" type="radio" value="\d+" checked/);
    expect(response.body).toMatch(/name="durationCustom"[^>]*value="40"/);
    expect(response.body).toContain(`<option value="${placeA.id}" selected`);
    expect(response.body).toContain(`<option value="${insee[1]}" selected`);
    expect(response.body).toContain(`name="appointmentId" value="${seenId}"`);
    expect(response.body).not.toContain("Nom-Secret");
    const audits = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, "appointment.read"), eq(auditEvents.entityId, seenId)));
    expect(audits.length).toBeGreaterThanOrEqual(1);
  });

  it("records from the appointment once, linked and audited; a second submission adds nothing", async () => {
    const mediator = await client("mediator");
    await mediator.get(`${base()}/nouveau?rendez-vous=${seenId}`);
    const body = individual({
      day: "2027-03-01",
      duration: "",
      durationCustom: "40",
      placeId: String(placeA.id),
      thematiques: ["Aide aux démarches administratives"],
      sousThematiques: ["Papiers - Élections - Citoyenneté"],
      precision: "demande de carte d'identité",
      materiel: ["Ordinateur"],
      autonomie: "Autonome",
      communeInsee: insee[1]!,
      firstVisit: "oui",
      appointmentId: seenId,
    });
    const first = await mediator.post(`${base()}/nouveau`, body);
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(`${base()}?fait=1`);
    const rows = await t.database.db.select().from(activities).where(eq(activities.appointmentId, seenId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: "individuel",
      day: "2027-03-01",
      durationMinutes: 40,
      locationKind: "Lieu d'activité",
      placeId: placeA.id,
      mediatorId,
      thematiques: ["Aide aux démarches administratives"],
      sousThematiques: ["Papiers - Élections - Citoyenneté"],
      autonomie: "Autonome",
      communeInsee: insee[1],
      firstVisit: true,
    });
    const [audit] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, "activity.record"), eq(auditEvents.entityId, String(rows[0]!.id))));
    expect(audit?.actorUserId).toBe(users.mediator);
    const again = await mediator.post(`${base()}/nouveau`, body);
    expect(again.headers.location).toBe(`${base()}/${rows[0]!.id}?fait=deja`);
    expect(await t.database.db.select().from(activities).where(eq(activities.appointmentId, seenId))).toHaveLength(1);
    const shown = await mediator.get(again.headers.location as string);
    expect(shown.body).toContain("Un compte rendu avait déjà été enregistré pour ce rendez-vous");
    // The appointment's link now opens the record written, not a blank form that would save a twin.
    const form = await mediator.get(`${base()}/nouveau?rendez-vous=${seenId}`);
    expect(form.statusCode).toBe(303);
    expect(form.headers.location).toBe(`${base()}/${rows[0]!.id}`);
  });

  it("shows a stored record prefilled and saves corrections in place, audited, without a second record", async () => {
    const mediator = await client("mediator");
    const [record] = await t.database.db.select().from(activities).where(eq(activities.appointmentId, seenId));
    const page = await mediator.get(`${base()}/${record!.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Compte rendu du rendez-vous du lundi 1er mars à 14\u00a0h");
    expect(page.body).toMatch(/name="durationCustom"[^>]*value="40"/);
    expect(page.body).toMatch(/name="thematiques" type="checkbox" value="Aide aux démarches administratives" checked/);
    expect(page.body).toContain(`<option value="${insee[1]}" selected`);
    expect(page.body).toContain(`action="${base()}/${record!.id}"`);
    const invalid = await mediator.post(`${base()}/${record!.id}`, individual({ day: "2027-03-01", placeId: String(placeA.id), thematiques: [], precision: "gardé tel quel" }));
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain("Cochez au moins une thématique");
    const saved = await mediator.post(`${base()}/${record!.id}`, individual({ day: "2027-03-01", duration: "45", placeId: String(placeA.id), thematiques: ["E-mail"], autonomie: "Avec guidage", kind: "collectif" }));
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${base()}?fait=modifie`);
    const rows = await t.database.db.select().from(activities).where(eq(activities.appointmentId, seenId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: record!.id, kind: "individuel", durationMinutes: 45, thematiques: ["E-mail"], autonomie: "Avec guidage", appointmentId: seenId });
    const [audit] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, "activity.update"), eq(auditEvents.entityId, String(record!.id))));
    expect(audit?.actorUserId).toBe(users.mediator);
    expect((await mediator.get(`${base()}?fait=modifie`)).body).toContain("Le compte rendu a été corrigé.");
  });

  it("links the agenda to the record written, and marking an outcome keeps the week shown", async () => {
    const mediator = await client("mediator");
    const [record] = await t.database.db.select({ id: activities.id }).from(activities).where(eq(activities.appointmentId, seenId));
    const week = await mediator.get(`/t/${code}/agenda?vue=semaine&date=2027-03-01`);
    expect(week.body).toContain(`href="${base()}/${record!.id}">Voir le compte rendu`);
    expect(week.body).not.toContain(`rendez-vous=${seenId}`);
    const motif = await makeMotif(t.database, { territoryId: territory.id });
    const other = await appointment(territory.id, placeA.id, mediatorId, motif.id, "2027-03-02T08:00:00Z", 30, "absent", null);
    expect(week.body).toContain('name="retour" value="vue=semaine&amp;date=2027-03-01&amp;mediateur=');
    const marked = await mediator.post(`/t/${code}/agenda/${other}/issue`, { issue: "honore", retour: `vue=semaine&date=2027-03-01&mediateur=${mediatorId}&ailleurs=https://exemple.org` });
    expect(marked.statusCode).toBe(303);
    expect(marked.headers.location).toBe(`/t/${code}/agenda?vue=semaine&date=2027-03-01&mediateur=${mediatorId}&fait=issue`);
    const after = await mediator.get(marked.headers.location as string);
    expect(after.body).toContain(`href="${base()}/nouveau?rendez-vous=${other}">Écrire le compte rendu`);
  });

  it("answers 404 for a record of another territory or an unknown id, and 403 to an elected official", async () => {
    const foreign = await makeTerritory(t.database);
    const [foreignRecord] = await t.database.db
      .insert(activities)
      .values({ territoryId: foreign.id, kind: "individuel", day: "2027-03-01", durationMinutes: 30, locationKind: "À distance", thematiques: ["E-mail"] })
      .returning({ id: activities.id });
    const mediator = await client("mediator");
    expect((await mediator.get(`${base()}/${foreignRecord!.id}`)).statusCode).toBe(404);
    expect((await mediator.get(`${base()}/999999999`)).statusCode).toBe(404);
    expect((await mediator.post(`${base()}/${foreignRecord!.id}`, individual())).statusCode).toBe(404);
    const [own] = await t.database.db.select({ id: activities.id }).from(activities).where(eq(activities.appointmentId, seenId));
    expect((await (await client("elected")).get(`${base()}/${own!.id}`)).statusCode).toBe(403);
  });

  it("does not prefill from a missed appointment", async () => {
    const response = await (await client("mediator")).get(`${base()}/nouveau?rendez-vous=${missedId}`);
    expect(response.body).toContain("est marqué absent ou annulé");
    expect(response.body).not.toContain(`name="appointmentId"`);
  });

  it("answers 404 for an appointment of another territory or an unknown one", async () => {
    const mediator = await client("mediator");
    expect((await mediator.get(`${base()}/nouveau?rendez-vous=${foreignAppointmentId}`)).statusCode).toBe(404);
    expect((await mediator.get(`${base()}/nouveau?rendez-vous=pas-un-uuid`)).statusCode).toBe(404);
    const post = await mediator.post(`${base()}/nouveau`, individual({ appointmentId: foreignAppointmentId }));
    expect(post.statusCode).toBe(404);
    expect(await t.database.db.select().from(activities).where(eq(activities.appointmentId, foreignAppointmentId))).toHaveLength(0);
  });

  it("records a walk-in or phone accompaniment without an appointment or a place", async () => {
    const response = await (await client("coordinator")).post(`${base()}/nouveau`, individual({ locationKind: "À distance", placeId: "", mediatorId: "", thematiques: ["Santé", "E-mail"] }));
    expect(response.statusCode).toBe(303);
    const rows = await t.database.db.select().from(activities).where(and(eq(activities.territoryId, territory.id), eq(activities.locationKind, "À distance")));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ appointmentId: null, placeId: null, mediatorId: null, thematiques: ["Santé", "E-mail"] });
  });

  it("explains mistakes in French and keeps what was typed", async () => {
    const mediator = await client("mediator");
    const response = await mediator.post(
      `${base()}/nouveau`,
      individual({ day: "2027-02-27", thematiques: [], sousThematiques: ["Logement"], durationCustom: "une heure", materiel: ["Tablette"], communeInsee: insee[0]! }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("<title>Erreur : ");
    expect(response.body).toContain("Il y a un problème");
    expect(response.body).toContain("Choisissez au moins une thématique");
    expect(response.body).toContain("La durée doit être un nombre entier de minutes, par exemple 40");
    expect(response.body).toContain("Les démarches ne se précisent qu'avec la thématique");
    expect(response.body).toContain('href="#champ-thematiques"');
    expect(response.body).toMatch(/name="day" type="date" value="2027-02-27"/);
    expect(response.body).toMatch(/name="durationCustom"[^>]*value="une heure"/);
    expect(response.body).toMatch(/name="materiel" type="checkbox" value="Tablette" checked/);
    expect(response.body).toContain(`<option value="${insee[0]}" selected`);
  });

  it("records a workshop with anonymous counters, completing the 'non communiqué' ones", async () => {
    const coordinator = await client("coordinator");
    const form = await coordinator.get(`${base()}/nouveau?type=collectif`);
    expect(form.body).toContain("Enregistrer un atelier collectif");
    const invalid = await coordinator.post(`${base()}/nouveau`, individual({ kind: "collectif", total: "0" }));
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain("Choisissez le niveau de l'atelier");
    expect(invalid.body).toContain("Il faut au moins 1 participant pour un atelier collectif");
    const response = await coordinator.post(
      `${base()}/nouveau`,
      individual({ kind: "collectif", duration: "120", niveau: "Débutant", total: "8", genreFeminin: "5", trancheAgeSoixanteDixPlus: "3", thematiques: ["Santé"] }),
    );
    expect(response.statusCode).toBe(303);
    const [row] = await t.database.db.select().from(activities).where(and(eq(activities.territoryId, territory.id), eq(activities.kind, "collectif")));
    expect(row).toMatchObject({ niveau: "Débutant", durationMinutes: 120, autonomie: null, communeInsee: null });
    expect(row!.participants).toMatchObject({ total: 8, genreFeminin: 5, genreMasculin: 0, genreNonCommunique: 3, trancheAgeSoixanteDixPlus: 3, trancheAgeNonCommunique: 5, statutSocialNonCommunique: 8 });
  });

  it("lists the records of a period and filters them by place", async () => {
    const coordinator = await client("coordinator");
    const all = await coordinator.get(`${base()}?du=2027-01-01&au=2027-03-31`);
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain("A — Mairie");
    expect(all.body).toContain("01/03/2027");
    const filtered = await coordinator.get(`${base()}?du=2027-01-01&au=2027-03-31&lieu=${placeB.id}`);
    expect(filtered.body).not.toContain("<td class=\"govuk-table__cell\">A — Mairie</td>");
    const done = await coordinator.get(`${base()}?fait=1`);
    expect(done.body).toContain("L'accompagnement a été enregistré.");
  });

  it("refuses recording and listing to an elected official or a school referent (403)", async () => {
    for (const role of ["elected", "school_referent"]) {
      const c = await client(role);
      expect((await c.get(`${base()}/nouveau`)).statusCode).toBe(403);
      expect((await c.get(base())).statusCode).toBe(403);
      expect((await c.post(`${base()}/nouveau`, individual())).statusCode).toBe(403);
    }
    const elected = await client("elected");
    expect((await elected.get(`/t/${code}/statistiques`)).statusCode).toBe(200);
  });
});
