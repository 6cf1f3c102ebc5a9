// Statistics of accompaniments and appointments (pure): plain facts in, figures out, grouped as asked.
import { autonomies, durationBands, sousThematiques, thematiques } from "./vocabulary.js";

export const appointmentStatuses = ["a_venir", "honore", "absent", "annule_personne", "annule_service"] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

/** One accompaniment record, reduced to what statistics need (no person, ever). */
export type ActivityFact = {
  day: string;
  kind: "individuel" | "collectif";
  durationMinutes: number;
  thematiques: string[];
  sousThematiques: string[];
  autonomie: string | null;
  communeInsee: string | null;
  firstVisit: boolean | null;
  placeId: number | null;
  mediatorId: number | null;
  /** Workshop participants (0 for an individual record). */
  participantsTotal: number;
};

/** One appointment, with its Europe/Paris day. */
export type AppointmentFact = {
  day: string;
  status: AppointmentStatus;
  placeId: number | null;
  mediatorId: number | null;
  communeInsee: string | null;
};

export type StatisticsInput = { activities: ActivityFact[]; appointments: AppointmentFact[] };

/** A key (vocabulary value, commune code, "" for "not given") and how many. */
export type Count = { key: string; count: number };

export type Figures = {
  appointments: number;
  appointmentsByStatus: Record<AppointmentStatus, number>;
  /** absent / (honoré + absent); null when no appointment has an outcome yet. */
  noShowRate: number | null;
  /** Records entered (one per individual accompaniment or workshop). */
  records: number;
  individual: number;
  workshops: number;
  workshopParticipants: number;
  /** People accompanied: individual accompaniments + workshop participants. */
  accompaniments: number;
  /** Records per thématique, most frequent first. */
  thematiques: Count[];
  sousThematiques: Count[];
  /** Records per duration band, in band order. */
  durations: Count[];
  /** Individual accompaniments per autonomy reached, in vocabulary order, then "" (not given). */
  autonomy: Count[];
  /** Individual accompaniments per commune of residence, most frequent first; "" when not given. */
  communes: Count[];
  /** Individual accompaniments that were (or not) a first visit; share among the known answers. */
  firstVisit: { yes: number; no: number; unknown: number; share: number | null };
};

export type Grouping = "month" | "place" | "mediator" | "commune";

/** The band a duration falls in (minimum included, maximum excluded). */
export function durationBandOf(minutes: number): string {
  return durationBands.find((b) => minutes >= b.min && (b.max === null || minutes < b.max))!.value;
}

function tally(counts: Map<string, number>, key: string, n = 1): void {
  counts.set(key, (counts.get(key) ?? 0) + n);
}

/** Vocabulary order first, then unknown keys; zero counts of vocabulary keys are kept so tables stay stable. */
function ordered(counts: Map<string, number>, order: readonly string[]): Count[] {
  const known = order.map((key) => ({ key, count: counts.get(key) ?? 0 }));
  const others = [...counts].filter(([key]) => !order.includes(key)).map(([key, count]) => ({ key, count }));
  return [...known, ...others];
}

/** Most frequent first; ties in the given order. */
function byCount(list: Count[]): Count[] {
  return list.map((c, i) => ({ c, i })).sort((a, b) => b.c.count - a.c.count || a.i - b.i).map(({ c }) => c);
}

