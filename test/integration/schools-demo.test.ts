// Demo schools of the demo territory: labelled, idempotent, with gaps that differ between former intercommunalities.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { activities, communeIndicators, connectivityFigures, equipmentHistory, equipmentItems, schoolReferents, schoolSettings, schools, territories, trainingRegistrations, trainingSessions, users } from "../../src/db/schema/index.js";
import { loadConnectivity } from "../../src/modules/connectivity/connectivity.queries.js";
import { DEMO_SCENARIOS } from "../../src/modules/demo/demo-observatory.js";
import { loadIndex } from "../../src/modules/observatory/index.queries.js";
import { listScenarios } from "../../src/modules/observatory/planner.queries.js";
import { withTenant } from "../../src/db/tenant.js";
import { seedDemo } from "../../src/modules/demo/demo.seed.js";
import { parseFinderQuery } from "../../src/modules/finder/domain/finder-query.js";
import { createPlaceIndexKeeper } from "../../src/modules/finder/place-index.js";
import { createScheduleKeeper } from "../../src/modules/finder/schedule-index.js";
import { runSearch } from "../../src/modules/finder/finder.search.js";
import { findEpci } from "../../src/modules/territories/geography.js";
import { isValidUai } from "../../src/modules/schools/domain/uai.js";
import { loadHarmonisation } from "../../src/modules/schools/harmonisation.queries.js";
import { createTestDatabase, engines } from "../support/database.js";

