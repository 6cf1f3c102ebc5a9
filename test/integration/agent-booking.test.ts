// Booking for a caller: a day's free slots with the mediator of each, the appointment goes to that mediator with the
// agent's note, the confirmation opens that mediator's agenda, and an appointment is found again by name or phone.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appointments } from "../../src/db/schema/index.js";
import { createTestApp, makeTerritory, makeUser, TestClient, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";
import { makeMediator, makeMotif, makePlace, makePlage } from "../support/inclusion.js";

const plain = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&#39;/g, "'").replace(/\s+/g, " ");

describe.each(engines)("booking for a caller on %s", (engine) => {
  let t: TestApp;
  let code = "";
  let agent: TestClient;
  let placeId = 0;
  let motifId = 0;
  let sacha = 0;
  let lea = 0;
  const start = "2027-03-03T08:00:00.000Z"; // Wednesday 3 March 2027, 9:00 in Paris.

  beforeAll(async () => {
    // Tuesday 2 March 2027, 10:00 in Paris.
    t = await createTestApp(engine, { now: new Date("2027-03-02T09:00:00Z") });
    const territory = await makeTerritory(t.database);
    code = territory.code;
    placeId = (await makePlace(t.database, { territoryId: territory.id })).id;
    sacha = (await makeMediator(t.database, { territoryId: territory.id, placeIds: [placeId], name: "Sacha Médiateur" })).id;
    lea = (await makeMediator(t.database, { territoryId: territory.id, placeIds: [placeId], name: "Léa Conseillère" })).id;
    for (const mediatorId of [sacha, lea]) await makePlage(t.database, { territoryId: territory.id, mediatorId, placeId, weekdays: [3], startTime: "09:00", endTime: "10:00" });
    motifId = (await makeMotif(t.database, { territoryId: territory.id, name: "Faire une démarche en ligne", durationMinutes: 30 })).id;
    agent = await new TestClient(t.app).signInAs(t, await makeUser(t.database, { email: `accueil-${engine}@exemple.fr`, territoryId: territory.id, roles: ["coordinator"] }));
  });
  afterAll(() => t.close());

  const person = { firstName: "Josiane", lastName: "Martin", phone: "06 12 34 56 78", email: "", noEmail: "oui", consent: "oui" };

  it("lists a chosen day's free slots with the mediator of each, and narrows them to one mediator", async () => {
    const day = plain((await agent.get(`/t/${code}/rendez-vous/nouveau?motif=${motifId}&jour=2027-03-03`)).body);
    expect(day).toContain("Faire une démarche en ligne : créneaux libres du mercredi 3 mars");
    expect(day).toContain("9 h avec Sacha Médiateur");
    expect(day).toContain("9 h avec Léa Conseillère");
    expect(day).toContain("9 h 30 avec Léa Conseillère");
    const onlyLea = plain((await agent.get(`/t/${code}/rendez-vous/nouveau?motif=${motifId}&jour=2027-03-03&mediateur=${lea}`)).body);
    expect(onlyLea).toContain("9 h avec Léa Conseillère");
    expect(onlyLea).not.toContain("Sacha Médiateur à");
    expect(onlyLea).not.toContain("avec Sacha");
    const nextDay = plain((await agent.get(`/t/${code}/rendez-vous/nouveau?motif=${motifId}&jour=2027-03-04`)).body);
    expect(nextDay).toContain("Pas de créneau libre ce jour-là.");
  });

  it("gives the appointment to the mediator chosen, with the note, and opens that mediator's agenda", async () => {
    const form = await agent.get(`/t/${code}/rendez-vous/nouveau/coordonnees?motif=${motifId}&lieu=${placeId}&debut=${encodeURIComponent(start)}&mediateur=${lea}`);
    expect(plain(form.body)).toContain("avec Léa Conseillère");
    const booked = await agent.post(`/t/${code}/rendez-vous`, { motif: String(motifId), lieu: String(placeId), debut: start, mediateur: String(lea), note: "Vient avec sa fille", ...person });
    expect(booked.statusCode).toBe(303);
    expect(booked.headers.location).toBe(`/t/${code}/agenda?date=2027-03-03&mediateur=${lea}&fait=reservation`);
    const [row] = await t.database.db.select().from(appointments).where(eq(appointments.lastName, "Martin"));
    expect(row).toMatchObject({ mediatorId: lea, note: "Vient avec sa fille", phone: "+33612345678" });
  });

  it("refuses the same mediator's slot twice with a clear message, keeping what was typed", async () => {
    const again = await agent.post(`/t/${code}/rendez-vous`, { motif: String(motifId), lieu: String(placeId), debut: start, mediateur: String(lea), note: "Deuxième essai", ...person, lastName: "Dupont" });
    expect(again.statusCode).toBe(409);
    expect(plain(again.body)).toContain("Ce créneau de Léa Conseillère vient d'être pris");
    expect(again.body).toContain('value="Dupont"');
    expect(again.body).toContain("Deuxième essai");
    // Sacha is still free at that time.
    const other = await agent.post(`/t/${code}/rendez-vous`, { motif: String(motifId), lieu: String(placeId), debut: start, mediateur: String(sacha), ...person, lastName: "Dupont" });
    expect(other.headers.location).toBe(`/t/${code}/agenda?date=2027-03-03&mediateur=${sacha}&fait=reservation`);
  });

  it("finds an appointment by name or by phone, however the number is typed", async () => {
    for (const q of ["martin", "Josiane Martin", "06 12 34 56 78", "+33612345678", "0612345678"]) {
      const found = plain((await agent.get(`/t/${code}/rendez-vous/recherche?q=${encodeURIComponent(q)}`)).body);
      expect(found, q).toContain("Josiane Martin");
      expect(found, q).toContain("Léa Conseillère");
    }
    const none = plain((await agent.get(`/t/${code}/rendez-vous/recherche?q=Durand`)).body);
    expect(none).toContain("Aucun rendez-vous trouvé pour « Durand »");
    const short = await agent.get(`/t/${code}/rendez-vous/recherche?q=M`);
    expect(plain(short.body)).toContain("Saisissez au moins 2 caractères");
  });

  it("moves an appointment to another free slot of the day, and refuses a time that is not free", async () => {
    const [josiane] = await t.database.db.select().from(appointments).where(eq(appointments.lastName, "Martin"));
    const page = await agent.get(`/t/${code}/rendez-vous/${josiane!.id}/deplacer`);
    expect(page.statusCode).toBe(200);
    expect(plain(page.body)).toContain("Déplacer le rendez-vous de Josiane Martin du mercredi 3 mars à 9 h");
    expect(page.body).toContain('value="2027-03-03T08:30:00.000Z"');
    const refused = await agent.post(`/t/${code}/rendez-vous/${josiane!.id}/deplacer`, { debut: "2027-03-03T10:30:00.000Z" });
    expect(refused.statusCode).toBe(409);
    expect(plain(refused.body)).toContain("Ce créneau vient d'être pris");
    const moved = await agent.post(`/t/${code}/rendez-vous/${josiane!.id}/deplacer`, { debut: "2027-03-03T08:30:00.000Z" });
    expect(moved.statusCode).toBe(303);
    expect(moved.headers.location).toMatch(new RegExp(`^/t/${code}/agenda\\?date=2027-03-03&mediateur=\\d+&fait=deplacement$`));
    const [after] = await t.database.db.select().from(appointments).where(eq(appointments.id, josiane!.id));
    expect(after!.startsAt.toISOString()).toBe("2027-03-03T08:30:00.000Z");
    expect(after!.icsSequence).toBe(josiane!.icsSequence + 1);
    const found = await agent.get(`/t/${code}/rendez-vous/recherche?q=martin`);
    expect(found.body).toContain(`href="/t/${code}/rendez-vous/${josiane!.id}/deplacer"`);
  });
});
