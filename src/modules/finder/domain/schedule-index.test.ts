import { describe, expect, it } from "vitest";
import { buildScheduleIndex, placeSchedule, type PublicMotif } from "./schedule-index.js";

const motif = (over: Partial<PublicMotif & { territoryId: number }> = {}) => ({
  id: 1,
  territoryId: 7,
  name: "Aide aux démarches en ligne",
  service: "Aide aux démarches administratives",
  durationMinutes: 30,
  minNoticeMinutes: 30,
  horizonDays: 60,
  placeIds: [],
  ...over,
});
const weekly = (mediatorId: string, placeId: string) => ({ mediatorId, placeId, weekdays: [1, 2], startTime: "09:00", endTime: "12:00", validFrom: "2027-01-01", validUntil: null });
const exceptional = (mediatorId: string, placeId: string, date: string) => ({ mediatorId, placeId, date, startTime: "14:00", endTime: "16:00" });

const index = buildScheduleIndex("2027-03-01", {
  motifs: [motif(), motif({ id: 2, name: "Sécuriser ses comptes", service: "Utilisation sécurisée du numérique", placeIds: [11] }), motif({ id: 3, territoryId: 8 })],
  weekly: [weekly("1", "10"), weekly("2", "10"), weekly("3", "11")],
  exceptional: [exceptional("4", "12", "2027-03-20"), exceptional("2", "10", "2027-03-03")],
});
const place = (id: number, services: string[] = [], territoryId = 7) => ({ id, territoryId, services });

describe("what a published place offers to book", () => {
  it("lists the territory's motifs offered there and the mediators of its plages", () => {
    const schedule = placeSchedule(index, place(10), "2027-03-02", "2027-03-29")!;
    expect(schedule.motifs.map((m) => m.id)).toEqual([1]);
    expect(schedule.mediatorIds.sort()).toEqual(["1", "2"]);
    expect(schedule.weekly).toHaveLength(2);
    expect(schedule.exceptional.map((p) => p.date)).toEqual(["2027-03-03"]);
  });

  it("keeps a motif to its own places and to the places offering its service", () => {
    expect(placeSchedule(index, place(11), "2027-03-02", "2027-03-29")!.motifs.map((m) => m.id)).toEqual([1, 2]);
    expect(placeSchedule(index, place(11, ["Utilisation sécurisée du numérique"]), "2027-03-02", "2027-03-29")!.motifs.map((m) => m.id)).toEqual([2]);
    expect(placeSchedule(index, place(10, ["Loisirs et créations numériques"]), "2027-03-02", "2027-03-29")).toBeUndefined();
  });

  it("takes no appointment without a plage in the window, or without a public motif in its territory", () => {
    expect(placeSchedule(index, place(99), "2027-03-02", "2027-03-29")).toBeUndefined();
    expect(placeSchedule(index, place(12), "2027-03-02", "2027-03-08")).toBeUndefined();
    expect(placeSchedule(index, place(12), "2027-03-02", "2027-03-29")!.mediatorIds).toEqual(["4"]);
    expect(placeSchedule(index, place(10, [], 9), "2027-03-02", "2027-03-29")).toBeUndefined();
  });

  it("refuses a window starting before the schedules were read", () => {
    expect(() => placeSchedule(index, place(10), "2027-02-28", "2027-03-29")).toThrow(RangeError);
  });
});
