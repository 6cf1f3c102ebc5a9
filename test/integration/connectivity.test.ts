// Connectivity: the regulator's files imported through the shared importer and the web import job, the shares
// (Σ/Σ for groups and the territory), the target and projection, on both engines.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { communeGroupMembers, communeGroups, communes, connectivityFigures, schools } from "../../src/db/schema/index.js";
import { loadIndicators } from "../../src/modules/schools/indicators.queries.js";
import { upsertSchools } from "../../src/modules/schools/schools-import.commands.js";
import { importSchoolsFile } from "../../src/modules/schools/schools-import.js";
import { withTenant } from "../../src/db/tenant.js";
import { cliActor } from "../../src/modules/audit/audit.commands.js";
import { FILAIRE_EXCLUSIVE_2019, observatoryWorkbook, TECHNO_2026T1, TECHNO_HEADER } from "../../src/modules/connectivity/connectivity.fixtures.js";
import { importConnectivityFile } from "../../src/modules/connectivity/connectivity-import.js";
import { loadConnectivity } from "../../src/modules/connectivity/connectivity.queries.js";
import { formatImportError } from "../../src/modules/schools/import-export/csv.js";
import { createTestApp, makeUser, TestClient, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";
import { multipartBody, runJobs, territoryWithCommunes } from "../support/observatory.js";

describe.each(engines)("connectivity on %s", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t.close());

  const run = (territoryId: number, content: string | Buffer, skipInvalid = false) =>
    importConnectivityFile(t.database.db, { territoryId, bytes: Buffer.isBuffer(content) ? content : Buffer.from(content), skipInvalid, actor: cliActor(t.clock()) });

  it("imports the real rows, skips other communes and pools groups and the territory as Σ eligible / Σ premises", async () => {
    const territory = await territoryWithCommunes(t.database, [{ insee: "2A004" }, { insee: "40101" }]);
    const result = await run(territory.id, TECHNO_2026T1);
    expect(result).toMatchObject({ totalRows: 3, skipped: 1, imported: 2, created: 2, errors: [], found: ["2026-03-31"] });
    expect((await run(territory.id, TECHNO_2026T1)).created).toBe(0);
    // A group of both communes: pooled share, not the mean of 97.84 % and 99.18 %.
    const rows = await t.database.db.select({ id: communes.id }).from(communes).where(eq(communes.territoryId, territory.id));
    const [group] = await t.database.db.insert(communeGroups).values({ territoryId: territory.id, name: "Ancienne CC" }).returning({ id: communeGroups.id });
    await t.database.db.insert(communeGroupMembers).values(rows.map((r) => ({ territoryId: territory.id, groupId: group!.id, communeId: r.id })));
    const view = await withTenant(t.database.db, territory.id, (tx) => loadConnectivity(tx, { territoryId: territory.id }));
    const last = view.territory.ftth.at(-1)!;
    expect([last.numerator, last.denominator]).toEqual([45327 + 243, 46329 + 245]);
    expect(view.groups[0]!.ftth).toMatchObject({ numerator: 45570, denominator: 46574 });
    expect(view.communes.find((c) => c.commune.insee === "2A004")!.ftth).toMatchObject({ numerator: 45327, denominator: 46329 });
  });

  it("reads the older exclusive wired classes and the observatory workbook, each figure keeping its quarter", async () => {
    const territory = await territoryWithCommunes(t.database, [{ insee: "2A004" }, { insee: "40101" }]);
    expect(await run(territory.id, FILAIRE_EXCLUSIVE_2019)).toMatchObject({ imported: 2, errors: [] });
    const workbook = await observatoryWorkbook([{ code: "40101", estimate: 250, building: 5, quarters: { "T4 2024": 120, "T1 2025": 180, "T2 2025": 240 } }]);
    expect(await run(territory.id, workbook)).toMatchObject({ imported: 3, skipped: 0, found: ["2024-12-31", "2025-03-31", "2025-06-30"] });
    const stored = await t.database.db
      .select({ quarter: connectivityFigures.quarter, source: connectivityFigures.source, premises: connectivityFigures.premises, ftth: connectivityFigures.ftth, thd30: connectivityFigures.thd30 })
      .from(connectivityFigures)
      .where(and(eq(connectivityFigures.territoryId, territory.id), eq(connectivityFigures.communeInsee, "40101")))
      .orderBy(connectivityFigures.quarter);
    expect(stored).toEqual([
      { quarter: "2019-09-30", source: "mci_filaire", premises: 148, ftth: null, thd30: 138 },
      { quarter: "2024-12-31", source: "observatoire_ftth", premises: 245, ftth: 120, thd30: null },
      { quarter: "2025-03-31", source: "observatoire_ftth", premises: 245, ftth: 180, thd30: null },
      { quarter: "2025-06-30", source: "observatoire_ftth", premises: 245, ftth: 240, thd30: null },
    ]);
    const view = await withTenant(t.database.db, territory.id, (tx) => loadConnectivity(tx, { territoryId: territory.id }));
    const gaas = view.communes.find((c) => c.commune.insee === "40101")!;
    expect(gaas.series.ftth.map((p) => p.quarter)).toEqual(["2024-12-31", "2025-03-31", "2025-06-30"]);
    expect(gaas.projection?.willMiss).toBe(false);
  });

  it("imports nothing from a file with a malformed row unless asked to skip it", async () => {
    const territory = await territoryWithCommunes(t.database, [{ insee: "40101" }, { insee: "2A004" }]);
    const bad = [TECHNO_HEADER, "40101;Gaas;40;75;245;all;243;0;0;0;245;0;245;2026-03-31", "2A004;Ajaccio;2A;94;deux;all;1;0;0;0;0;0;0;2026-03-31"].join("\n");
    const refused = await run(territory.id, bad);
    expect(refused.imported).toBe(0);
    expect(refused.errors.map(formatImportError)).toEqual(["ligne 3 : nbr — « deux » n'est pas un nombre entier positif ou nul"]);
    expect(await run(territory.id, bad, true)).toMatchObject({ imported: 1 });
  });

  it("imports from the web with a report, shows the page with its chart and the communes that will miss the target", async () => {
    const territory = await territoryWithCommunes(t.database, [{ insee: "2A004", name: "Ajaccio" }, { insee: "97611", name: "Mamoudzou" }, { insee: "40101", name: "Gaas" }]);
    const userId = await makeUser(t.database, { email: `coord-connectivite-${engine}@exemple.fr`, territoryId: territory.id, roles: ["coordinator"] });
    const client = await new TestClient(t.app).signInAs(t, userId);
    const form = await client.get(`/t/${territory.code}/connectivite/import`);
    expect(form.statusCode).toBe(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const cookie = `maillage_session=${client.cookie("maillage_session")}; maillage_csrf=${client.cookie("maillage_csrf")}`;
    const body = multipartBody({ _csrf: token, lignes_invalides: "rien" }, { filename: "commune_techno.csv", content: TECHNO_2026T1 });
    const posted = await t.app.inject({ method: "POST", url: `/t/${territory.code}/connectivite/import`, payload: body.payload, headers: { cookie, "content-type": body.contentType } });
    expect(posted.statusCode).toBe(303);
    const url = posted.headers.location as string;
    expect((await client.get(url)).body).toContain("<progress");
    await runJobs(t, ["import.observatory"]);
    const done = await client.get(url);
    expect(done.body).toContain("3 chiffres importés depuis 3 lignes");
    expect(done.body).toContain("T1 2026");

    const target = await client.post(`/t/${territory.code}/connectivite/objectif`, { part: "100", date: "31/12/2028" });
    expect(target.statusCode).toBe(303);
    const wrong = await client.post(`/t/${territory.code}/connectivite/objectif`, { part: "120", date: "2028-02-30" });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain("Saisissez une part entre 1 et 100");
    expect(wrong.body).toContain('value="120"');

    const page = await client.get(`/t/${territory.code}/connectivite`);
    expect(page.statusCode).toBe(200);
    // Σ/Σ over the three communes: 46,834 / 64,622 = 72.47 %.
    expect(page.body).toContain("72,5\u00a0%");
    expect(page.body).toContain("<svg");
    expect(page.body).toContain("Communes qui n'atteindront pas l'objectif au rythme actuel");
    expect(page.body).toContain("Mamoudzou");
  });

  it("records schools' connections by import and by form, and counts the share of schools on fibre", async () => {
    const territory = await territoryWithCommunes(t.database, [{ insee: "40101" }]);
    await withTenant(t.database.db, territory.id, (tx) =>
      upsertSchools(tx, {
        territoryId: territory.id,
        rows: ["0750001U", "0301674G"].map((uai) => ({ uai, name: `École ${uai}`, kind: "primaire" as const, communeInsee: "40101", address: null, pupils: 50, latitude: null, longitude: null })),
      }),
    );
    const imported = await importSchoolsFile(t.database.db, { territoryId: territory.id, kind: "raccordements", text: "uai;raccordement;debit_mbps;date_mesure\n0750001U;fibre;300;01/02/2027\n0301674G;4G;25,5;", skipInvalid: false, actor: cliActor(t.clock()), today: "2027-03-02" });
    expect(imported).toMatchObject({ imported: 2, updated: 2, errors: [] });
    const rows = await t.database.db.select({ uai: schools.uai, fibre: schools.fibre, kind: schools.connectionKind, mbps: schools.connectionMbps, on: schools.connectionMeasuredOn }).from(schools).where(eq(schools.territoryId, territory.id)).orderBy(schools.uai);
    expect(rows).toEqual([
      { uai: "0301674G", fibre: false, kind: "radio", mbps: 25.5, on: null },
      { uai: "0750001U", fibre: true, kind: "fibre", mbps: 300, on: "2027-02-01" },
    ]);
    const indicators = await withTenant(t.database.db, territory.id, (tx) => loadIndicators(tx, { territoryId: territory.id, scope: { kind: "all" }, asOf: "2027-03-02" }));
    expect(indicators.territory.values.shareSchoolsWithFibre).toBe(0.5);

    const userId = await makeUser(t.database, { email: `coord-raccordement-${engine}@exemple.fr`, territoryId: territory.id, roles: ["coordinator"] });
    const client = await new TestClient(t.app).signInAs(t, userId);
    const [found] = await t.database.db.select({ id: schools.id }).from(schools).where(and(eq(schools.territoryId, territory.id), eq(schools.uai, "0301674G")));
    const id = found!.id;
    const wrong = await client.post(`/t/${territory.code}/ecoles/${id}/modifier`, { direction: "", adresse: "", eleves: "50", enseignants: "", raccordement: "fibre", debit: "rapide", date_mesure: "" });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain("Débit : « rapide » n'est pas un débit en Mbit/s");
    expect(wrong.body).toContain('value="rapide"');
    const saved = await client.post(`/t/${territory.code}/ecoles/${id}/modifier`, { direction: "", adresse: "", eleves: "50", enseignants: "", raccordement: "fibre", debit: "940", date_mesure: "02/03/2027" });
    expect(saved.statusCode).toBe(303);
    const page = await client.get(`/t/${territory.code}/ecoles/${id}`);
    expect(page.body).toContain("Fibre optique, 940\u00a0Mbit/s mesurés le 02/03/2027");
  });

  it("is not shown to a mediator, and only coordinators import", async () => {
    const territory = await territoryWithCommunes(t.database, [{ insee: "40101" }]);
    const elected = await makeUser(t.database, { email: `elu-connectivite-${engine}@exemple.fr`, territoryId: territory.id, roles: ["elected"] });
    const mediator = await makeUser(t.database, { email: `med-connectivite-${engine}@exemple.fr`, territoryId: territory.id, roles: ["mediator"] });
    const asElected = await new TestClient(t.app).signInAs(t, elected);
    expect((await asElected.get(`/t/${territory.code}/connectivite`)).statusCode).toBe(200);
    expect((await asElected.get(`/t/${territory.code}/connectivite/import`)).statusCode).toBe(403);
    const asMediator = await new TestClient(t.app).signInAs(t, mediator);
    expect((await asMediator.get(`/t/${territory.code}/connectivite`)).statusCode).toBe(404);
  });
});
