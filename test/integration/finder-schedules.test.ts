// The public schedules held in memory (decision 0056): only what the public may know (public motifs, plages of
// active mediators at published places), read again when a plage, a motif, a mediator or a place changed, and
// when the clock goes back before the day they were read from; a place's slots follow, end to end.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exceptionalPlages, mediators, motifs, places } from "../../src/db/schema/index.js";
import { dataChanged } from "../../src/lib/data-changes.js";
import { createScheduleKeeper, type ScheduleKeeper } from "../../src/modules/finder/schedule-index.js";
import { createTestApp, makeTerritory, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";
import { lieuRecord, makeMediator, makeMotif, makePlace, makePlage } from "../support/inclusion.js";

describe.each(engines)("finder's schedules in memory on %s", (engine) => {
  let t: TestApp;
  let territoryId: number;
  let keeper: ScheduleKeeper;
  let today = "2027-03-02";
  let clock = 0;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp(engine, { now: new Date("2027-03-02T08:00:00Z") });
    territoryId = (await makeTerritory(t.database)).id;
    ids.open = (await makePlace(t.database, { territoryId, record: lieuRecord({ nom: "Espace ouvert" }) })).id;
    ids.hidden = (await makePlace(t.database, { territoryId, published: false, record: lieuRecord({ nom: "Lieu non publié" }) })).id;
    ids.mediator = (await makeMediator(t.database, { territoryId, placeIds: [ids.open, ids.hidden] })).id;
    await makePlage(t.database, { territoryId, mediatorId: ids.mediator, placeId: ids.open });
    await makePlage(t.database, { territoryId, mediatorId: ids.mediator, placeId: ids.hidden });
    ids.motif = (await makeMotif(t.database, { territoryId })).id;
    await makeMotif(t.database, { territoryId, name: "Réservé à l'équipe", bookableBy: "agents" });
    keeper = createScheduleKeeper(t.database, { checkEveryMs: 60_000, today: () => today, nowMs: () => clock });
  });
  afterAll(async () => {
    keeper.close();
    await t.close();
  });

  const placesWithPlages = async () => [...(await keeper.current()).weeklyByPlace.keys()].map(Number);
  const motifNames = async () => ((await keeper.current()).motifsByTerritory.get(territoryId) ?? []).map((m) => m.name);
  const slotsOnPage = async () => (await t.app.inject({ method: "GET", url: `/lieux/${ids.open}` })).body.match(/lieux\/\d+\/rendez-vous\?motif=/g)?.length ?? 0;

  it("holds public motifs and the plages of published places only", async () => {
    expect(await motifNames()).toEqual(["Aide aux démarches en ligne"]);
    expect(await placesWithPlages()).toEqual([ids.open]);
  });

  it("reads them again after a change signal when a mediator, a motif or a place changed", async () => {
    await t.database.db.update(mediators).set({ active: false }).where(eq(mediators.id, ids.mediator!));
    dataChanged();
    expect(await placesWithPlages()).toEqual([]);
    await t.database.db.update(mediators).set({ active: true }).where(eq(mediators.id, ids.mediator!));
    await t.database.db.update(motifs).set({ bookableBy: "agents" }).where(eq(motifs.id, ids.motif!));
    dataChanged();
    expect(await motifNames()).toEqual([]);
    await t.database.db.update(motifs).set({ bookableBy: "everyone" }).where(eq(motifs.id, ids.motif!));
    await t.database.db.update(places).set({ published: true }).where(eq(places.id, ids.hidden!));
    dataChanged();
    expect((await placesWithPlages()).sort((a, b) => a - b)).toEqual([ids.open!, ids.hidden!].sort((a, b) => a - b));
    await t.database.db.update(places).set({ published: false }).where(eq(places.id, ids.hidden!));
    dataChanged();
    expect(await placesWithPlages()).toEqual([ids.open]);
  });

  it("sees a change made without a signal once the last look is older than the interval", async () => {
    await t.database.db.insert(exceptionalPlages).values({ territoryId, mediatorId: ids.mediator!, placeId: ids.open!, day: "2027-03-06", startTime: "10:00", endTime: "12:00" });
    clock += 59_000;
    expect((await keeper.current()).exceptionalByPlace.size).toBe(0);
    clock += 2_000;
    expect((await keeper.current()).exceptionalByPlace.get(String(ids.open))?.map((p) => p.date)).toEqual(["2027-03-06"]);
  });

  it("reads from the day before today, and again when the clock goes back", async () => {
    const held = await keeper.current();
    expect(held.from).toBe("2027-03-01");
    today = "2027-03-05";
    expect(await keeper.current()).toBe(held);
    today = "2027-02-20";
    expect((await keeper.current()).from).toBe("2027-02-19");
  });

  it("shows a place's slots only while it takes appointments", async () => {
    // The app's keeper looks at the versions before every search in tests (FINDER_PLACES_CHECK_MS 0).
    expect(await slotsOnPage()).toBeGreaterThan(0);
    await t.database.db.update(mediators).set({ active: false }).where(eq(mediators.id, ids.mediator!));
    // The exceptional plage still opens slots on 6 March: remove it too.
    await t.database.db.delete(exceptionalPlages).where(eq(exceptionalPlages.mediatorId, ids.mediator!));
    expect(await slotsOnPage()).toBe(0);
    await t.database.db.update(mediators).set({ active: true }).where(eq(mediators.id, ids.mediator!));
    expect(await slotsOnPage()).toBeGreaterThan(0);
  });
});
