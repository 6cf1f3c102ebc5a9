// Answering a citizen's data-protection request: an admin finds what the territory holds about an e-mail address
// or a phone number, prints it, and erases it; never another territory's rows, never the contact in the audit log.
import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appointments, auditEvents, mails, smsMessages } from "../../src/db/schema/index.js";
import { withTenant } from "../../src/db/tenant.js";
import { parisToInstant } from "../../src/lib/paris-time.js";
import type { Person } from "../../src/modules/booking/booking.commands.js";
import { queueSms } from "../../src/modules/sms/sms.commands.js";
import { createTestApp, makeTerritory, makeUser, TestClient, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";
import { lieuRecord, makeBooking, makeMediator, makeMotif, makePlace, makePlage } from "../support/inclusion.js";

const EMAIL = "leon.durand@exemple.fr";
const PHONE = "06 12 34 56 78";

describe.each(engines)("personal-data requests on %s", (engine) => {
  let t: TestApp;
  let code: string;
  let homeId: number;
  let foreignId: number;
  let admin: TestClient;
  let coordinator: TestClient;
  let mediator: TestClient;
  const ids = { leon: "", other: "", foreign: "" };

  async function setUpTerritory(territoryId: number, placeName: string) {
    const place = await makePlace(t.database, { territoryId, record: lieuRecord({ nom: placeName }) });
    const motif = await makeMotif(t.database, { territoryId, name: `Motif de ${placeName}` });
    const mediatorRow = await makeMediator(t.database, { territoryId, placeIds: [place.id] });
    await makePlage(t.database, { territoryId, mediatorId: mediatorRow.id, placeId: place.id });
    return { placeId: place.id, motifId: motif.id };
  }

  async function book(territoryId: number, where: { placeId: number; motifId: number }, time: string, person: Person) {
    const result = await makeBooking(t.database, { territoryId, ...where, start: new Date(parisToInstant("2027-03-08", time)), person, now: t.clock() });
    if (!result.ok) throw new Error("booking failed");
    await withTenant(t.database.db, territoryId, (tx) => queueSms(tx, { territoryId, appointmentId: result.appointmentId, to: person.phone, text: "Rappel", now: t.clock() }));
    return result.appointmentId;
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    const home = await makeTerritory(t.database);
    const foreign = await makeTerritory(t.database);
    code = home.code;
    homeId = home.id;
    foreignId = foreign.id;
    const homePlace = await setUpTerritory(homeId, "Maison France Services");
    const foreignPlace = await setUpTerritory(foreignId, "Lieu-Etranger-Secret");
    const leon: Person = { firstName: "Léon", lastName: "Durand", phone: PHONE, email: EMAIL, noEmail: false, note: "Vient avec sa fille" };
    ids.leon = await book(homeId, homePlace, "10:00", leon);
    ids.other = await book(homeId, homePlace, "11:00", { firstName: "Rose", lastName: "Martin", phone: "07 98 76 54 32", email: "rose@exemple.fr", noEmail: false });
    ids.foreign = await book(foreignId, foreignPlace, "10:00", { ...leon, firstName: "Homonyme-Etranger", phone: "+33 6 12 34 56 78" });
    admin = await new TestClient(t.app).signInAs(t, await makeUser(t.database, { email: `admin-${engine}@exemple.fr`, territoryId: homeId, roles: ["admin"] }));
    coordinator = await new TestClient(t.app).signInAs(t, await makeUser(t.database, { email: `coord-${engine}@exemple.fr`, territoryId: homeId, roles: ["coordinator"] }));
    mediator = await new TestClient(t.app).signInAs(t, await makeUser(t.database, { email: `med-${engine}@exemple.fr`, territoryId: homeId, roles: ["mediator"] }));
  });
  afterAll(() => t.close());

  const url = (path = "") => `/t/${code}/donnees-personnelles${path}`;
  const appointment = async (id: string) => (await t.database.db.select().from(appointments).where(eq(appointments.id, id)))[0]!;
  const mailsTo = (territoryId: number) => t.database.db.select().from(mails).where(and(eq(mails.territoryId, territoryId), eq(mails.toAddress, EMAIL)));
  const smsTo = (territoryId: number) => t.database.db.select().from(smsMessages).where(and(eq(smsMessages.territoryId, territoryId), eq(smsMessages.toNumber, "+33612345678")));

  it("shows the page to admins, linked from the settings page, and explains what it does", async () => {
    const page = await admin.get(url());
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Demandes sur les données personnelles");
    expect(page.body).toContain('method="post"');
    expect((await admin.get(`/t/${code}/reglages-accompagnement`)).body).toContain(`href="/t/${code}/donnees-personnelles"`);
    expect((await coordinator.get(`/t/${code}/reglages-accompagnement`)).body).not.toContain(`/t/${code}/donnees-personnelles`);
  });

  it("lists the appointments and mails of an e-mail address, whatever its case, and nothing of another person or territory", async () => {
    const response = await admin.post(url(), { contact: "Leon.Durand@Exemple.FR" });
    expect(response.statusCode).toBe(200);
    const body = response.body;
    for (const shown of ["Léon", "Durand", PHONE, EMAIL, "Vient avec sa fille", "Maison France Services", "Motif de Maison France Services", "lundi 8 mars 2027 à 10\u00a0h", "À venir"]) expect(body).toContain(shown);
    const sent = await mailsTo(homeId);
    expect(sent.length).toBeGreaterThan(0);
    expect(body).toContain(sent[0]!.subject);
    expect(body).toContain(`Courriels envoyés à cette adresse (${sent.length})`);
    expect(body).toContain("Rendez-vous (1)");
    for (const hidden of ["Rose", "Homonyme-Etranger", "Lieu-Etranger-Secret"]) expect(body).not.toContain(hidden);
  });

  it("finds the appointments and SMS of a phone number however it was typed", async () => {
    const body = (await admin.post(url(), { contact: "+33 6 12 34 56 78" })).body;
    expect(body).toContain("Léon");
    expect(body).toContain("Rendez-vous (1)");
    expect(body).toContain("SMS envoyés à ce numéro (1)");
    expect(body).not.toContain("Homonyme-Etranger");
  });

  it("refuses what is neither an e-mail address nor a phone number with a French message, keeping what was typed", async () => {
    const badEmail = await admin.post(url(), { contact: "leon.durand@" });
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.body).toContain("Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr");
    expect(badEmail.body).toContain('value="leon.durand@"');
    const badPhone = await admin.post(url(), { contact: "06 12 34" });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.body).toContain("ou un numéro de téléphone, par exemple 06 12 34 56 78");
    expect(badPhone.body).toContain('value="06 12 34"');
  });

  it("asks to confirm before erasing, keeping the contact, and erases nothing meanwhile", async () => {
    const response = await admin.post(url("/effacement"), { contact: EMAIL });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("Cochez la case pour confirmer");
    expect(response.body).toContain(`name="contact" value="${EMAIL}"`);
    expect((await appointment(ids.leon)).email).toBe(EMAIL);
  });

  it("refuses a mediator the page, the search and the erasure", async () => {
    expect((await mediator.get(url())).statusCode).toBe(404);
    expect((await mediator.post(url(), { contact: EMAIL })).statusCode).toBe(403);
    expect((await mediator.post(url("/effacement"), { contact: EMAIL, confirmation: "oui" })).statusCode).toBe(403);
    expect((await appointment(ids.leon)).email).toBe(EMAIL);
  });

  it("erases the contact details and anonymises the receipts in this territory only, with audit events holding no contact", async () => {
    const mailCount = (await mailsTo(homeId)).length;
    const byEmail = await admin.post(url("/effacement"), { contact: EMAIL, confirmation: "oui" });
    expect(byEmail.statusCode).toBe(303);
    expect(byEmail.headers.location).toBe(`/t/${code}/donnees-personnelles?fait=effacement&rdv=1&courriels=${mailCount}&sms=0`);
    expect((await admin.get(byEmail.headers.location as string)).body).toContain(`1 rendez-vous et ${mailCount} courriel`);

    const erased = await appointment(ids.leon);
    expect({ first: erased.firstName, last: erased.lastName, phone: erased.phone, email: erased.email, note: erased.note }).toEqual({ first: null, last: null, phone: null, email: null, note: "" });
    expect(erased.contactPurgedAt).toEqual(t.clock());
    expect(erased.status).toBe("a_venir");
    expect(await mailsTo(homeId)).toHaveLength(0);
    expect((await appointment(ids.other)).email).toBe("rose@exemple.fr");
    expect((await appointment(ids.foreign)).email).toBe(EMAIL);
    expect((await mailsTo(foreignId)).length).toBeGreaterThan(0);

    // The SMS went to the number, which the e-mail search does not cover; searching the number finds it.
    expect(await smsTo(homeId)).toHaveLength(1);
    expect((await admin.post(url("/effacement"), { contact: PHONE, confirmation: "oui" })).headers.location).toContain("rdv=0&courriels=0&sms=1");
    expect(await smsTo(homeId)).toHaveLength(0);
    expect(await smsTo(foreignId)).toHaveLength(1);

    const again = await admin.post(url(), { contact: EMAIL });
    expect(again.body).toContain("Aucune donnée trouvée");

    const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.territoryId, homeId), like(auditEvents.action, "personal-data.%")));
    expect(events.map((e) => e.action)).toContain("personal-data.search");
    expect(events.find((e) => e.action === "personal-data.erase")?.details).toEqual({ by: "email", appointments: 1, mails: mailCount, sms: 0 });
    const logged = JSON.stringify(events);
    for (const secret of ["leon", "Leon", "durand", "612345678", "12 34 56"]) expect(logged).not.toContain(secret);
  });
});
