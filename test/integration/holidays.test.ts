// Public holidays close slots where the place is: Alsace-Moselle's two more (Vendredi saint, Saint-Étienne) in
// Bas-Rhin, Haut-Rhin and Moselle, not elsewhere; for the booking steps and for the finder's lists alike.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../src/db/tenant.js";
import { parisDateOf } from "../../src/lib/paris-time.js";
import { getMotif, nextFreeSlotsForPlace } from "../../src/modules/booking/booking.queries.js";
import { nextSlotsForPlaces } from "../../src/modules/finder/finder.slots.js";
import { createScheduleKeeper } from "../../src/modules/finder/schedule-index.js";
import { createTestApp, makeTerritory, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";
import { lieuRecord, makeMediator, makeMotif, makePlace, makePlage } from "../support/inclusion.js";

// Vendredi saint 2027: Friday 26 March (Easter is 28 March).
const GOOD_FRIDAY = "2027-03-26";

describe.each(engines)("regional public holidays on %s", (engine) => {
  let t: TestApp;
  let territoryId: number;
  const ids: Record<string, number> = {};
  const insee: Record<string, string> = {};
  let motifId: number;

  beforeAll(async () => {
    t = await createTestApp(engine, { now: new Date("2027-03-25T08:00:00Z") });
    territoryId = (await makeTerritory(t.database)).id;
    motifId = (await makeMotif(t.database, { territoryId })).id;
    const places = { metz: { commune: "Metz", code_postal: "57000", code_insee: "57463" }, niort: { commune: "Niort", code_postal: "79000", code_insee: "79191" } };
    for (const [key, fields] of Object.entries(places)) {
      ids[key] = (await makePlace(t.database, { territoryId, record: lieuRecord({ nom: key, ...fields }) })).id;
      insee[key] = fields.code_insee;
      const mediator = await makeMediator(t.database, { territoryId, placeIds: [ids[key]!] });
      await makePlage(t.database, { territoryId, mediatorId: mediator.id, placeId: ids[key]!, weekdays: [5] });
    }
  });
  afterAll(() => t.close());

  const days = (slots: { start: number }[]) => new Set(slots.map((s) => parisDateOf(s.start)));

  it("offers no slot on Vendredi saint in Moselle, and offers them in Niort", async () => {
    const motif = (await withTenant(t.database.db, territoryId, (tx) => getMotif(tx, { territoryId, motifId })))!;
    const booking = (placeId: number) =>
      withTenant(t.database.db, territoryId, (tx) => nextFreeSlotsForPlace(tx, { territoryId, placeId, motif, now: t.clock(), limit: 100, days: 7 }));
    expect(days(await booking(ids.metz!)).has(GOOD_FRIDAY)).toBe(false);
    expect(days(await booking(ids.niort!)).has(GOOD_FRIDAY)).toBe(true);
    const schedules = createScheduleKeeper(t.database, { checkEveryMs: 0, today: () => parisDateOf(t.clock().getTime()) });
    const places = ["metz", "niort"].map((key) => ({ id: ids[key]!, territoryId, codeInsee: insee[key]!, services: [] }));
    const lists = await nextSlotsForPlaces(t.database, { schedules }, { places, now: t.clock(), days: 7, limit: 100 });
    schedules.close();
    expect(days(lists.get(ids.metz!)![0]!.slots).has(GOOD_FRIDAY)).toBe(false);
    expect(days(lists.get(ids.niort!)![0]!.slots).has(GOOD_FRIDAY)).toBe(true);
  });
});
