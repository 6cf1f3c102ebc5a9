// Statistics: exact figures on a small fixture, accessible charts, audited CSV/XLSX exports, public share links.
import { parse } from "csv-parse/sync";
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activities, appointments, auditEvents, communes, places, shareLinks, type AppointmentStatus } from "../../src/db/schema/index.js";
import { hashToken } from "../../src/lib/crypto.js";
import { createTestApp, makeTerritory, makeUser, TestClient, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";
import { lieuRecord, makeMediator, makeMotif, makePlace } from "../support/inclusion.js";

const PERIOD = "du=2027-01-01&au=2027-03-31";

describe.each(engines)("statistics on %s", (engine) => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof makeTerritory>>;
  let other: Awaited<ReturnType<typeof makeTerritory>>;
  let code: string;
  let c: string[];
  let p1: number;
  let p2: number;
  const users: Record<string, number> = {};

  const as = (role: string) => new TestClient(t.app).signInAs(t, users[role]!);

  beforeAll(async () => {
    t = await createTestApp(engine);
    territory = await makeTerritory(t.database, { name: "Communauté Statistique" });
    other = await makeTerritory(t.database);
    code = territory.code;
    c = (await t.database.db.select({ insee: communes.insee }).from(communes).where(eq(communes.territoryId, territory.id))).map((r) => r.insee).sort();
    for (const role of ["coordinator", "elected", "mediator"] as const) {
      users[role] = await makeUser(t.database, { email: `${role}-${engine}@stats.fr`, territoryId: territory.id, roles: [role] });
    }
    users.otherCoordinator = await makeUser(t.database, { email: `autre-${engine}@stats.fr`, territoryId: other.id, roles: ["coordinator"] });
    p1 = (await makePlace(t.database, { territoryId: territory.id, record: lieuRecord({ nom: "Maison France Services" }) })).id;
    p2 = (await makePlace(t.database, { territoryId: territory.id, record: lieuRecord({ nom: "Médiathèque" }) })).id;
    const m1 = (await makeMediator(t.database, { territoryId: territory.id, placeIds: [p1], name: "Alex Médiateur" })).id;
    const m2 = (await makeMediator(t.database, { territoryId: territory.id, placeIds: [p2], name: "Dominique Médiatrice" })).id;
    const motif = (await makeMotif(t.database, { territoryId: territory.id })).id;
    const rdv: [AppointmentStatus, number, number, string, string | null][] = [
      ["honore", p1, m1, "2027-01-05T09:00:00Z", c[0]!],
      ["honore", p1, m1, "2027-01-05T10:00:00Z", c[0]!],
      ["honore", p1, m1, "2027-01-12T09:00:00Z", c[1]!],
      ["absent", p1, m1, "2027-01-12T10:00:00Z", c[1]!],
      ["honore", p2, m2, "2027-02-03T09:00:00Z", null],
      ["absent", p2, m2, "2027-02-03T10:00:00Z", c[0]!],
      ["annule_personne", p2, m2, "2027-02-10T09:00:00Z", c[0]!],
      ["a_venir", p1, m1, "2027-03-20T09:00:00Z", c[2]!],
      // 00:30 on 1 January in Paris: inside the period; 23:30 on 31 December in Paris: outside.
      ["honore", p1, m1, "2026-12-31T23:30:00Z", c[0]!],
      ["honore", p1, m1, "2026-12-31T22:30:00Z", c[0]!],
    ];
    await t.database.db.insert(appointments).values(
      rdv.map(([status, placeId, mediatorId, start, communeInsee]) => ({
        territoryId: territory.id, placeId, mediatorId, motifId: motif, status, communeInsee, bookedBy: "agent" as const,
        startsAt: new Date(start), endsAt: new Date(new Date(start).getTime() + 30 * 60_000), firstName: "Jeanne", lastName: "Nom-Secret",
      })),
    );
    const base = { territoryId: territory.id, locationKind: "Lieu d'activité", sousThematiques: [] as string[] };
    await t.database.db.insert(activities).values([
      { ...base, kind: "individuel", day: "2027-01-05", placeId: p1, mediatorId: m1, durationMinutes: 30, thematiques: ["E-mail", "Santé"], autonomie: "Autonome", communeInsee: c[0]!, firstVisit: true },
      { ...base, kind: "individuel", day: "2027-01-12", placeId: p1, mediatorId: m1, durationMinutes: 45, thematiques: ["Aide aux démarches administratives"], sousThematiques: ["Logement"], autonomie: "Avec guidage", communeInsee: c[1]!, firstVisit: false },
      { ...base, kind: "individuel", day: "2027-02-03", placeId: p2, mediatorId: m2, durationMinutes: 90, thematiques: ["Santé"], firstVisit: true },
      { ...base, kind: "collectif", day: "2027-02-20", placeId: p2, mediatorId: m2, durationMinutes: 120, thematiques: ["Santé", "Bureautique"], niveau: "Débutant", participants: { total: 8, genreNonCommunique: 8 } },
      { ...base, kind: "individuel", day: "2026-12-15", placeId: p1, mediatorId: m1, durationMinutes: 30, thematiques: ["E-mail"] },
    ]);
  });
  afterAll(() => t.close());

  /** The figures CSV as a map "Rubrique|Libellé" → value. */
  async function figures(client: TestClient, filters: string): Promise<Map<string, string>> {
    const response = await client.get(`/t/${code}/statistiques/export?${filters}&donnees=chiffres&format=csv`);
    expect(response.statusCode).toBe(200);
    const rows = parse(response.body, { delimiter: ";", bom: true }) as string[][];
    return new Map(rows.map(([rubric, label, value]) => [`${rubric}|${label}`, value!]));
  }

  it("computes every figure exactly, Paris days included, and serves a CSV for Excel", async () => {
    const coordinator = await as("coordinator");
    const response = await coordinator.get(`/t/${code}/statistiques/export?${PERIOD}&donnees=chiffres&format=csv`);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toMatch(/^attachment; filename="statistiques-.*-2027-01-01-2027-03-31\.csv"$/);
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(response.body.split("\r\n")[0]).toBe("\ufeffRubrique;Libellé;Valeur");
    const f = await figures(coordinator, PERIOD);
    const expected: Record<string, string> = {
      "Chiffres clés|Rendez-vous": "9",
      "Chiffres clés|Rendez-vous : honorés": "5",
      "Chiffres clés|Rendez-vous : absences": "2",
      "Chiffres clés|Rendez-vous : annulés par la personne": "1",
      "Chiffres clés|Rendez-vous : à venir": "1",
      "Chiffres clés|Taux d'absence (%)": "28,6",
      "Chiffres clés|Personnes accompagnées": "11",
      "Chiffres clés|Accompagnements individuels": "3",
      "Chiffres clés|Ateliers collectifs": "1",
      "Chiffres clés|Participants aux ateliers": "8",
      "Chiffres clés|Part des premières visites (%)": "66,7",
      "Thématiques|Santé": "3",
      "Thématiques|E-mail": "1",
      "Thématiques|Aide aux démarches administratives": "1",
      "Thématiques|Bureautique": "1",
      "Thématiques|Parentalité": "0",
      "Démarches administratives|Logement": "1",
      "Durées|< 30 min": "0",
      "Durées|30 min–1 h": "2",
      "Durées|1–2 h": "1",
      "Durées|≥ 2 h": "1",
      "Autonomie|Autonome": "1",
      "Autonomie|Avec guidage": "1",
      "Autonomie|Non renseignée": "1",
      "Par mois : personnes accompagnées|janvier 2027": "2",
      "Par mois : rendez-vous|janvier 2027": "5",
      "Par mois : personnes accompagnées|février 2027": "9",
      "Par mois : rendez-vous|mars 2027": "1",
      "Par lieu : rendez-vous|Maison France Services": "6",
      "Par lieu : personnes accompagnées|Médiathèque": "9",
      "Par médiateur ou médiatrice : rendez-vous|Dominique Médiatrice": "3",
    };
    for (const [key, value] of Object.entries(expected)) expect({ key, value: f.get(key) }).toEqual({ key, value });
    expect([...f.keys()].filter((k) => k.startsWith("Communes de résidence|"))).toHaveLength(3);
    const [audit] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.territoryId, territory.id), eq(auditEvents.action, "statistics.export")));
    expect(audit).toMatchObject({ actorUserId: users.coordinator, details: { content: "chiffres", format: "csv", filters: { du: "2027-01-01", au: "2027-03-31" } } });
  });

  it("filters by place and by commune of residence", async () => {
    const coordinator = await as("coordinator");
    const place = await figures(coordinator, `${PERIOD}&lieu=${p2}`);
    expect([place.get("Chiffres clés|Rendez-vous"), place.get("Chiffres clés|Personnes accompagnées"), place.get("Chiffres clés|Taux d'absence (%)")]).toEqual(["3", "9", "50"]);
    const commune = await figures(coordinator, `${PERIOD}&commune=${c[0]}`);
    expect([commune.get("Chiffres clés|Rendez-vous"), commune.get("Chiffres clés|Personnes accompagnées")]).toEqual(["5", "1"]);
  });

  it("shows key figures and accessible SVG charts, each with its data table", async () => {
    const response = await (await as("coordinator")).get(`/t/${code}/statistiques?${PERIOD}`);
    expect(response.statusCode).toBe(200);
    const body = response.body;
    expect(body).toContain("Personnes accompagnées");
    expect(body).toContain("28,6\u00a0%");
    expect(body).toMatch(/<figure[^>]*id="graphique-thematiques"><figcaption[^>]*>Thématiques/);
    expect(body).toMatch(/<svg class="maillage-chart"[^>]*role="img" aria-labelledby="graphique-thematiques-titre graphique-thematiques-resume"/);
    expect(body).toContain('<title id="graphique-thematiques-titre">');
    expect(body).toMatch(/<th scope="row" class="govuk-table__header">janvier 2027<\/th><td class="govuk-table__cell govuk-table__cell--numeric">2<\/td>/);
    expect(body).not.toMatch(/\sstyle=/);
    expect(body).toContain("Dominique Médiatrice");
    expect(body).toContain(`/t/${code}/statistiques/export?du=2027-01-01&amp;au=2027-03-31&amp;donnees=chiffres&amp;format=xlsx`);
  });

  it("exports the figures as XLSX", async () => {
    const response = await (await as("coordinator")).get(`/t/${code}/statistiques/export?${PERIOD}&donnees=chiffres&format=xlsx`);
    expect(response.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const rows = workbook.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows.find((r) => r[2] === "Personnes accompagnées")?.[3]).toBe(11);
    expect(rows.find((r) => r[2] === "Taux d'absence (%)")?.[3]).toBe(28.6);
  });

  it("exports the anonymous records as CSV and XLSX, each download audited", async () => {
    const coordinator = await as("coordinator");
    const csv = await coordinator.get(`/t/${code}/statistiques/export?${PERIOD}&donnees=accompagnements&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    const rows = parse(csv.body, { delimiter: ";", bom: true }) as string[][];
    expect(rows).toHaveLength(5);
    expect(rows[0]!.slice(0, 4)).toEqual(["Identifiant", "Date", "Type", "Durée (minutes)"]);
    const workshop = rows.find((r) => r[2] === "Collectif")!;
    expect([workshop[1], workshop[7], workshop[13], workshop[18]]).toEqual(["2027-02-20", "Santé | Bureautique", "Débutant", "8"]);
    expect(csv.body).not.toContain("Nom-Secret");
    const xlsx = await coordinator.get(`/t/${code}/statistiques/export?${PERIOD}&donnees=accompagnements&format=xlsx`);
    expect(xlsx.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.actualRowCount).toBe(5);
    const audits = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.territoryId, territory.id), eq(auditEvents.action, "statistics.export")));
    expect(audits.filter((a) => (a.details as { content?: string }).content === "accompagnements").map((a) => (a.details as { format: string }).format).sort()).toEqual(["csv", "xlsx"]);
  });

  it("lets an elected official read the statistics but neither export nor share; a mediator does not see them", async () => {
    const elected = await as("elected");
    const page = await elected.get(`/t/${code}/statistiques?${PERIOD}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain("/statistiques/export");
    expect(page.body).not.toContain("Créer un lien de partage");
    expect((await elected.get(`/t/${code}/statistiques/export?${PERIOD}&donnees=chiffres&format=csv`)).statusCode).toBe(403);
    expect((await elected.post(`/t/${code}/statistiques/partages`, { label: "x" })).statusCode).toBe(403);
    expect((await (await as("mediator")).get(`/t/${code}/statistiques`)).statusCode).toBe(403);
  });

  it("shares the statistics through a link that works signed out, shows no personal data, and stops when revoked", async () => {
    const coordinator = await as("coordinator");
    await coordinator.get(`/t/${code}/statistiques`);
    const created = await coordinator.post(`/t/${code}/statistiques/partages`, { label: "Conseil de mars", du: "2027-01-01", au: "2027-03-31", mediateur: "1" });
    expect(created.statusCode).toBe(200);
    const token = /http:\/\/maillage\.test\/statistiques\/partage\/([A-Za-z0-9_-]+)/.exec(created.body)?.[1];
    expect(token).toBeDefined();
    const [link] = await t.database.db.select().from(shareLinks).where(eq(shareLinks.territoryId, territory.id));
    expect(link).toMatchObject({ tokenHash: hashToken(token!), label: "Conseil de mars", filters: { du: "2027-01-01", au: "2027-03-31" }, revokedAt: null });
    expect(JSON.stringify(link)).not.toContain(token);

    // The Médiathèque (9 people) is taken off the public finder: the public page must not name it either.
    await t.database.db.update(places).set({ published: false }).where(eq(places.id, p2));
    const visitor = new TestClient(t.app);
    const shared = await visitor.get(`/statistiques/partage/${token}`);
    await t.database.db.update(places).set({ published: true }).where(eq(places.id, p2));
    expect(shared.statusCode).toBe(200);
    expect(shared.headers["x-robots-tag"]).toBe("noindex, nofollow");
    expect(shared.body).toContain("Communauté Statistique");
    expect(shared.body).toContain("Du 01/01/2027 au 31/03/2027");
    expect(shared.body).toMatch(/<p class="govuk-heading-l govuk-!-margin-bottom-1">11<\/p>/);
    for (const secret of ["Nom-Secret", "Jeanne", "Alex Médiateur", "Dominique Médiatrice"]) expect(shared.body).not.toContain(secret);
    // Statistical secrecy: no commune of residence or place with fewer than 5 people is named, and no unpublished place.
    const communeNames = (await t.database.db.select({ name: communes.name }).from(communes).where(eq(communes.territoryId, territory.id))).map((r) => r.name);
    for (const name of [...communeNames, "Maison France Services", "Médiathèque"]) expect({ name, shown: shared.body.includes(name) }).toEqual({ name, shown: false });
    expect(shared.body).toContain("Autres communes (moins de 5 personnes chacune)");
    expect(shared.body).toContain("Autres lieux (moins de 5 personnes chacun, ou non publiés)");
    // The staff page keeps exact figures and names.
    const staff = await coordinator.get(`/t/${code}/statistiques?${PERIOD}`);
    expect(staff.body).toContain("Maison France Services");
    expect(staff.body).toContain(communeNames.find((n) => staff.body.includes(n)) ?? "une commune nommée");

    expect((await (await as("otherCoordinator")).post(`/t/${other.code}/statistiques/partages/${link!.id}/revoquer`)).statusCode).toBe(404);
    expect((await visitor.get(`/statistiques/partage/${token}`)).statusCode).toBe(200);
    const revoked = await coordinator.post(`/t/${code}/statistiques/partages/${link!.id}/revoquer`);
    expect(revoked.statusCode).toBe(303);
    expect((await visitor.get(`/statistiques/partage/${token}`)).statusCode).toBe(404);
    const actions = (await t.database.db.select().from(auditEvents).where(eq(auditEvents.territoryId, territory.id))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["statistics.share.create", "statistics.share.revoke"]));
  });

  it("answers 404 for an unknown share token", async () => {
    const visitor = new TestClient(t.app);
    expect((await visitor.get("/statistiques/partage/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")).statusCode).toBe(404);
    expect((await visitor.get("/statistiques/partage/court")).statusCode).toBe(404);
  });
});