/** Computes every figure over the given facts. */
export function computeFigures({ activities, appointments }: StatisticsInput): Figures {
  const byStatus = Object.fromEntries(appointmentStatuses.map((s) => [s, 0])) as Record<AppointmentStatus, number>;
  for (const a of appointments) byStatus[a.status] += 1;
  const outcomes = byStatus.honore + byStatus.absent;
  const themes = new Map<string, number>();
  const subThemes = new Map<string, number>();
  const durations = new Map<string, number>();
  const autonomy = new Map<string, number>();
  const communes = new Map<string, number>();
  const firstVisit = { yes: 0, no: 0, unknown: 0 };
  let individual = 0;
  let workshops = 0;
  let participants = 0;
  for (const a of activities) {
    for (const t of new Set(a.thematiques)) tally(themes, t);
    for (const t of new Set(a.sousThematiques)) tally(subThemes, t);
    tally(durations, durationBandOf(a.durationMinutes));
    if (a.kind === "collectif") {
      workshops += 1;
      participants += a.participantsTotal;
      continue;
    }
    individual += 1;
    tally(autonomy, a.autonomie ?? "");
    tally(communes, a.communeInsee ?? "");
    if (a.firstVisit === true) firstVisit.yes += 1;
    else if (a.firstVisit === false) firstVisit.no += 1;
    else firstVisit.unknown += 1;
  }
  const known = firstVisit.yes + firstVisit.no;
  return {
    appointments: appointments.length,
    appointmentsByStatus: byStatus,
    noShowRate: outcomes === 0 ? null : byStatus.absent / outcomes,
    records: activities.length,
    individual,
    workshops,
    workshopParticipants: participants,
    accompaniments: individual + participants,
    thematiques: byCount(ordered(themes, thematiques.map((t) => t.value))),
    sousThematiques: byCount(ordered(subThemes, sousThematiques.map((t) => t.value))),
    durations: ordered(durations, durationBands.map((b) => b.value)),
    autonomy: ordered(autonomy, [...autonomies.map((t) => t.value), ""]),
    communes: byCount([...communes].map(([key, count]) => ({ key, count }))),
    firstVisit: { ...firstVisit, share: known === 0 ? null : firstVisit.yes / known },
  };
}

/** The key of a fact in a grouping ("" when the fact has none, e.g. a walk-in without a commune). */
function keyOf(fact: ActivityFact | AppointmentFact, by: Grouping): string {
  if (by === "month") return fact.day.slice(0, 7);
  const value = by === "place" ? fact.placeId : by === "mediator" ? fact.mediatorId : fact.communeInsee;
  return value == null ? "" : String(value);
}

/** Splits the facts by month, place, mediator or commune of residence; every fact lands in exactly one group. */
export function groupFacts(input: StatisticsInput, by: Grouping): Map<string, StatisticsInput> {
  const groups = new Map<string, StatisticsInput>();
  const groupOf = (key: string) => {
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { activities: [], appointments: [] }));
    return group;
  };
  for (const a of input.activities) groupOf(keyOf(a, by)).activities.push(a);
  for (const a of input.appointments) groupOf(keyOf(a, by)).appointments.push(a);
  return groups;
}

/** Figures per group, keys sorted ("" last). */
export function groupFigures(input: StatisticsInput, by: Grouping): Group[] {
  return [...groupFacts(input, by)]
    .sort(([a], [b]) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b, "fr", { numeric: true })))
    .map(([key, facts]) => ({ key, figures: computeFigures(facts) }));
}

/** Every month "YYYY-MM" from the month of `from` to the month of `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.slice(0, 7).split("-").map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (let guard = 0; guard < 1200; guard++) {
    const key = `${year}-${String(month).padStart(2, "0")}`;
    if (key > last) break;
    months.push(key);
    month = month === 12 ? 1 : month + 1;
    if (month === 1) year += 1;
  }
  return months;
}

/** Figures for each month of the period, empty months included (for the chart by month). */
export function monthlyFigures(input: StatisticsInput, from: string, to: string): Group[] {
  const groups = groupFacts(input, "month");
  const empty: StatisticsInput = { activities: [], appointments: [] };
  return monthsBetween(from, to).map((key) => ({ key, figures: computeFigures(groups.get(key) ?? empty) }));
}

export type Group = { key: string; figures: Figures };

/** Everything the statistics page and its exports show for a period. */
export type StatisticsReport = { figures: Figures; months: Group[]; byPlace: Group[]; byMediator: Group[]; byCommune: Group[] };

/** The whole figures, by month over the period, and by place, mediator and commune of residence. */
export function statisticsReport(input: StatisticsInput, from: string, to: string): StatisticsReport {
  return {
    figures: computeFigures(input),
    months: monthlyFigures(input, from, to),
    byPlace: groupFigures(input, "place"),
    byMediator: groupFigures(input, "mediator"),
    byCommune: groupFigures(input, "commune"),
  };
}
