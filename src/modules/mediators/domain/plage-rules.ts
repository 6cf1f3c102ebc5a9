/**
 * Rules of a mediator's weekly plages, as pure functions: reading the form, and finding a plage of the same
 * mediator that would be open at the same time on the same day (whatever the place: nobody is in two places).
 */
import { addDays, daysBetween, isoWeekday, type LocalDate, type LocalTime } from "../../../lib/paris-time.js";
import { dateLabel, recurrenceLabel, timeLabel } from "./labels.js";
import { minutesOfDay, parseDateInput, parseTimeInput } from "./time-input.js";

export type Errors = Record<string, string>;
export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: Errors };

/** What the plage form sends, kept as typed so a form with errors shows it again. */
export type PlageValues = {
  placeId: string;
  weekdays: string[];
  startTime: string;
  endTime: string;
  validFrom: string;
  validUntil: string;
  everyNWeeks: string;
};

export type PlageInput = {
  placeId: number;
  weekdays: number[];
  startTime: LocalTime;
  endTime: LocalTime;
  validFrom: LocalDate;
  validUntil: LocalDate | null;
  everyNWeeks: number;
};

export type ExistingPlage = PlageInput & { id: number; placeName: string };

export const MAX_EVERY_N_WEEKS = 8;

/** Reads and checks the times of an opening (start and end); the keys name the form fields. */
export function parseTimeRange(start: string, end: string, keys: { start: string; end: string }): Parsed<{ startTime: LocalTime; endTime: LocalTime }> {
  const errors: Errors = {};
  const startTime = parseTimeInput(start);
  const endTime = parseTimeInput(end);
  if (start.trim() === "") errors[keys.start] = "Saisissez l'heure de début, par exemple 9:00";
  else if (!startTime) errors[keys.start] = "L'heure de début doit être une heure réelle, par exemple 9:00 ou 14:30";
  if (end.trim() === "") errors[keys.end] = "Saisissez l'heure de fin, par exemple 12:00";
  else if (!endTime) errors[keys.end] = "L'heure de fin doit être une heure réelle, par exemple 12:00 ou 17:30";
  else if (startTime && minutesOfDay(endTime) <= minutesOfDay(startTime)) errors[keys.end] = "L'heure de fin doit être après l'heure de début";
  if (Object.keys(errors).length > 0 || !startTime || !endTime) return { ok: false, errors };
  return { ok: true, data: { startTime, endTime } };
}

/** Checks the plage form; `placeIds` are the places of the mediator, the only ones a plage may be at. */
export function parsePlageForm(values: PlageValues, placeIds: readonly number[]): Parsed<PlageInput> {
  const errors: Errors = {};
  const placeId = Number(values.placeId);
  if (!placeIds.includes(placeId)) errors.placeId = "Choisissez le lieu de la plage";
  const weekdays = [...new Set(values.weekdays.map(Number))].filter((d) => Number.isInteger(d) && d >= 1 && d <= 7).sort((a, b) => a - b);
  if (weekdays.length === 0) errors.weekdays = "Choisissez au moins un jour de la semaine";
  const times = parseTimeRange(values.startTime, values.endTime, { start: "startTime", end: "endTime" });
  if (!times.ok) Object.assign(errors, times.errors);
  const validFrom = parseDateInput(values.validFrom);
  if (!validFrom) errors.validFrom = values.validFrom.trim() === "" ? "Saisissez la date de début" : "La date de début doit être une date réelle, par exemple 2027-03-01";
  const validUntil = values.validUntil.trim() === "" ? null : parseDateInput(values.validUntil);
  if (validUntil === undefined) errors.validUntil = "La date de fin doit être une date réelle, ou restez vide";
  else if (validUntil !== null && validFrom && validUntil < validFrom) errors.validUntil = "La date de fin doit être le même jour que la date de début ou après";
  const everyNWeeks = values.everyNWeeks.trim() === "" ? 1 : Number(values.everyNWeeks);
  if (!Number.isInteger(everyNWeeks) || everyNWeeks < 1 || everyNWeeks > MAX_EVERY_N_WEEKS) {
    errors.everyNWeeks = `Saisissez un nombre de semaines entre 1 et ${MAX_EVERY_N_WEEKS}`;
  }
  if (Object.keys(errors).length > 0 || !times.ok || !validFrom || validUntil === undefined) return { ok: false, errors };
  return { ok: true, data: { placeId, weekdays, ...times.data, validFrom, validUntil, everyNWeeks } };
}

function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, 1 - isoWeekday(date));
}

/** Is the plage open on this date (validity, weekday and one-week-in-N counted from validFrom's week)? */
export function plageOpensOn(plage: Pick<PlageInput, "weekdays" | "validFrom" | "validUntil" | "everyNWeeks">, date: LocalDate): boolean {
  if (date < plage.validFrom || (plage.validUntil !== null && date > plage.validUntil)) return false;
  if (!plage.weekdays.includes(isoWeekday(date))) return false;
  const weeks = Math.floor(daysBetween(mondayOf(plage.validFrom), date) / 7);
  return weeks % plage.everyNWeeks === 0;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The first date both plages open on, or undefined; exact, since their pattern repeats every lcm(N1, N2) weeks. */
export function firstCommonDay(a: PlageInput, b: PlageInput): LocalDate | undefined {
  if (!a.weekdays.some((d) => b.weekdays.includes(d))) return undefined;
  const start = a.validFrom > b.validFrom ? a.validFrom : b.validFrom;
  const ends = [a.validUntil, b.validUntil].filter((d): d is LocalDate => d !== null).sort();
  const periodDays = ((a.everyNWeeks * b.everyNWeeks) / gcd(a.everyNWeeks, b.everyNWeeks)) * 7;
  for (let offset = 0; offset < periodDays; offset++) {
    const day = addDays(start, offset);
    if (ends[0] !== undefined && day > ends[0]) return undefined;
    if (plageOpensOn(a, day) && plageOpensOn(b, day)) return day;
  }
  return undefined;
}

export type PlageConflict = { plage: ExistingPlage; day: LocalDate };

/** The first plage of the same mediator open at the same time as the candidate, skipping the one being edited. */
export function findPlageConflict(candidate: PlageInput, existing: readonly ExistingPlage[], editedId?: number): PlageConflict | undefined {
  const start = minutesOfDay(candidate.startTime);
  const end = minutesOfDay(candidate.endTime);
  for (const plage of existing) {
    if (plage.id === editedId) continue;
    if (minutesOfDay(plage.startTime) >= end || start >= minutesOfDay(plage.endTime)) continue;
    const day = firstCommonDay(candidate, plage);
    if (day) return { plage, day };
  }
  return undefined;
}

/** The French sentence naming the plage in conflict and the first day both would be open. */
export function conflictMessage({ plage, day }: PlageConflict): string {
  const validity = plage.validUntil ? `du ${dateLabel(plage.validFrom)} au ${dateLabel(plage.validUntil)}` : `à partir du ${dateLabel(plage.validFrom)}`;
  return (
    `Cette plage chevauche celle de ${plage.placeName} (${recurrenceLabel(plage.weekdays, plage.everyNWeeks)} de ${timeLabel(plage.startTime)} ` +
    `à ${timeLabel(plage.endTime)}, ${validity}), par exemple le ${dateLabel(day)}. Changez les jours, les heures ou les dates.`
  );
}
