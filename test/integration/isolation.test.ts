// The isolation matrix: for every territory route and every role, another territory's data can be neither
// read nor written; and row-level security hides foreign rows even from a query that forgets its filter.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/client.js";
import { absences, allocationScenarios, appointments, communeIndicators, communes, connectivityFigures, equipmentItems, exceptionalPlages, imports, incidents, indexVersions, planScenarios, schools, territoryRoles, trainingSessions, type TerritoryRole } from "../../src/db/schema/index.js";
import { DEFAULT_PARAMS } from "../../src/modules/observatory/domain/planner.js";
import { withPublic, withTenant } from "../../src/db/tenant.js";
import { saveCommuneGroup } from "../../src/modules/territories/territories.commands.js";
import { joinNetwork } from "../../src/modules/network/network.commands.js";
import { createSheet } from "../../src/modules/network/sheets.commands.js";
import { validateSheet } from "../../src/modules/network/domain/sheet-input.js";
import { createTestApp, makeTerritory, makeUser, TestClient, testActor, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";
import { lieuRecord, makeMediator, makeMotif, makePlace, makePlage } from "../support/inclusion.js";

const FOREIGN_NAME = "Territoire-Etranger-Secret";

/** Tables whose policy shares some rows on purpose with every territory, with the condition those rows meet. */
// benchmark_figures: a row exists only because its territory shares that figure with the other territories.
const sharedOnPurpose: Record<string, string> = {
  places: "published",
  benchmark_figures: "true",
  // The network (both test territories are members): what a territory shares with the other members.
  experience_sheets: "visibility <> 'brouillon'",
  sheet_questions: "true",
  sheet_marks: "true",
  motion_contributions: "true",
  motion_amendments: "state <> 'brouillon'",
  motion_votes: "true",
  consultation_answers: "true",
};
/**
 * Tables with a territory_id that belong to the instance: with policies of their own (migration 0022), or out of
 * the web role's reach (the finder's busy-time counters, read through a function: migration 0027, tested below).
 */
const instanceLevel = new Set(["network_members", "working_group_members", "finder_busy_versions"]);
/** What the public context (anonymous pages) may read: published places, communes with a centre for the finder's distances. */
const sharedWithPublic: Record<string, string> = { places: "published", communes: "centroid_lat is not null", experience_sheets: "visibility = 'public'" };

/** Row counts per territory-owned table for one territory (to prove nothing foreign was written). */
async function snapshot(t: TestApp, tables: string[], territoryId: number): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await queryRows<{ n: number }>(t.database.db, sql.raw(`select count(*)::int as n from ${table} where territory_id = ${territoryId}`));
    out[table] = row!.n;
  }
  return out;
}