describe.each(engines)("demo schools on %s", (engine) => {
  let database: Database;
  let territoryId: number;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    territoryId = (await seedDemo(database.db, new Date("2027-03-02T09:00:00Z"))).territoryId;
  }, 120_000);
  afterAll(() => database.close());

  const count = async (table: typeof schools | typeof equipmentItems | typeof equipmentHistory | typeof connectivityFigures | typeof communeIndicators) =>
    (await database.db.select({ n: sql<number>`count(*)::int` }).from(table).where(eq(table.territoryId, territoryId)))[0]!.n;

  it("looks like a year of use: records over twelve months with workshops, training sessions with attendance, plan prices", async () => {
    const [span] = await database.db
      .select({ first: sql<string>`min(day)::text`, last: sql<string>`max(day)::text`, n: sql<number>`count(*)::int`, workshops: sql<number>`count(*) filter (where kind = 'collectif')::int`, months: sql<number>`count(distinct to_char(day, 'YYYY-MM'))::int`, notDemo: sql<number>`count(*) filter (where not demo)::int` })
      .from(activities)
      .where(eq(activities.territoryId, territoryId));
    expect(span!.first <= "2026-03-05").toBe(true);
    expect(span!.last < "2027-03-02").toBe(true);
    expect(span!.months).toBeGreaterThanOrEqual(12);
    expect(span!.n).toBeGreaterThan(1000);
    expect(span!.workshops).toBeGreaterThan(15);
    expect(span!.notDemo).toBe(0);
    const sessions = await database.db.select({ id: trainingSessions.id, startsAt: trainingSessions.startsAt, title: trainingSessions.title }).from(trainingSessions).where(eq(trainingSessions.territoryId, territoryId));
    expect(sessions.filter((s) => s.startsAt < new Date("2027-03-02T09:00:00Z")).length).toBeGreaterThanOrEqual(4);
    expect(sessions.filter((s) => s.startsAt > new Date("2027-03-02T09:00:00Z")).length).toBeGreaterThanOrEqual(1);
    expect(sessions.every((s) => s.title.endsWith("(démo)"))).toBe(true);
    const attended = await database.db.select({ n: sql<number>`count(*) filter (where attended)::int` }).from(trainingRegistrations).where(eq(trainingRegistrations.territoryId, territoryId));
    expect(attended[0]!.n).toBeGreaterThan(20);
    const [settings] = await database.db.select().from(schoolSettings).where(eq(schoolSettings.territoryId, territoryId));
    expect(Object.keys(settings!.unitPrices)).toHaveLength(12);
    expect(settings!.cofunding[0]!.programme).toMatch(/démonstration/);
  });

  it("creates fictitious schools with valid UAIs, all labelled as demonstration data", async () => {
    const rows = await database.db.select({ uai: schools.uai, name: schools.name, demo: schools.demo, communeInsee: schools.communeInsee }).from(schools).where(eq(schools.territoryId, territoryId));
    expect(rows).toHaveLength(8);
    for (const row of rows) {
      expect(isValidUai(row.uai)).toBe(true);
      expect(row.name).toMatch(/\(démo\)$/);
      expect(row.demo).toBe(true);
    }
    expect(new Set(rows.map((r) => r.communeInsee)).size).toBe(8);
    const items = await database.db.select({ demo: equipmentItems.demo }).from(equipmentItems).where(eq(equipmentItems.territoryId, territoryId));
    expect(items.length).toBeGreaterThan(100);
    expect(items.every((i) => i.demo)).toBe(true);
  });

  it("imports the demo connectivity quarters and census files through the real importers, labelled as demonstration", async () => {
    const territory = (await database.db.select({ code: territories.code }).from(territories).where(eq(territories.id, territoryId)))[0]!;
    const view = await withTenant(database.db, territoryId, (tx) => loadConnectivity(tx, { territoryId }));
    expect(view.communes).toHaveLength(38);
    expect(view.communes.every((c) => c.series.ftth.length === 8 && c.series.thd30.length === 1)).toBe(true);
    const last = view.territory.ftth.at(-1)!;
    expect(last.communes).toBe(38);
    expect(last.numerator).toBe(view.communes.reduce((s, c) => s + c.ftth!.numerator, 0));
    const index = (await withTenant(database.db, territoryId, (tx) => loadIndex(tx, { territoryId, territoryCode: territory.code, versionId: null })))!;
    expect(index.version.name).toBe("Démo — couverture filaire renforcée");
    // Poverty is secret below 2,000 inhabitants: those communes take the intercommunality's rate.
    const small = index.communes.filter((c) => (c.commune.population ?? 0) < 2000);
    expect(small.length).toBeGreaterThan(30);
    expect(small.every((c) => c.fallbacks.includes("taux_pauvrete") && c.values.taux_pauvrete === 0.124)).toBe(true);
    expect(index.communes.every((c) => c.score.missing.length === 0)).toBe(true);
    const vintages = await database.db.selectDistinct({ vintage: communeIndicators.vintage }).from(communeIndicators).where(eq(communeIndicators.territoryId, territoryId));
    expect(vintages.every((v) => v.vintage.endsWith("(valeurs de démonstration)"))).toBe(true);
    const scenarios = await withTenant(database.db, territoryId, (tx) => listScenarios(tx, { territoryId }));
    expect(scenarios.map((s) => s.name)).toEqual(DEMO_SCENARIOS.map((s) => s.name).sort((a, b) => a.localeCompare(b)));
  });

  it("changes nothing when seeded again", async () => {
    const before = [await count(schools), await count(equipmentItems), await count(equipmentHistory), await count(connectivityFigures), await count(communeIndicators)];
    await seedDemo(database.db, new Date("2027-03-05T09:00:00Z"));
    expect([await count(schools), await count(equipmentItems), await count(equipmentHistory), await count(connectivityFigures), await count(communeIndicators)]).toEqual(before);
  }, 120_000);

  it("gives each former intercommunality its own gaps, and the demo school referent a school", async () => {
    const h = await withTenant(database.db, territoryId, (tx) => loadHarmonisation(tx, { territoryId, scope: { kind: "all" } }));
    expect(h.byGroup.map((g) => g.schools)).toEqual([2, 2, 2, 2]);
    const rates = h.byGroup.map((g) => g.compliance);
    expect(new Set(rates.map((r) => r.toFixed(3))).size).toBe(4);
    const gap = (group: string, code: string) => h.byGroup.find((g) => g.label.includes(group))!.elements.find((e) => e.element === code)!.manque;
    expect(gap("Ménigoutais", "mobiles")).toBeGreaterThan(gap("Parthenay", "mobiles")); // no shared mobile devices
    expect(gap("Thénezéen", "affichage")).toBeGreaterThan(gap("Parthenay", "affichage")); // displays missing
    expect(gap("Sud-Gâtine", "poste_enseignant")).toBeGreaterThan(gap("Parthenay", "poste_enseignant")); // teacher laptops missing
    const [referent] = await database.db
      .select({ schoolId: schoolReferents.schoolId })
      .from(schoolReferents)
      .innerJoin(users, eq(users.id, schoolReferents.userId))
      .where(eq(users.email, "ecole@demo.maillage.invalid"));
    expect(referent).toBeDefined();
  });

  it("lists places by distance from the centre of every commune of the demo territory", async () => {
    const places = createPlaceIndexKeeper(database, { checkEveryMs: 0 });
    const schedules = createScheduleKeeper(database, { checkEveryMs: 0, today: () => "2027-03-02" });
    for (const commune of findEpci("200041333")!.communes) {
      const outcome = await runSearch(database, { places, schedules }, parseFinderQuery({ ou: `${commune.name} ${commune.postcodes[0]}` }), new Date("2027-03-02T09:00:00Z"));
      expect(outcome.kind, commune.name).toBe("results");
      if (outcome.kind !== "results") continue;
      expect(outcome.results.positionBasis, commune.name).toBe("centre");
      expect(outcome.results.cards.length, commune.name).toBeGreaterThan(0);
      expect(outcome.results.cards.every((card) => /^À \d/.test(card.where ?? "")), commune.name).toBe(true);
    }
    places.close();
    schedules.close();
  });
});
