// Each role lands on its day: a mediator's appointments and records to write, what a coordinator must follow,
// a school referent's school and incidents, an elected official's figures, and nothing of the others' sections.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activities, appointments, incidents, schoolReferents, schools } from "../../src/db/schema/index.js";
import { createTestApp, makeTerritory, makeUser, TestClient, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";
import { makeMediator, makeMotif, makePlace } from "../support/inclusion.js";

const plain = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe.each(engines)("territory home per role on %s", (engine) => {
  let t: TestApp;
  let code = "";
  const users: Record<string, number> = {};
  let seenWithoutRecord = "";
  let incidentId = 0;

  beforeAll(async () => {
    // Tuesday 2 March 2027, 10:00 in Paris.
    t = await createTestApp(engine, { now: new Date("2027-03-02T09:00:00Z") });
    const territory = await makeTerritory(t.database);
    code = territory.code;
    const territoryId = territory.id;
    for (const role of ["mediator", "coordinator", "elected", "school_referent"] as const) {
      users[role] = await makeUser(t.database, { email: `${role}-accueil-${engine}@exemple.fr`, territoryId, roles: [role] });
    }
    const place = await makePlace(t.database, { territoryId });
    const mine = await makeMediator(t.database, { territoryId, placeIds: [place.id], userId: users.mediator!, name: "Sacha Médiateur" });
    const other = await makeMediator(t.database, { territoryId, placeIds: [place.id], name: "Léa Autre" });
    const motif = await makeMotif(t.database, { territoryId, name: "Faire une démarche en ligne" });
    const book = async (mediatorId: number, start: string, status: "a_venir" | "honore" | "absent", firstName: string) =>
      (
        await t.database.db
          .insert(appointments)
          .values({ territoryId, placeId: place.id, mediatorId, motifId: motif.id, startsAt: new Date(start), endsAt: new Date(new Date(start).getTime() + 30 * 60_000), status, firstName, lastName: "Essai", bookedBy: "agent" })
          .returning({ id: appointments.id })
      )[0]!.id;
    await book(mine.id, "2027-03-02T13:00:00Z", "a_venir", "Aujourd'hui");
    await book(other.id, "2027-03-02T14:00:00Z", "a_venir", "Collègue");
    seenWithoutRecord = await book(mine.id, "2027-02-26T09:00:00Z", "honore", "Vendredi");
    const recorded = await book(mine.id, "2027-02-25T09:00:00Z", "honore", "Jeudi");
    await t.database.db.insert(activities).values({ territoryId, appointmentId: recorded, kind: "individuel", day: "2027-02-25", durationMinutes: 30, locationKind: "À distance", thematiques: ["E-mail"] });
    await book(other.id, "2027-02-24T09:00:00Z", "a_venir", "Oublié");
    const [school] = await t.database.db.insert(schools).values({ territoryId, uai: "0790003C", name: "École des Tilleuls", communeInsee: "99000" }).returning({ id: schools.id });
    await t.database.db.insert(schoolReferents).values({ territoryId, schoolId: school!.id, userId: users.school_referent! });
    incidentId = (await t.database.db.insert(incidents).values({ territoryId, schoolId: school!.id, description: "Le vidéoprojecteur clignote", itemUnspecified: true }).returning({ id: incidents.id }))[0]!.id;
  });
  afterAll(() => t.close());

  const home = async (role: string) => {
    const response = await (await new TestClient(t.app).signInAs(t, users[role]!)).get(`/t/${code}`);
    expect(response.statusCode).toBe(200);
    return response.body;
  };

  it("shows a mediator their appointments of the day and the seen ones without a record", async () => {
    const body = await home("mediator");
    const text = plain(body);
    expect(text).toContain("Votre journée");
    expect(text).toContain("14 h – 14 h 30 · Faire une démarche en ligne");
    expect(text).not.toContain("15 h – 15 h 30");
    expect(body).toContain(`href="/t/${code}/accompagnements/nouveau?rendez-vous=${seenWithoutRecord}"`);
    expect(text).toContain("Comptes rendus à écrire");
    expect(text).not.toContain("jeudi 25 février");
    expect(text).not.toContain("À suivre");
    expect(text).not.toContain("Le territoire en chiffres");
  });

  it("shows a coordinator what needs attention, with counts and links", async () => {
    const text = plain(await home("coordinator"));
    expect(text).toContain("À suivre");
    expect(text).toContain("2 rendez-vous aujourd'hui dans le réseau.");
    expect(text).toContain("1 rendez-vous passé sans issue (vu ou absent)");
    expect(text).toContain("1 rendez-vous vu sans compte rendu");
    expect(text).toContain("1 incident ouvert dans les écoles");
    expect(text).not.toContain("Votre journée");
  });

  it("shows a school referent their school and its open incidents", async () => {
    const body = await home("school_referent");
    expect(plain(body)).toContain("Votre école");
    expect(body).toContain(`href="/t/${code}/incidents/${incidentId}"`);
    expect(plain(body)).toContain("Le vidéoprojecteur clignote");
    expect(plain(body)).not.toContain("À suivre");
  });

  it("shows an elected official the territory's figures, not operational lists", async () => {
    const text = plain(await home("elected"));
    expect(text).toContain("Le territoire en chiffres");
    expect(text).toContain("Personnes accompagnées sur 12 mois 1, dont 0 atelier collectif");
    expect(text).not.toContain("Votre journée");
    expect(text).not.toContain("Le vidéoprojecteur clignote");
    expect(text).not.toContain("Aujourd'hui");
  });
});
