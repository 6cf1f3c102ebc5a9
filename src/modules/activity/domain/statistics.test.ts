import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  appointmentStatuses,
  computeFigures,
  durationBandOf,
  groupFigures,
  monthlyFigures,
  monthsBetween,
  type ActivityFact,
  type AppointmentFact,
  type Figures,
  type Grouping,
} from "./statistics.js";
import { thematiques } from "./vocabulary.js";

const base: ActivityFact = {
  day: "2027-03-02",
  kind: "individuel",
  durationMinutes: 30,
  thematiques: ["E-mail"],
  sousThematiques: [],
  autonomie: null,
  communeInsee: null,
  firstVisit: null,
  placeId: 1,
  mediatorId: 1,
  participantsTotal: 0,
};
const activity = (change: Partial<ActivityFact>): ActivityFact => ({ ...base, ...change });
const appointment = (status: AppointmentFact["status"], change: Partial<AppointmentFact> = {}): AppointmentFact => ({
  day: "2027-03-02",
  status,
  placeId: 1,
  mediatorId: 1,
  communeInsee: null,
  ...change,
});
const countOf = (list: { key: string; count: number }[], key: string) => list.find((c) => c.key === key)?.count;

describe("durationBandOf", () => {
  it.each([
    [1, "30"],
    [29, "30"],
    [30, "60"],
    [59, "60"],
    [60, "120"],
    [119, "120"],
    [120, "more"],
    [600, "more"],
  ])("puts %i minutes in band %s", (minutes, band) => {
    expect(durationBandOf(minutes)).toBe(band);
  });
});

describe("computeFigures", () => {
  it("computes every figure on a small set", () => {
    const figures = computeFigures({
      activities: [
        activity({ thematiques: ["E-mail", "Santé"], autonomie: "Autonome", communeInsee: "79202", firstVisit: true }),
        activity({ durationMinutes: 45, thematiques: ["Aide aux démarches administratives"], sousThematiques: ["Logement"], communeInsee: "79202", firstVisit: false }),
        activity({ durationMinutes: 60, autonomie: "Autonome", communeInsee: "79080", firstVisit: true }),
        activity({ kind: "collectif", durationMinutes: 120, participantsTotal: 9, thematiques: ["Santé"] }),
      ],
      appointments: [appointment("honore"), appointment("honore"), appointment("honore"), appointment("absent"), appointment("annule_personne"), appointment("a_venir")],
    });
    expect(figures).toMatchObject({
      appointments: 6,
      appointmentsByStatus: { a_venir: 1, honore: 3, absent: 1, annule_personne: 1, annule_service: 0 },
      noShowRate: 0.25,
      records: 4,
      individual: 3,
      workshops: 1,
      workshopParticipants: 9,
      accompaniments: 12,
      firstVisit: { yes: 2, no: 1, unknown: 0, share: 2 / 3 },
    });
    expect(figures.thematiques.slice(0, 3)).toEqual([
      { key: "E-mail", count: 2 },
      { key: "Santé", count: 2 },
      { key: "Aide aux démarches administratives", count: 1 },
    ]);
    expect(figures.thematiques).toHaveLength(thematiques.length);
    expect(countOf(figures.sousThematiques, "Logement")).toBe(1);
    expect(figures.durations).toEqual([
      { key: "30", count: 0 },
      { key: "60", count: 2 },
      { key: "120", count: 1 },
      { key: "more", count: 1 },
    ]);
    expect(figures.autonomy).toEqual([
      { key: "Avec guidage", count: 0 },
      { key: "Autonome avec guidage en cas de besoin", count: 0 },
      { key: "Autonome", count: 2 },
      { key: "", count: 1 },
    ]);
    expect(figures.communes).toEqual([
      { key: "79202", count: 2 },
      { key: "79080", count: 1 },
    ]);
  });

  it("gives no rate when no appointment has an outcome", () => {
    const figures = computeFigures({ activities: [], appointments: [appointment("a_venir"), appointment("annule_service")] });
    expect([figures.noShowRate, figures.firstVisit.share]).toEqual([null, null]);
  });

  it("counts a thématique once per record even if repeated", () => {
    expect(countOf(computeFigures({ activities: [activity({ thematiques: ["E-mail", "E-mail"] })], appointments: [] }).thematiques, "E-mail")).toBe(1);
  });
});

