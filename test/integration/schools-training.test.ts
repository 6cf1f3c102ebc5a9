// Teacher training: sessions managed by coordinators, registration through a signed link per school (no
// account, capacity respected), .ics for participants, attendance, and the share of trained teachers.
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { equipmentItems, mails, schoolReferents, schools, trainingRegistrations, trainingSessions } from "../../src/db/schema/index.js";
import { createTestApp, makeTerritory, makeUser, TestClient, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";

/** The page's text with entities decoded and no-break spaces made ordinary, for plain assertions. */
const plain = (html: string) => html.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/[\u00a0\u202f]/g, " ");

const session = { title: "Prendre en main l'écran interactif", categories: ["ecran_interactif", "tablette"], date: "2027-03-16", startTime: "09:00", endTime: "12:00", place: "École des Lilas, salle polyvalente", trainer: "Camille, ERUN", capacity: "2" };

describe.each(engines)("teacher training on %s", (engine) => {
  let t: TestApp;
  let code: string;
  let territoryId: number;
  let coordinator: TestClient;
  let referent: TestClient;
  let lilas: number;
  let parc: number;
  let sessionId: number;
  const links: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(engine);
    const territory = await makeTerritory(t.database);
    ({ code, id: territoryId } = territory);
    const rows = await t.database.db
      .insert(schools)
      .values([
        { territoryId, uai: "0790001A", name: "École des Lilas", communeInsee: "99000", teachers: 4 },
        { territoryId, uai: "0790002B", name: "École du Parc", communeInsee: "99000", teachers: null },
      ])
      .returning({ id: schools.id });
    [lilas, parc] = rows.map((r) => r.id) as [number, number];
    await t.database.db.insert(equipmentItems).values([
      { territoryId, schoolId: lilas, category: "ecran_interactif", inventoryNumber: "L-1" },
      { territoryId, schoolId: lilas, category: "imprimante_reseau", inventoryNumber: "L-2" },
      { territoryId, schoolId: lilas, category: "visualiseur", inventoryNumber: "L-3", state: "reforme" },
      { territoryId, schoolId: parc, category: "imprimante_reseau", inventoryNumber: "P-1" },
    ]);
    coordinator = await new TestClient(t.app).signInAs(t, await makeUser(t.database, { email: `coordination-formation-${engine}@exemple.fr`, territoryId, roles: ["coordinator"] }));
    const referentId = await makeUser(t.database, { email: `direction-parc-${engine}@exemple.fr`, territoryId, roles: ["school_referent"] });
    await t.database.db.insert(schoolReferents).values({ territoryId, schoolId: parc, userId: referentId });
    referent = await new TestClient(t.app).signInAs(t, referentId);
  });
  afterAll(() => t.close());

  const url = (path: string) => `/t/${code}/formations${path}`;
  const teacherMails = (kind: string) => t.database.db.select().from(mails).where(and(eq(mails.territoryId, territoryId), eq(mails.kind, kind))).orderBy(asc(mails.id));

  it("creates a session in Paris time and explains a session ending before it starts", async () => {
    const wrong = await coordinator.post(url(""), { ...session, endTime: "08:00" });
    expect(wrong.statusCode).toBe(400);
    expect(plain(wrong.body)).toContain("L'heure de fin doit être après l'heure de début");
    const created = await coordinator.post(url(""), session);
    expect(created.statusCode).toBe(303);
    sessionId = Number(/\/formations\/(\d+)\?fait=creation$/.exec(created.headers.location as string)![1]);
    const [row] = await t.database.db.select().from(trainingSessions).where(eq(trainingSessions.id, sessionId));
    expect(row).toMatchObject({ territoryId, title: session.title, categories: ["ecran_interactif", "tablette"], capacity: 2, startsAt: new Date("2027-03-16T08:00:00Z"), endsAt: new Date("2027-03-16T11:00:00Z") });
    expect(plain((await coordinator.get(url(""))).body)).toContain("mardi 16 mars 2027 de 9 h à 12 h");
  });

  it("gives each school its signed registration link; a referent sees only their school's", async () => {
    const page = plain((await coordinator.get(url("/ecoles"))).body);
    for (const [name, id] of [["lilas", lilas], ["parc", parc]] as const) {
      const link = new RegExp(`http://maillage\\.test(/formations/ecole/${id}\\?cle=[^"<\\s]+)`).exec(page)?.[1];
      expect(link).toBeDefined();
      links[name] = link!;
    }
    expect(page).toContain("jusqu'au mardi 31 août 2027");
    const own = plain((await referent.get(url("/ecoles"))).body);
    expect(own).toContain(links.parc);
    expect(own).not.toContain(links.lilas);
    expect((await referent.post(url(""), session)).statusCode).toBe(403);
  });

  it("registers teachers without an account, with a confirmation page, an .ics and an e-mail carrying it", async () => {
    const teacher = new TestClient(t.app);
    const form = plain((await teacher.get(links.lilas!)).body);
    expect(form).toContain("École des Lilas");
    expect(form).toContain("2 places restantes");
    const done = await teacher.post(links.lilas!, { sessionId: String(sessionId), name: "Alex Martin", email: "Alex.Martin@exemple.fr" });
    expect(done.statusCode).toBe(303);
    const confirmation = done.headers.location as string;
    expect(confirmation).toMatch(/^\/formations\/inscription\/\d+\?cle=[^&]+&confirme=1$/);
    const page = plain((await teacher.get(confirmation)).body);
    expect(page).toContain("Votre inscription est enregistrée");
    const icsUrl = /href="(\/formations\/inscription\/\d+\/formation\.ics\?cle=[^"]+)"/.exec(page)![1]!;
    const ics = await teacher.get(icsUrl);
    expect(ics.statusCode).toBe(200);
    expect(ics.headers["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(ics.body).toContain("METHOD:PUBLISH");
    expect(ics.body).toContain("BEGIN:VTIMEZONE");
    expect(ics.body).toContain("DTSTART;TZID=Europe/Paris:20270316T090000");
    expect(ics.body).toContain("DTEND;TZID=Europe/Paris:20270316T120000");
    expect(ics.body).toContain("SUMMARY:Formation : Prendre en main l'écran interactif");
    const [mail] = await teacherMails("formation.inscription");
    expect({ ...mail, subject: plain(mail!.subject) }).toMatchObject({ toAddress: "alex.martin@exemple.fr", subject: "Inscription confirmée : Prendre en main l'écran interactif, mardi 16 mars à 9 h" });
    expect(mail!.textBody).toContain("http://maillage.test/formations/inscription/");
    expect(mail!.attachments).toHaveLength(1);
    expect(mail!.attachments[0]!.filename).toBe("formation.ics");
    expect(mail!.attachments[0]!.content).toContain("METHOD:REQUEST");
    expect(mail!.attachments[0]!.content).toContain("DTSTART;TZID=Europe/Paris:20270316T090000");
  });

  it("refuses a second registration with the same address, then a registration once the session is full", async () => {
    const teacher = new TestClient(t.app);
    await teacher.get(links.lilas!);
    const again = await teacher.post(links.lilas!, { sessionId: String(sessionId), name: "Alex Martin", email: "alex.martin@exemple.fr" });
    expect(again.statusCode).toBe(400);
    expect(plain(again.body)).toContain("Vous êtes déjà inscrit ou inscrite à cette session");
    const parcTeacher = new TestClient(t.app);
    await parcTeacher.get(links.parc!);
    expect((await parcTeacher.post(links.parc!, { sessionId: String(sessionId), name: "Sam Durand", email: "sam.durand@exemple.fr" })).statusCode).toBe(303);
    const late = await teacher.post(links.lilas!, { sessionId: String(sessionId), name: "Noa Petit", email: "noa.petit@exemple.fr" });
    expect(late.statusCode).toBe(409);
    expect(plain(late.body)).toContain("La session « Prendre en main l'écran interactif » est complète : ses 2 places sont prises. Choisissez une autre session.");
    const fullPage = plain((await teacher.get(links.lilas!)).body);
    expect(fullPage).toContain("Toutes les sessions prévues sont complètes.");
    expect(await t.database.db.select().from(trainingRegistrations).where(eq(trainingRegistrations.sessionId, sessionId))).toHaveLength(2);
    const reduced = await coordinator.post(url(`/${sessionId}`), { ...session, capacity: "1" });
    expect(reduced.statusCode).toBe(400);
    expect(plain(reduced.body)).toContain("ne peut pas être inférieur au nombre de personnes déjà inscrites (2)");
  });

  it("refuses a forged or another school's key", async () => {
    const stranger = new TestClient(t.app);
    expect((await stranger.get(links.lilas!.replace(/cle=.{4}/, "cle=zzzz"))).statusCode).toBe(404);
    const key = links.lilas!.split("cle=")[1]!;
    expect((await stranger.get(`/formations/ecole/${parc}?cle=${key}`)).statusCode).toBe(404);
  });

  it("marks attendance and counts teachers trained on the categories their school holds", async () => {
    const registrations = await t.database.db.select().from(trainingRegistrations).where(eq(trainingRegistrations.sessionId, sessionId));
    const page = plain((await coordinator.get(url(`/${sessionId}`))).body);
    expect(page).toContain("alex.martin@exemple.fr");
    expect(plain((await referent.get(url(`/${sessionId}`))).body)).not.toContain("alex.martin@exemple.fr");
    expect((await coordinator.post(url(`/${sessionId}/presences`), { present: registrations.map((r) => String(r.id)) })).statusCode).toBe(303);
    const alex = registrations.find((r) => r.teacherEmail === "alex.martin@exemple.fr")!;
    expect((await coordinator.post(url(`/${sessionId}/presences`), { present: [String(alex.id)] })).statusCode).toBe(303);
    const after = await t.database.db.select({ email: trainingRegistrations.teacherEmail, attended: trainingRegistrations.attended }).from(trainingRegistrations).where(eq(trainingRegistrations.sessionId, sessionId)).orderBy(asc(trainingRegistrations.id));
    expect(after).toEqual([{ email: "alex.martin@exemple.fr", attended: true }, { email: "sam.durand@exemple.fr", attended: false }]);
    // Sam (École du Parc) attends too: trained on screens and tablets, but the Parc holds only a printer.
    await t.database.db.update(trainingRegistrations).set({ attended: true }).where(eq(trainingRegistrations.teacherEmail, "sam.durand@exemple.fr"));
    const shares = plain((await coordinator.get(url("/ecoles"))).body);
    expect(shares).toMatch(/École des Lilas.*?25 % \(1 sur 4\).*?Écran numérique interactif : 1.*?Imprimante réseau : 0/s);
    expect(shares).not.toMatch(/École des Lilas.*?Visualiseur :.*?École du Parc/s);
    expect(shares).toMatch(/École du Parc.*?0 formés \(nombre d'enseignants non renseigné\).*?Imprimante réseau : 0/s);
  });

  it("lets a teacher cancel, and tells the registered teachers when a session is deleted", async () => {
    const teacher = new TestClient(t.app);
    await teacher.get(links.lilas!);
    const second = await coordinator.post(url(""), { ...session, title: "Tablettes en classe", date: "2027-04-06", capacity: "10" });
    const secondId = Number(/\/formations\/(\d+)\?/.exec(second.headers.location as string)![1]);
    const done = await teacher.post(links.lilas!, { sessionId: String(secondId), name: "Noa Petit", email: "noa.petit@exemple.fr" });
    const confirmation = plain((await teacher.get(done.headers.location as string)).body);
    const cancel = /action="(\/formations\/inscription\/\d+\/annulation\?cle=[^"]+)"/.exec(confirmation)![1]!;
    expect(plain((await teacher.post(cancel)).body)).toContain("Votre inscription est annulée");
    expect(await t.database.db.select().from(trainingRegistrations).where(eq(trainingRegistrations.sessionId, secondId))).toEqual([]);
    await teacher.get(links.lilas!);
    await teacher.post(links.lilas!, { sessionId: String(secondId), name: "Noa Petit", email: "noa.petit@exemple.fr" });
    expect((await coordinator.post(url(`/${secondId}/suppression`))).statusCode).toBe(303);
    const [cancelled] = await teacherMails("formation.annulation");
    expect({ ...cancelled, subject: plain(cancelled!.subject) }).toMatchObject({ toAddress: "noa.petit@exemple.fr", subject: "Formation annulée : Tablettes en classe, mardi 6 avril à 9 h" });
    expect(cancelled!.attachments[0]!.content).toContain("METHOD:CANCEL");
  });

  it("sends registered teachers the updated invitation, with a higher SEQUENCE, when the time or place changes", async () => {
    const teacher = new TestClient(t.app);
    await teacher.get(links.lilas!);
    const created = await coordinator.post(url(""), { ...session, title: "Messagerie de l'ENT", date: "2027-05-11", capacity: "10" });
    const id = Number(/\/formations\/(\d+)\?/.exec(created.headers.location as string)![1]);
    await teacher.post(links.lilas!, { sessionId: String(id), name: "Lou Martin", email: "lou.martin@exemple.fr" });
    const [invitation] = (await teacherMails("formation.inscription")).filter((m) => m.toAddress === "lou.martin@exemple.fr");
    expect(invitation!.attachments[0]!.content).toContain("SEQUENCE:0");
    // The title alone changes: nobody is disturbed.
    expect((await coordinator.post(url(`/${id}`), { ...session, title: "Messagerie de l'ENT (débutants)", date: "2027-05-11", capacity: "10" })).statusCode).toBe(303);
    expect(await teacherMails("formation.modification")).toEqual([]);
    // An hour later: the updated invitation, same UID, next sequence.
    expect((await coordinator.post(url(`/${id}`), { ...session, title: "Messagerie de l'ENT (débutants)", date: "2027-05-11", startTime: "10:00", endTime: "12:00", capacity: "10" })).statusCode).toBe(303);
    const [changed] = await teacherMails("formation.modification");
    expect({ to: changed!.toAddress, subject: plain(changed!.subject) }).toEqual({ to: "lou.martin@exemple.fr", subject: "Formation modifiée : Messagerie de l'ENT (débutants), mardi 11 mai à 10 h" });
    const ics = changed!.attachments[0]!.content;
    expect(ics).toContain("METHOD:REQUEST");
    expect(ics).toContain("SEQUENCE:1");
    expect(ics).toContain("DTSTART;TZID=Europe/Paris:20270511T100000");
    const uid = (text: string) => /UID:([^\r\n]+)/.exec(text)![1];
    expect(uid(ics)).toBe(uid(invitation!.attachments[0]!.content));
    // Deleting it now cancels with a sequence above the last invitation.
    await coordinator.post(url(`/${id}/suppression`));
    const cancelled = (await teacherMails("formation.annulation")).find((m) => m.toAddress === "lou.martin@exemple.fr");
    expect(cancelled!.attachments[0]!.content).toContain("SEQUENCE:2");
  });
});
