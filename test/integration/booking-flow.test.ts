import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appointments, jobs, mails } from "../../src/db/schema/index.js";
import { parisToInstant } from "../../src/lib/paris-time.js";
import { createTestApp, makeTerritory, makeUser, TestClient, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";
import { makeMediator, makeMotif, makePlace, makePlage } from "../support/inclusion.js";

const person = { firstName: "Josiane", lastName: "Martin", phone: "06 12 34 56 78", email: "josiane@exemple.fr", noEmail: "", consent: "oui" };

describe.each(engines)("citizen booking flow on %s", (engine) => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof makeTerritory>>;
  let placeId: number;
  let motifId: number;
  const start = new Date(parisToInstant("2027-03-03", "10:00"));

  beforeAll(async () => {
    t = await createTestApp(engine, { now: new Date("2027-03-01T08:00:00Z") });
    territory = await makeTerritory(t.database);
    const place = await makePlace(t.database, { territoryId: territory.id });
    placeId = place.id;
    motifId = (await makeMotif(t.database, { territoryId: territory.id })).id;
    const mediatorUser = await makeUser(t.database, { email: `mediatrice-${engine}@exemple.fr`, territoryId: territory.id, roles: ["mediator"] });
    const mediator = await makeMediator(t.database, { territoryId: territory.id, placeIds: [place.id], userId: mediatorUser });
    await makePlage(t.database, { territoryId: territory.id, mediatorId: mediator.id, placeId: place.id });
  });
  afterAll(() => t.close());

  it("books without an account, one question per page, and shows a printable confirmation", async () => {
    const citizen = new TestClient(t.app);
    const first = await citizen.get(`/lieux/${placeId}/rendez-vous`);
    expect(first.statusCode).toBe(303);
    const slots = await citizen.get(first.headers.location as string);
    expect(slots.statusCode).toBe(200);
    expect(slots.body).toContain("Choisissez un créneau");
    expect(slots.body).toContain(encodeURIComponent(start.toISOString()));
    // The first week offered: no way back, a way forward.
    expect(slots.body).toMatch(/<a class="govuk-link govuk-pagination__link" href="\?motif=\d+&amp;semaine=\d{4}-\d{2}-\d{2}" rel="next">\s*<span class="govuk-pagination__link-title">Semaine suivante<\/span>/);
    expect(slots.body).not.toContain("Semaine précédente");
    const contact = await citizen.get(`/lieux/${placeId}/rendez-vous/coordonnees?motif=${motifId}&debut=${encodeURIComponent(start.toISOString())}`);
    expect(contact.body).toContain("Vos coordonnées");
    const invalid = await citizen.post(`/lieux/${placeId}/rendez-vous/verification`, { motif: String(motifId), debut: start.toISOString(), ...person, email: "pas-valide", consent: "" });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain("Saisissez une adresse e-mail valide");
    expect(invalid.body).toContain("Cochez la case");
    expect(invalid.body).toContain('value="Josiane"');
    const check = await citizen.post(`/lieux/${placeId}/rendez-vous/verification`, { motif: String(motifId), debut: start.toISOString(), ...person });
    expect(check.body).toContain("Vérifiez votre rendez-vous");
    const confirmed = await citizen.post(`/lieux/${placeId}/rendez-vous/confirmer`, { motif: String(motifId), debut: start.toISOString(), ...person });
    expect(confirmed.statusCode).toBe(303);
    const page = await citizen.get(confirmed.headers.location as string);
    expect(page.body).toContain("Rendez-vous confirmé");
    expect(page.body).toContain("mercredi 3 mars 2027 à 10\u00a0h");

    const [mail] = await t.database.db.select().from(mails).where(eq(mails.toAddress, "josiane@exemple.fr"));
    expect(mail!.subject).toContain("Rendez-vous confirmé");
    expect(mail!.attachments[0]!.content).toContain("METHOD:REQUEST");
    expect(mail!.attachments[0]!.content).toContain("DTSTART;TZID=Europe/Paris:20270303T100000");
    const reminders = await t.database.db.select().from(jobs).where(eq(jobs.name, "appointment.reminder"));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.runAt.toISOString()).toBe(new Date(start.getTime() - 48 * 3_600_000).toISOString());
  });

  it("answers a second booking of the same slot with the nearest free slots, keeping what was typed", async () => {
    const late = new TestClient(t.app);
    const response = await late.post(`/lieux/${placeId}/rendez-vous/confirmer`, { motif: String(motifId), debut: start.toISOString(), ...person, firstName: "Roger" });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain("Ce créneau vient d");
    expect(response.body).toContain('value="Roger"');
    expect(response.body).toContain("Créneaux libres les plus proches");
  });

  it("shows the appointment in the mediator's agenda, and the cancel link frees the slot and sends METHOD:CANCEL", async () => {
    const [row] = await t.database.db.select().from(appointments).where(eq(appointments.firstName, "Josiane"));
    const mediatorUserId = await makeUser(t.database, { email: `mediatrice-${engine}@exemple.fr` });
    const agent = await new TestClient(t.app).signInAs(t, mediatorUserId);
    const agenda = await agent.get(`/t/${territory.code}/agenda?date=2027-03-03`);
    expect(agenda.statusCode).toBe(200);
    expect(agenda.body).toContain("Josiane Martin");

    const [mail] = await t.database.db.select().from(mails).where(eq(mails.toAddress, "josiane@exemple.fr"));
    const link = /\/rendez-vous\/[0-9a-f-]{36}\?cle=[A-Za-z0-9._-]+/.exec(mail!.textBody)![0];
    const citizen = new TestClient(t.app);
    const page = await citizen.get(link);
    expect(page.body).toContain("Annuler le rendez-vous");
    const tampered = await citizen.get(link.replace(/cle=./, "cle=x"));
    expect(tampered.statusCode).toBe(404);
    // One tap does not cancel: the button leads to a confirmation page; only its form cancels.
    const confirm = await citizen.get(link.replace("?", "/annuler?"));
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain("Oui, annuler le rendez-vous");
    expect(confirm.body).toContain("Non, garder le rendez-vous");
    const [still] = await t.database.db.select().from(appointments).where(eq(appointments.id, row!.id));
    expect(still!.status).toBe("a_venir");
    await citizen.post(link.replace("?", "/annuler?"));
    const [after] = await t.database.db.select().from(appointments).where(eq(appointments.id, row!.id));
    expect(after!.status).toBe("annule_personne");
    expect(after!.icsSequence).toBe(1);
    const cancelMail = (await t.database.db.select().from(mails).where(eq(mails.toAddress, "josiane@exemple.fr"))).find((m) => m.kind === "appointment.cancellation");
    expect(cancelMail!.attachments[0]!.content).toContain("METHOD:CANCEL");
    expect(cancelMail!.attachments[0]!.content).toContain("SEQUENCE:1");
    const rebook = await new TestClient(t.app).post(`/lieux/${placeId}/rendez-vous/confirmer`, { motif: String(motifId), debut: start.toISOString(), ...person, firstName: "Roger" });
    expect(rebook.statusCode).toBe(303);
    const agendaAfter = await agent.get(`/t/${territory.code}/agenda?date=2027-03-03`);
    expect(agendaAfter.body).toContain("Annulé par la personne");
    expect(agendaAfter.body).toContain("Roger Martin");
  });

  it("lets exactly one of 40 simultaneous HTTP confirmations of one slot through, the others get a plain conflict page", async () => {
    const slot = new Date(parisToInstant("2027-03-04", "11:00"));
    const clients = await Promise.all(Array.from({ length: 40 }, async () => {
      const c = new TestClient(t.app);
      await c.get("/connexion");
      return c;
    }));
    const responses = await Promise.all(clients.map((c, i) => c.post(`/lieux/${placeId}/rendez-vous/confirmer`, { motif: String(motifId), debut: slot.toISOString(), ...person, firstName: `P${i}` })));
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 303)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(39);
    expect(responses.every((r) => r.statusCode === 303 || r.body.includes("Ce créneau vient d"))).toBe(true);
  });
});
