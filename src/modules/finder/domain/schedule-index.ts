// The public schedules every process holds (decision 0056): which motifs the public may book in each territory,
// and the plages that open slots at each published place. With them a result page knows, without asking the
// database, which of its places take appointments and whose busy times it needs.
import { groupBy, pushTo } from "../../../lib/collections.js";
import type { LocalDate } from "../../../lib/paris-time.js";
import type { ExceptionalPlage, WeeklyPlage } from "../../booking/domain/slots.js";

export type PublicMotif = { id: number; name: string; service: string; durationMinutes: number; minNoticeMinutes: number; horizonDays: number; placeIds: number[] };

export type ScheduleIndex = {
  /** First date the exceptional plages were read from: earlier windows need a new reading. */
  from: LocalDate;
  motifsByTerritory: ReadonlyMap<number, readonly PublicMotif[]>;
  weeklyByPlace: ReadonlyMap<string, readonly WeeklyPlage[]>;
  exceptionalByPlace: ReadonlyMap<string, readonly ExceptionalPlage[]>;
};

/** What one published place offers over a window: its public motifs and the plages that open its slots. */
export type PlaceSchedule = {
  motifs: PublicMotif[];
  weekly: readonly WeeklyPlage[];
  exceptional: ExceptionalPlage[];
  /** Every mediator with a plage here in the window: whose busy times the slots need. */
  mediatorIds: string[];
};

/** Motifs are kept in the order they are given (by name within a territory: the place page lists them so). */
export function buildScheduleIndex(
  from: LocalDate,
  { motifs, weekly, exceptional }: { motifs: readonly (PublicMotif & { territoryId: number })[]; weekly: readonly WeeklyPlage[]; exceptional: readonly ExceptionalPlage[] },
): ScheduleIndex {
  const motifsByTerritory = new Map<number, PublicMotif[]>();
  for (const { territoryId, ...motif } of motifs) pushTo(motifsByTerritory, territoryId, motif);
  return { from, motifsByTerritory, weeklyByPlace: groupBy(weekly, (p) => p.placeId), exceptionalByPlace: groupBy(exceptional, (p) => p.placeId) };
}

/**
 * Whether a motif is offered at a place: the place is among the motif's places (none listed: all of them), and the
 * place offers the motif's service (a place listing no service at all, as those stored before services were
 * required, leaves the motif's own list to decide).
 */
export function motifOfferedAt(motif: Pick<PublicMotif, "placeIds" | "service">, placeId: number, placeServices: readonly string[]): boolean {
  if (motif.placeIds.length > 0 && !motif.placeIds.includes(placeId)) return false;
  return placeServices.length === 0 || placeServices.includes(motif.service);
}

/**
 * What a published place offers to book over [from, to], or undefined when it takes no appointment then: no
 * public motif offered there, or no mediator with a plage there (weekly, or exceptional within the window).
 */
export function placeSchedule(
  index: ScheduleIndex,
  place: { id: number; territoryId: number; services: readonly string[] },
  from: LocalDate,
  to: LocalDate,
): PlaceSchedule | undefined {
  if (from < index.from) throw new RangeError(`schedules were read from ${index.from}, not ${from}`);
  // Most places have no plage: looked at first.
  const key = String(place.id);
  const weekly = index.weeklyByPlace.get(key) ?? [];
  const exceptional = (index.exceptionalByPlace.get(key) ?? []).filter((p) => p.date >= from && p.date <= to);
  if (weekly.length === 0 && exceptional.length === 0) return undefined;
  const motifs = (index.motifsByTerritory.get(place.territoryId) ?? []).filter((m) => motifOfferedAt(m, place.id, place.services));
  if (motifs.length === 0) return undefined;
  const mediatorIds = [...new Set([...weekly, ...exceptional].map((p) => p.mediatorId))];
  return { motifs, weekly, exceptional, mediatorIds };
}
