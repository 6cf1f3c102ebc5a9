// Demo schools of the demo territory: labelled, idempotent, with gaps that differ between former intercommunalities.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { equipmentHistory, equipmentItems, schoolReferents, schools, users } from "../../src/db/schema/index.js";
import { withTenant } from "../../src/db/tenant.js";
import { seedDemo } from "../../src/modules/demo/demo.seed.js";
import { parseFinderQuery } from "../../src/modules/finder/domain/finder-query.js";
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

  const count = async (table: typeof schools | typeof equipmentItems | typeof equipmentHistory) =>
    (await database.db.select({ n: sql<number>`count(*)::int` }).from(table).where(eq(table.territoryId, territoryId)))[0]!.n;

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

  it("changes nothing when seeded again", async () => {
    const before = [await count(schools), await count(equipmentItems), await count(equipmentHistory)];
    await seedDemo(database.db, new Date("2027-03-05T09:00:00Z"));
    expect([await count(schools), await count(equipmentItems), await count(equipmentHistory)]).toEqual(before);
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
    for (const commune of findEpci("200041333")!.communes) {
      const outcome = await runSearch(database, parseFinderQuery({ ou: `${commune.name} ${commune.postcodes[0]}` }), new Date("2027-03-02T09:00:00Z"));
      expect(outcome.kind, commune.name).toBe("results");
      if (outcome.kind !== "results") continue;
      expect(outcome.results.positionBasis, commune.name).toBe("centre");
      expect(outcome.results.cards.length, commune.name).toBeGreaterThan(0);
      expect(outcome.results.cards.every((card) => /^À \d/.test(card.where ?? "")), commune.name).toBe(true);
    }
  });
});
