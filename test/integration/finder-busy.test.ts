// The busy times held in memory for result lists (decision 0056): read per territory again when its appointments or
// absences changed (versions bumped by triggers in the writing transaction), never for another territory's change
// or a change rolled back, seen after a change signal at once and without one once the last look is old; a list's
// next free slot follows a booking, end to end.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { absences, appointments } from "../../src/db/schema/index.js";
import { dataChanged } from "../../src/lib/data-changes.js";
import { createBusyKeeper, heldBusy, type BusyKeeper } from "../../src/modules/finder/busy-index.js";
import { createScheduleKeeper, type ScheduleKeeper } from "../../src/modules/finder/schedule-index.js";
import { createTestApp, makeTerritory, type TestApp } from "../support/app.js";
import { engines } from "../support/database.js";
import { lieuRecord, makeMediator, makeMotif, makePlace, makePlage } from "../support/inclusion.js";

// Tuesday 2 March 2027, 9:00 in Paris; the plages open Monday to Friday 9:00–12:00.
const NOW = new Date("2027-03-02T08:00:00Z");

describe.each(engines)("finder's busy times in memory on %s", (engine) => {
  let t: TestApp;
  let schedules: ScheduleKeeper;
  let keeper: BusyKeeper;
  let clock = 0;
  let today = "2027-03-02";
  const ids: Record<string, number> = {};
  const busyOf = async (territory: "a" | "b") => {
    const index = await keeper.current(await schedules.current());
    return heldBusy(index, ids[territory]!, String(ids[`${territory}Mediator`])).map((b) => new Date(b.start).toISOString());
  };
  const appointment = (territory: "a" | "b", startsAt: string) => ({
    territoryId: ids[territory]!,
    placeId: ids[`${territory}Place`]!,
    motifId: ids[`${territory}Motif`]!,
    mediatorId: ids[`${territory}Mediator`]!,
    startsAt: new Date(startsAt),
    endsAt: new Date(new Date(startsAt).getTime() + 30 * 60_000),
    firstName: "Camille",
    bookedBy: "agent" as const,
  });

  beforeAll(async () => {
    t = await createTestApp(engine, { now: NOW });
    for (const territory of ["a", "b"] as const) {
      ids[territory] = (await makeTerritory(t.database)).id;
      ids[`${territory}Place`] = (await makePlace(t.database, { territoryId: ids[territory]!, record: lieuRecord({ nom: `Espace ${territory}` }) })).id;
      ids[`${territory}Mediator`] = (await makeMediator(t.database, { territoryId: ids[territory]!, placeIds: [ids[`${territory}Place`]!] })).id;
      await makePlage(t.database, { territoryId: ids[territory]!, mediatorId: ids[`${territory}Mediator`]!, placeId: ids[`${territory}Place`]! });
      ids[`${territory}Motif`] = (await makeMotif(t.database, { territoryId: ids[territory]!, minNoticeMinutes: 0 })).id;
    }
    schedules = createScheduleKeeper(t.database, { checkEveryMs: 60_000, today: () => today, nowMs: () => clock });
    keeper = createBusyKeeper(t.database, { checkEveryMs: 60_000, today: () => today, days: 28, nowMs: () => clock });
  });
  afterAll(async () => {
    keeper.close();
    schedules.close();
    await t.close();
  });

  it("holds the appointments and absences of the window, not cancelled ones nor those after it", async () => {
    await t.database.db.insert(appointments).values([
      appointment("a", "2027-03-03T08:00:00Z"),
      { ...appointment("a", "2027-03-03T09:00:00Z"), status: "annule_personne" as const },
      appointment("a", "2027-05-03T08:00:00Z"),
    ]);
    await t.database.db.insert(absences).values({ territoryId: ids.a!, mediatorId: ids.aMediator!, startsAt: new Date("2027-03-04T08:00:00Z"), endsAt: new Date("2027-03-04T11:00:00Z"), reason: "Formation" });
    dataChanged();
    expect((await busyOf("a")).sort()).toEqual(["2027-03-03T08:00:00.000Z", "2027-03-04T08:00:00.000Z"]);
  });

  it("reads again only the territory whose busy times changed", async () => {
    const before = await keeper.current(await schedules.current());
    await t.database.db.insert(appointments).values(appointment("b", "2027-03-05T08:00:00Z"));
    dataChanged();
    const after = await keeper.current(await schedules.current());
    expect(after.byTerritory.get(ids.a!)).toBe(before.byTerritory.get(ids.a!));
    expect(await busyOf("b")).toEqual(["2027-03-05T08:00:00.000Z"]);
  });

  it("sees a change made without a signal once the last look is older than the interval, and ignores one rolled back", async () => {
    await t.database.db.update(appointments).set({ status: "annule_service" }).where(eq(appointments.mediatorId, ids.bMediator!));
    clock += 59_000;
    expect(await busyOf("b")).toEqual(["2027-03-05T08:00:00.000Z"]);
    clock += 2_000;
    expect(await busyOf("b")).toEqual([]);
    const held = await keeper.current(await schedules.current());
    await expect(
      t.database.db.transaction(async (tx) => {
        await tx.insert(appointments).values(appointment("a", "2027-03-08T08:00:00Z"));
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    dataChanged();
    expect((await keeper.current(await schedules.current())).byTerritory).toBe(held.byTerritory);
  });

  it("reads everything again when the day changes", async () => {
    const held = await keeper.current(await schedules.current());
    today = "2027-03-03";
    const next = await keeper.current(await schedules.current());
    expect(next).not.toBe(held);
    expect(next.from).toBe("2027-03-03");
    expect(next.to).toBe("2027-03-30");
  });

  it("moves a list's next free slot when the slot is booked", async () => {
    const card = async () => {
      const body = (await t.app.inject({ method: "GET", url: "/lieux?ou=Parthenay+79200&tri=distance" })).body;
      return body.match(new RegExp(`lieux/${ids.aPlace}/rendez-vous\\?motif=\\d+&(?:amp;)?debut=([^"&]+)`))?.[1];
    };
    const first = await card();
    expect(first).toBeDefined();
    const start = decodeURIComponent(first!);
    await t.database.db.insert(appointments).values({ ...appointment("a", start), placeId: ids.aPlace! });
    // The app's keepers look at the versions before every search in tests (FINDER_PLACES_CHECK_MS 0), signal or not.
    const second = await card();
    expect(second).toBeDefined();
    expect(decodeURIComponent(second!)).not.toBe(start);
  });
});