describe("grouping", () => {
  it("groups by month, place, mediator and commune, the missing key last", () => {
    const input = {
      activities: [activity({ day: "2027-02-10", placeId: 2 }), activity({ day: "2027-03-01", placeId: null, communeInsee: "79202" })],
      appointments: [appointment("absent", { day: "2027-01-31", placeId: 2 })],
    };
    expect(groupFigures(input, "month").map((g) => [g.key, g.figures.records, g.figures.appointments])).toEqual([
      ["2027-01", 0, 1],
      ["2027-02", 1, 0],
      ["2027-03", 1, 0],
    ]);
    expect(groupFigures(input, "place").map((g) => [g.key, g.figures.records])).toEqual([
      ["2", 1],
      ["", 1],
    ]);
    expect(groupFigures(input, "commune").map((g) => g.key)).toEqual(["79202", ""]);
  });

  it("lists every month of the period, empty ones included", () => {
    expect(monthsBetween("2026-11-15", "2027-02-01")).toEqual(["2026-11", "2026-12", "2027-01", "2027-02"]);
    const months = monthlyFigures({ activities: [activity({ day: "2027-01-05" })], appointments: [] }, "2026-12-01", "2027-02-28");
    expect(months.map((m) => [m.key, m.figures.records])).toEqual([
      ["2026-12", 0],
      ["2027-01", 1],
      ["2027-02", 0],
    ]);
  });
});

const activityArb: fc.Arbitrary<ActivityFact> = fc.record({
  day: fc.constantFrom("2027-01-03", "2027-01-28", "2027-02-14", "2027-03-01"),
  kind: fc.constantFrom("individuel" as const, "collectif" as const),
  durationMinutes: fc.integer({ min: 1, max: 300 }),
  thematiques: fc.subarray(["E-mail", "Santé", "Bureautique", "Aide aux démarches administratives"], { minLength: 1 }),
  sousThematiques: fc.subarray(["Logement", "Justice"]),
  autonomie: fc.constantFrom(null, "Autonome", "Avec guidage"),
  communeInsee: fc.constantFrom(null, "79202", "79080"),
  firstVisit: fc.constantFrom(null, true, false),
  placeId: fc.constantFrom(null, 1, 2, 3),
  mediatorId: fc.constantFrom(null, 1, 2),
  participantsTotal: fc.integer({ min: 0, max: 30 }),
});
const appointmentArb: fc.Arbitrary<AppointmentFact> = fc.record({
  day: fc.constantFrom("2027-01-04", "2027-02-20", "2027-03-02"),
  status: fc.constantFrom(...appointmentStatuses),
  placeId: fc.constantFrom(1, 2, 3),
  mediatorId: fc.constantFrom(1, 2),
  communeInsee: fc.constantFrom(null, "79202"),
});

/** The additive figures of a result, flattened to numbers (rates are not additive). */
function additive(f: Figures): Record<string, number> {
  const out: Record<string, number> = {
    appointments: f.appointments,
    records: f.records,
    individual: f.individual,
    workshops: f.workshops,
    workshopParticipants: f.workshopParticipants,
    accompaniments: f.accompaniments,
    firstVisitYes: f.firstVisit.yes,
    firstVisitNo: f.firstVisit.no,
    firstVisitUnknown: f.firstVisit.unknown,
  };
  for (const [status, n] of Object.entries(f.appointmentsByStatus)) out[`status:${status}`] = n;
  for (const [name, list] of Object.entries({ t: f.thematiques, s: f.sousThematiques, d: f.durations, a: f.autonomy, c: f.communes })) {
    for (const c of list) if (c.count > 0) out[`${name}:${c.key}`] = c.count;
  }
  return out;
}

function sum(results: Record<string, number>[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const r of results) for (const [k, v] of Object.entries(r)) if (v > 0) total[k] = (total[k] ?? 0) + v;
  return total;
}

describe("totals across groupings (property)", () => {
  it.each<Grouping>(["month", "place", "mediator", "commune"])("the groups by %s add up to the whole", (by) => {
    fc.assert(
      fc.property(fc.array(activityArb, { maxLength: 40 }), fc.array(appointmentArb, { maxLength: 40 }), (activities, appointments) => {
        const input = { activities, appointments };
        const whole = Object.fromEntries(Object.entries(additive(computeFigures(input))).filter(([, v]) => v > 0));
        expect(sum(groupFigures(input, by).map((g) => additive(g.figures)))).toEqual(whole);
      }),
    );
  });

  it("counts people as individual records plus workshop participants", () => {
    fc.assert(
      fc.property(fc.array(activityArb, { maxLength: 40 }), (activities) => {
        const f = computeFigures({ activities, appointments: [] });
        const expected = activities.reduce((n, a) => n + (a.kind === "individuel" ? 1 : a.participantsTotal), 0);
        expect(f.accompaniments).toBe(expected);
        expect(f.durations.reduce((n, c) => n + c.count, 0)).toBe(activities.length);
      }),
    );
  });
});