describe.each(engines)("tenant isolation on %s", (engine) => {
  let t: TestApp;
  let home: Awaited<ReturnType<typeof makeTerritory>>;
  let foreign: Awaited<ReturnType<typeof makeTerritory>>;
  let tenantTables: string[];
  const params: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(engine);
    home = await makeTerritory(t.database, { name: "Territoire-Maison" });
    foreign = await makeTerritory(t.database, { name: FOREIGN_NAME });
    const foreignUser = await makeUser(t.database, { email: "membre@etranger.fr", territoryId: foreign.id, roles: ["admin"] });
    const foreignCommunes = await t.database.db.select({ id: communes.id }).from(communes).where(sql`${communes.territoryId} = ${foreign.id}`);
    // Communes with a centre are shared with the public (the finder), never with another territory.
    await t.database.db.update(communes).set({ centroidLat: 46.6, centroidLon: -0.25, contourSource: "Source-Etrangere" }).where(sql`${communes.territoryId} = ${foreign.id}`);
    const groupId = await withTenant(t.database.db, foreign.id, (tx) =>
      saveCommuneGroup(tx, { territoryId: foreign.id, name: "Groupe-Etranger-Secret", communeIds: foreignCommunes.map((c) => c.id), actor: testActor }),
    );
    params.code = foreign.code;
    params.userId = String(foreignUser);
    params.groupId = String(groupId);
    params.id = "1";
    const foreignPlace = await makePlace(t.database, { territoryId: foreign.id, published: false, record: lieuRecord({ nom: "Lieu-Etranger-Secret" }) });
    const foreignMotif = await makeMotif(t.database, { territoryId: foreign.id });
    const foreignMediator = await makeMediator(t.database, { territoryId: foreign.id, placeIds: [foreignPlace.id], name: "Mediateur-Etranger-Secret" });
    const [foreignAppointment] = await t.database.db
      .insert(appointments)
      .values({ territoryId: foreign.id, placeId: foreignPlace.id, motifId: foreignMotif.id, mediatorId: foreignMediator.id, startsAt: new Date("2027-03-01T08:00:00Z"), endsAt: new Date("2027-03-01T08:30:00Z"), firstName: "Personne-Etrangere-Secrete", bookedBy: "agent" })
      .returning({ id: appointments.id });
    params.appointmentId = foreignAppointment!.id;
    params.placeId = String(foreignPlace.id);
    params.motifId = String(foreignMotif.id);
    params.mediatorId = String(foreignMediator.id);
    const mediatorRow = { territoryId: foreign.id, mediatorId: foreignMediator.id };
    params.plageId = String((await makePlage(t.database, { ...mediatorRow, placeId: foreignPlace.id })).id);
    const [opening] = await t.database.db.insert(exceptionalPlages).values({ ...mediatorRow, placeId: foreignPlace.id, day: "2027-03-20", startTime: "09:00", endTime: "12:00" }).returning();
    params.openingId = String(opening!.id);
    const [absence] = await t.database.db.insert(absences).values({ ...mediatorRow, startsAt: new Date("2027-03-10T08:00:00Z"), endsAt: new Date("2027-03-11T08:00:00Z") }).returning();
    params.absenceId = String(absence!.id);
    const [foreignImport] = await t.database.db.insert(imports).values({ territoryId: foreign.id, kind: "lieux", filename: "Import-Etranger-Secret.csv" }).returning({ id: imports.id });
    params.importId = String(foreignImport!.id);
    const [foreignSchool] = await t.database.db.insert(schools).values({ territoryId: foreign.id, uai: "0799911U", name: "Ecole-Etrangere-Secrete", communeInsee: "99000" }).returning({ id: schools.id });
    params.schoolId = String(foreignSchool!.id);
    const [foreignItem] = await t.database.db.insert(equipmentItems).values({ territoryId: foreign.id, schoolId: foreignSchool!.id, category: "tablette", inventoryNumber: "Inventaire-Etranger-Secret" }).returning({ id: equipmentItems.id });
    params.itemId = String(foreignItem!.id);
    const [foreignIncident] = await t.database.db.insert(incidents).values({ territoryId: foreign.id, schoolId: foreignSchool!.id, itemId: foreignItem!.id, description: "Incident-Etranger-Secret" }).returning({ id: incidents.id });
    params.incidentId = String(foreignIncident!.id);
    const [foreignScenario] = await t.database.db.insert(planScenarios).values({ territoryId: foreign.id, name: "Scenario-Etranger-Secret", startYear: 2027, years: 3 }).returning({ id: planScenarios.id });
    params.scenarioId = String(foreignScenario!.id);
    const [foreignSession] = await t.database.db.insert(trainingSessions).values({ territoryId: foreign.id, title: "Formation-Etrangere-Secrete", startsAt: new Date("2027-03-16T08:00:00Z"), endsAt: new Date("2027-03-16T11:00:00Z") }).returning({ id: trainingSessions.id });
    params.sessionId = String(foreignSession!.id);
    const foreignCommune = await t.database.db.select({ insee: communes.insee }).from(communes).where(sql`${communes.territoryId} = ${foreign.id}`).limit(1);
    params.insee = foreignCommune[0]!.insee;
    await t.database.db.insert(connectivityFigures).values({ territoryId: foreign.id, communeInsee: params.insee, quarter: "2026-03-31", source: "mci_techno", premises: 10, ftth: 5 });
    await t.database.db.insert(communeIndicators).values({ territoryId: foreign.id, code: params.insee, indicator: "part_65_plus", value: 0.3, source: "Source-Etrangere-Secrete", vintage: "2022" });
    const [foreignVersion] = await t.database.db.insert(indexVersions).values({ territoryId: foreign.id, name: "Version-Etrangere-Secrete", weights: { part_65_plus: 1 } }).returning({ id: indexVersions.id });
    params.versionId = String(foreignVersion!.id);
    const [foreignPlan] = await t.database.db.insert(allocationScenarios).values({ territoryId: foreign.id, name: "Repartition-Etrangere-Secrete", params: DEFAULT_PARAMS }).returning({ id: allocationScenarios.id });
    params.planId = String(foreignPlan!.id);
    // Both territories are members of the network; the foreign one has a draft sheet, a shared and a public one.
    for (const territory of [home, foreign]) await t.database.db.transaction((tx) => joinNetwork(tx, { territory, actor: testActor }));
    for (const [title, visibility] of [["Fiche-Etrangere-Secrete", "brouillon"], ["Fiche partagée", "reseau"], ["Fiche publique", "public"]] as const) {
      const input = validateSheet({ titre: title, visibilite: visibility }, { themes: new Set(), currentYear: 2027 });
      if (!input.ok) throw new Error("invalid fixture");
      const id = await withTenant(t.database.db, foreign.id, (tx) => createSheet(tx, { territoryId: foreign.id, input: input.sheet, actor: testActor }));
      if (visibility === "brouillon") params.id = String(id);
    }
    params.amendmentId = "1";
    params.attachmentId = "1";
    tenantTables = (
      await queryRows<{ table_name: string }>(
        t.database.db,
        sql`select table_name from information_schema.columns where table_schema = 'public' and column_name = 'territory_id' order by table_name`,
      )
    ).map((r) => r.table_name).filter((table) => !instanceLevel.has(table));
  });
  afterAll(() => t.close());

  it("enables row-level security with the tenant policy on every table that has a territory_id", async () => {
    expect(tenantTables.length).toBeGreaterThanOrEqual(5);
    const rows = await queryRows<{ relname: string; relrowsecurity: boolean; policies: number }>(
      t.database.db,
      sql`select c.relname, c.relrowsecurity, (select count(*)::int from pg_policies p where p.tablename = c.relname and p.policyname = 'tenant_isolation') as policies
          from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r'`,
    );
    for (const table of tenantTables) {
      const row = rows.find((r) => r.relname === table);
      expect({ table, rls: row?.relrowsecurity, policies: row?.policies }).toEqual({ table, rls: true, policies: 1 });
    }
  });

  it("hides every foreign row from a query that forgets its territory filter", async () => {
    let foreignRowsSeenBySystem = 0;
    for (const table of tenantTables) {
      const [all] = await queryRows<{ n: number }>(t.database.db, sql.raw(`select count(*)::int as n from ${table} where territory_id = ${foreign.id}`));
      foreignRowsSeenBySystem += all!.n;
      const shared = sharedOnPurpose[table];
      const seen = await withTenant(t.database.db, home.id, (tx) =>
        queryRows<{ territory_id: number; shared: boolean }>(tx, sql.raw(`select territory_id, ${shared ?? "false"} as shared from ${table}`)),
      );
      const leaked = seen.filter((r) => r.territory_id !== home.id && !r.shared);
      expect({ table, foreign: leaked.length }).toEqual({ table, foreign: 0 });
    }
    expect(foreignRowsSeenBySystem).toBeGreaterThan(0);
  });

  it("shows the public (anonymous pages, the API) only what is shared on purpose, and lets it write nothing", async () => {
    // On a server, public reads use their own connections (maillage_app, no territory, no transaction).
    expect(Boolean(t.database.publicDb)).toBe(engine === "postgres");
    for (const table of tenantTables) {
      const shared = sharedWithPublic[table];
      const seen = await withPublic(t.database, (db) => queryRows<{ shared: boolean }>(db, sql.raw(`select ${shared ?? "false"} as shared from ${table}`)));
      expect({ table, unshared: seen.filter((r) => !r.shared).length }).toEqual({ table, unshared: 0 });
    }
    const positions = await withPublic(t.database, (db) => queryRows<{ territory_id: number }>(db, sql`select territory_id from communes`));
    expect(positions.map((r) => r.territory_id)).toEqual([foreign.id, foreign.id, foreign.id]);
    await expect(withPublic(t.database, (db) => db.insert(communes).values({ territoryId: home.id, insee: "00001", name: "Intruse", departement: "99" }))).rejects.toThrow();
    const [who] = await withPublic(t.database, (db) => queryRows<{ role: string }>(db, sql`select current_user as role`));
    expect(who!.role).toBe("maillage_app");
  });

    it("refuses to write a row for another territory, and to change one", async () => {
    await expect(
      withTenant(t.database.db, home.id, (tx) => tx.insert(communes).values({ territoryId: foreign.id, insee: "00000", name: "Intruse", departement: "99" })),
    ).rejects.toThrow();
    const updated = await withTenant(t.database.db, home.id, (tx) =>
      tx.update(communes).set({ name: "Piratée" }).where(sql`${communes.territoryId} = ${foreign.id}`).returning({ id: communes.id }),
    );
    expect(updated).toHaveLength(0);
  });

  it.each(territoryRoles)("never serves or changes another territory's data to a %s", async (role: TerritoryRole) => {
    const userId = await makeUser(t.database, { email: `${role}-${engine}@maison.fr`, territoryId: home.id, roles: [role] });
    const client = await new TestClient(t.app).signInAs(t, userId);
    await client.get(`/t/${home.code}`);
    const before = await snapshot(t, tenantTables, foreign.id);
    const territoryRoutes = t.app.routeTable.filter((r) => r.url.startsWith("/t/:code"));
    expect(territoryRoutes.length).toBeGreaterThan(5);
    for (const route of territoryRoutes) {
      const url = route.url.replace(/:([A-Za-z]+)/g, (_, name: string) => {
        if (!(name in params)) throw new Error(`The isolation matrix has no foreign value for :${name} (${route.url}); add one`);
        return params[name]!;
      });
      const response =
        route.method === "GET"
          ? await client.get(url)
          : await client.post(url, { name: "x", email: "x@exemple.fr", roles: "admin", communeIds: "1", action: "retirer" });
      expect({ route: `${route.method} ${route.url}`, status: response.statusCode }).toSatisfy(
        (r: { status: number }) => r.status === 404 || r.status === 403,
      );
      expect(response.body).not.toContain(FOREIGN_NAME);
      for (const secret of ["Groupe-Etranger-Secret", "Lieu-Etranger-Secret", "Mediateur-Etranger-Secret", "Personne-Etrangere-Secrete", "Ecole-Etrangere-Secrete", "Inventaire-Etranger-Secret", "Incident-Etranger-Secret", "Scenario-Etranger-Secret", "Formation-Etrangere-Secrete", "Fiche-Etrangere-Secrete"]) {
        expect(response.body).not.toContain(secret);
      }
    }
    expect(await snapshot(t, tenantTables, foreign.id)).toEqual(before);
  });
  // Last: it adds a published place and plages to the foreign territory.
  it("lets the public know the schedules of published places and when their mediators are busy, nothing more, and leaves no territory set", async () => {
    const foreignId = foreign.id;
    const open = await makePlace(t.database, { territoryId: foreignId, record: lieuRecord({ nom: "Lieu-Public" }) });
    const shown = await makeMediator(t.database, { territoryId: foreignId, placeIds: [open.id], name: "Mediateur-Public" });
    const shownPlage = await makePlage(t.database, { territoryId: foreignId, mediatorId: shown.id, placeId: open.id });
    // The foreign mediator of the setup works at an unpublished place, where it now has a plage too.
    const hidden = Number(params.mediatorId);
    await makePlage(t.database, { territoryId: foreignId, mediatorId: hidden, placeId: Number(params.placeId) });
    await makeMotif(t.database, { territoryId: foreignId, name: "Motif-Agents-Seulement", bookableBy: "agents" });
    await t.database.db.insert(appointments).values({ territoryId: foreignId, placeId: open.id, motifId: Number(params.motifId), mediatorId: shown.id, startsAt: new Date("2027-03-02T08:00:00Z"), endsAt: new Date("2027-03-02T08:30:00Z"), firstName: "Personne-Publique", bookedBy: "agent" });
    const read = await withPublic(t.database, async (db) => {
      const [schedules] = await queryRows<{ motifs: string; plages: string; exceptional: string }>(db, sql`select motifs::text, plages::text, exceptional::text from maillage_public_schedules('2027-01-01')`);
      const busy = await queryRows<{ mediator_id: number; start_ms: number }>(
        db,
        sql`select * from maillage_public_busy(${sql.param([shown.id, hidden])}::int[], '2027-02-28T00:00:00Z', '2027-03-05T00:00:00Z', '2027-02-27T00:00:00Z', '{a_venir}'::text[])`,
      );
      const [after] = await queryRows<{ setting: string | null }>(db, sql`select current_setting('app.territory_id', true) as setting`);
      return { schedules: schedules!, busy, setting: after!.setting ?? "" };
    });
    const motifs = JSON.parse(read.schedules.motifs) as [number, number, string][];
    expect(motifs.map((m) => m[2])).toContain("Aide aux démarches en ligne");
    expect(motifs.map((m) => m[2])).not.toContain("Motif-Agents-Seulement");
    const plages = JSON.parse(read.schedules.plages) as [number, number][];
    expect(plages).toEqual([[shown.id, open.id, [1, 2, 3, 4, 5], "09:00", "12:00", shownPlage.validFrom, null, 1]]);
    // The busy times of the mediator at the published place only; no name, no place, no person.
    expect(read.busy.map((b) => [b.mediator_id, Number(b.start_ms)])).toEqual([[shown.id, Date.parse("2027-03-02T08:00:00Z")]]);
    expect(read.setting).toBe("");
    // The busy-time counters: numbers per territory through their function, the table itself out of reach.
    const versions = await withPublic(t.database, (db) => queryRows<{ territory_id: number; version: string }>(db, sql`select territory_id, version::text as version from maillage_finder_busy_versions()`));
    expect(versions.map((v) => v.territory_id)).toContain(foreignId);
    await expect(withPublic(t.database, (db) => queryRows(db, sql`select * from finder_busy_versions`))).rejects.toThrow();
    await expect(withTenant(t.database.db, home.id, (tx) => queryRows(tx, sql`update finder_busy_versions set version = 0`))).rejects.toThrow();
    // The places' and schedules' counter is read by the web role, written by triggers only.
    await expect(withTenant(t.database.db, home.id, (tx) => queryRows(tx, sql`update finder_data_version set version = 0`))).rejects.toThrow();
  });
});
