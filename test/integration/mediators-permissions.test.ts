// Who may change what in the mediators back-office, and absences stored as UTC instants from Paris wall times.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { absences, plages } from "../../src/db/schema/index.js";
import { createTestApp, makeTerritory, makeUser, TestClient, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";
import { makeMediator, makeMotif, makePlace, makePlage } from "../support/inclusion.js";

describe.each(engines)("mediators permissions on %s", (engine) => {
  let t: TestApp;
  let code: string;
  let placeId: number;
  let own: { id: number };
  let colleague: { id: number };
  let colleaguePlage: { id: number };
  let motifId: number;
  const clients: Record<"coordinator" | "mediator" | "elected" | "referent", TestClient> = {} as never;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const territory = await makeTerritory(t.database);
    code = territory.code;
    const territoryId = territory.id;
    placeId = (await makePlace(t.database, { territoryId })).id;
    const users = {
      coordinator: await makeUser(t.database, { email: `coord-${engine}@exemple.fr`, territoryId, roles: ["coordinator"] }),
      mediator: await makeUser(t.database, { email: `med-${engine}@exemple.fr`, territoryId, roles: ["mediator"] }),
      elected: await makeUser(t.database, { email: `elu-${engine}@exemple.fr`, territoryId, roles: ["elected"] }),
      referent: await makeUser(t.database, { email: `ecole-${engine}@exemple.fr`, territoryId, roles: ["school_referent"] }),
    };
    const colleagueUser = await makeUser(t.database, { email: `collegue-${engine}@exemple.fr`, territoryId, roles: ["mediator"] });
    own = await makeMediator(t.database, { territoryId, placeIds: [placeId], name: "Moi-même", userId: users.mediator });
    colleague = await makeMediator(t.database, { territoryId, placeIds: [placeId], name: "Collègue", userId: colleagueUser });
    colleaguePlage = await makePlage(t.database, { territoryId, mediatorId: colleague.id, placeId, weekdays: [5] });
    motifId = (await makeMotif(t.database, { territoryId })).id;
    for (const role of Object.keys(users) as (keyof typeof users)[]) clients[role] = await new TestClient(t.app).signInAs(t, users[role]);
  });
  afterAll(() => t.close());

  const url = (path: string) => `/t/${code}${path}`;
  const plage = (weekday: string) => ({ placeId: String(placeId), weekdays: [weekday], startTime: "14:00", endTime: "16:00", validFrom: "2027-03-01", everyNWeeks: "1" });

  it("lets a mediator add, edit and delete their own plages and absences", async () => {
    const m = clients.mediator;
    const page = await m.get(url(`/mediateurs/${own.id}`));
    expect(page.body).toContain("Ajouter une plage");
    expect((await m.post(url(`/mediateurs/${own.id}/plages`), plage("1"))).statusCode).toBe(303);
    const [mine] = await t.database.db.select().from(plages).where(eq(plages.mediatorId, own.id));
    expect((await m.post(url(`/mediateurs/${own.id}/plages/${mine!.id}`), plage("2"))).statusCode).toBe(303);
    expect((await m.post(url(`/mediateurs/${own.id}/plages/${mine!.id}/supprimer`))).statusCode).toBe(303);
    expect((await m.post(url(`/mediateurs/${own.id}/absences`), { absFromDate: "2027-05-03" })).statusCode).toBe(303);
    expect(await t.database.db.select().from(absences).where(eq(absences.mediatorId, own.id))).toHaveLength(1);
  });

  it("forbids a mediator to change another mediator's plages, absences or record (403), and shows them no edit form", async () => {
    const m = clients.mediator;
    const page = await m.get(url(`/mediateurs/${colleague.id}`));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Collègue");
    expect(page.body).not.toContain("Ajouter une plage");
    expect(page.body).not.toContain(`/mediateurs/${colleague.id}/plages/${colleaguePlage.id}/supprimer`);
    for (const [path, form] of [
      [`/mediateurs/${colleague.id}/plages`, plage("3")],
      [`/mediateurs/${colleague.id}/plages/${colleaguePlage.id}`, plage("3")],
      [`/mediateurs/${colleague.id}/plages/${colleaguePlage.id}/supprimer`, {}],
      [`/mediateurs/${colleague.id}/absences`, { absFromDate: "2027-05-03" }],
      [`/mediateurs/${colleague.id}/ouvertures`, { exDay: "2027-05-03", exPlaceId: String(placeId), exStart: "9:00", exEnd: "10:00" }],
      [`/mediateurs/${own.id}/modifier`, { name: "Moi", active: "oui" }],
      ["/mediateurs", { name: "Nouveau" }],
      ["/motifs", { name: "Nouveau" }],
    ] as const) {
      expect({ path, status: (await m.post(url(path), form)).statusCode }).toEqual({ path, status: 403 });
    }
    expect((await m.get(url(`/mediateurs/${colleague.id}/plages/${colleaguePlage.id}`))).statusCode).toBe(403);
    expect(await t.database.db.select().from(plages).where(eq(plages.mediatorId, colleague.id))).toHaveLength(1);
    expect(await t.database.db.select().from(absences).where(eq(absences.mediatorId, colleague.id))).toHaveLength(0);
  });

  it("shows an elected official the mediators and motifs without any edit form, and refuses their posts with 403", async () => {
    const e = clients.elected;
    for (const path of ["/mediateurs", `/mediateurs/${own.id}`, "/motifs"]) {
      const response = await e.get(url(path));
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toMatch(new RegExp(`<form method="post" action="/t/${code}/(mediateurs|motifs)`));
      expect(response.body).not.toMatch(/Ajouter|Modifier|Supprimer|Désactiver/);
    }
    for (const path of ["/mediateurs/nouveau", `/mediateurs/${own.id}/modifier`, `/mediateurs/${own.id}/plages/nouvelle`, "/motifs/nouveau", `/motifs/${motifId}`]) {
      expect({ path, status: (await e.get(url(path))).statusCode }).toEqual({ path, status: 403 });
    }
    for (const path of ["/mediateurs", `/mediateurs/${own.id}/modifier`, `/mediateurs/${own.id}/plages`, `/mediateurs/${colleague.id}/plages/${colleaguePlage.id}/supprimer`, `/mediateurs/${own.id}/absences`, "/motifs", `/motifs/${motifId}`, `/motifs/${motifId}/activation`, "/reglages-accompagnement"]) {
      expect({ path, status: (await e.post(url(path), { name: "x", active: "non" })).statusCode }).toEqual({ path, status: 403 });
    }
    expect((await e.get(url("/reglages-accompagnement"))).statusCode).toBe(404);
  });

  it("shows absence reasons to the team only, never to an elected official (the form says so)", async () => {
    const [absence] = await t.database.db.insert(absences).values({ territoryId: (await t.database.db.select().from(plages).where(eq(plages.id, colleaguePlage.id)))[0]!.territoryId, mediatorId: colleague.id, startsAt: new Date("2027-04-05T07:00:00Z"), endsAt: new Date("2027-04-09T17:00:00Z"), reason: "arrêt maladie, ne pas appeler" }).returning();
    for (const role of ["coordinator", "mediator"] as const) {
      const page = await clients[role].get(url(`/mediateurs/${colleague.id}`));
      expect({ role, shown: page.body.includes("arrêt maladie") }).toEqual({ role, shown: true });
    }
    const elected = await clients.elected.get(url(`/mediateurs/${colleague.id}`));
    expect(elected.statusCode).toBe(200);
    expect(elected.body).toContain("Absences");
    expect(elected.body).toContain("au vendredi 9 avril 2027");
    expect(elected.body).not.toContain("arrêt maladie");
    await t.database.db.delete(absences).where(eq(absences.id, absence!.id));
  });

  it("hides the mediators pages from a school referent", async () => {
    for (const path of ["/mediateurs", `/mediateurs/${own.id}`, "/motifs", "/reglages-accompagnement"]) {
      expect({ path, status: (await clients.referent.get(url(path))).statusCode }).toEqual({ path, status: 404 });
    }
  });

  it("answers 404 for a mediator, plage or motif id that is not a number or not in the territory", async () => {
    const c = clients.coordinator;
    expect((await c.get(url("/mediateurs/abc"))).statusCode).toBe(404);
    expect((await c.get(url("/mediateurs/999999"))).statusCode).toBe(404);
    expect((await c.get(url(`/mediateurs/${own.id}/plages/${colleaguePlage.id}`))).statusCode).toBe(404);
    expect((await c.post(url(`/mediateurs/${own.id}/plages/${colleaguePlage.id}/supprimer`))).statusCode).toBe(404);
    expect((await c.get(url("/motifs/99999999999"))).statusCode).toBe(404);
  });

  it("answers 404 for another territory's mediator, plage or motif reached through this territory's address", async () => {
    const other = await makeTerritory(t.database);
    const otherPlace = await makePlace(t.database, { territoryId: other.id });
    const stranger = await makeMediator(t.database, { territoryId: other.id, placeIds: [otherPlace.id], name: "Inconnu-Ailleurs" });
    const strangerPlage = await makePlage(t.database, { territoryId: other.id, mediatorId: stranger.id, placeId: otherPlace.id });
    const strangerMotif = await makeMotif(t.database, { territoryId: other.id });
    const c = clients.coordinator;
    for (const path of [`/mediateurs/${stranger.id}`, `/mediateurs/${stranger.id}/plages/${strangerPlage.id}`, `/motifs/${strangerMotif.id}`]) {
      const response = await c.get(url(path));
      expect({ path, status: response.statusCode }).toEqual({ path, status: 404 });
      expect(response.body).not.toContain("Inconnu-Ailleurs");
    }
    expect((await c.post(url(`/mediateurs/${stranger.id}/plages/${strangerPlage.id}/supprimer`))).statusCode).toBe(404);
    expect((await c.post(url(`/mediateurs/${stranger.id}/absences`), { absFromDate: "2027-05-03" })).statusCode).toBe(404);
    expect((await c.post(url(`/motifs/${strangerMotif.id}/activation`), { active: "non" })).statusCode).toBe(404);
    expect(await t.database.db.select().from(plages).where(eq(plages.mediatorId, stranger.id))).toHaveLength(1);
    expect(await t.database.db.select().from(absences).where(eq(absences.mediatorId, stranger.id))).toHaveLength(0);
  });

  it("stores absences typed in Paris time as UTC instants across both daylight-saving changes", async () => {
    const c = clients.coordinator;
    const spring = await c.post(url(`/mediateurs/${colleague.id}/absences`), { absFromDate: "2027-03-27", absFromTime: "10:00", absToDate: "2027-03-29", absToTime: "10:00", absReason: "Formation" });
    expect(spring.statusCode).toBe(303);
    const autumn = await c.post(url(`/mediateurs/${colleague.id}/absences`), { absFromDate: "30/10/2027", absFromTime: "10h", absToDate: "2027-11-01", absToTime: "10:00" });
    expect(autumn.statusCode).toBe(303);
    const rows = await t.database.db.select().from(absences).where(eq(absences.mediatorId, colleague.id)).orderBy(absences.startsAt);
    expect(rows.map((r) => [r.startsAt.toISOString(), r.endsAt.toISOString()])).toEqual([
      ["2027-03-27T09:00:00.000Z", "2027-03-29T08:00:00.000Z"],
      ["2027-10-30T08:00:00.000Z", "2027-11-01T09:00:00.000Z"],
    ]);
    const page = (await c.get(url(`/mediateurs/${colleague.id}`))).body.replace(/\u00a0/g, " ");
    expect(page).toContain("Du samedi 27 mars 2027 à 10 h au lundi 29 mars 2027 à 10 h");
  });
});
