// Rules of one-off openings (plages exceptionnelles) and absences, as pure functions over what the forms send.
import { addDays, parisToInstant, type LocalDate, type LocalTime } from "../../../lib/paris-time.js";
import { minutesOfDay, parseDateInput, parseTimeInput } from "./time-input.js";
import { parseTimeRange, plageOpensOn, type Errors, type ExistingPlage, type Parsed } from "./plage-rules.js";
import { timeLabel } from "./labels.js";

export type ExceptionalValues = { exDay: string; exPlaceId: string; exStart: string; exEnd: string };
export type ExceptionalInput = { day: LocalDate; placeId: number; startTime: LocalTime; endTime: LocalTime };

/** Checks the one-off opening form; the place must be one of the mediator's. */
export function parseExceptionalForm(values: ExceptionalValues, placeIds: readonly number[]): Parsed<ExceptionalInput> {
  const errors: Errors = {};
  const day = parseDateInput(values.exDay);
  if (!day) errors.exDay = values.exDay.trim() === "" ? "Saisissez la date de l'ouverture" : "La date doit être une date réelle, par exemple 2027-03-15";
  const placeId = Number(values.exPlaceId);
  if (!placeIds.includes(placeId)) errors.exPlaceId = "Choisissez le lieu de l'ouverture";
  const times = parseTimeRange(values.exStart, values.exEnd, { start: "exStart", end: "exEnd" });
  if (!times.ok) Object.assign(errors, times.errors);
  if (Object.keys(errors).length > 0 || !day || !times.ok) return { ok: false, errors };
  return { ok: true, data: { day, placeId, ...times.data } };
}

/** A one-off opening of the same mediator on the same day at overlapping hours, if any, as a French message. */
export function exceptionalConflict(candidate: ExceptionalInput, existing: readonly (ExceptionalInput & { placeName: string })[]): string | undefined {
  const start = minutesOfDay(candidate.startTime);
  const end = minutesOfDay(candidate.endTime);
  const clash = existing.find((e) => e.day === candidate.day && minutesOfDay(e.startTime) < end && start < minutesOfDay(e.endTime));
  return clash ? `Une ouverture existe déjà ce jour-là de ${timeLabel(clash.startTime)} à ${timeLabel(clash.endTime)} à ${clash.placeName}` : undefined;
}

/** A weekly plage of the mediator already open that day at overlapping hours, if any, as a French message. */
export function weeklyConflictOn(candidate: ExceptionalInput, weekly: readonly ExistingPlage[]): string | undefined {
  const start = minutesOfDay(candidate.startTime);
  const end = minutesOfDay(candidate.endTime);
  const clash = weekly.find((p) => plageOpensOn(p, candidate.day) && minutesOfDay(p.startTime) < end && start < minutesOfDay(p.endTime));
  return clash ? `Ce jour-là, la personne reçoit déjà de ${timeLabel(clash.startTime)} à ${timeLabel(clash.endTime)} à ${clash.placeName} (plage de chaque semaine)` : undefined;
}

export type AbsenceValues = { absFromDate: string; absFromTime: string; absToDate: string; absToTime: string; absReason: string };
export type AbsenceInput = { startsAt: Date; endsAt: Date; reason: string };

/**
 * Checks the absence form, entered as Paris wall times and returned as instants. No start time means from the
 * start of the day; no end date means the same day; no end time means until the end of the end date.
 */
export function parseAbsenceForm(values: AbsenceValues): Parsed<AbsenceInput> {
  const errors: Errors = {};
  const fromDate = parseDateInput(values.absFromDate);
  if (!fromDate) errors.absFromDate = values.absFromDate.trim() === "" ? "Saisissez le premier jour de l'absence" : "Le premier jour doit être une date réelle, par exemple 2027-03-15";
  const fromTime = values.absFromTime.trim() === "" ? "00:00" : parseTimeInput(values.absFromTime);
  if (!fromTime) errors.absFromTime = "L'heure de début doit être une heure réelle, par exemple 14:00, ou restez vide";
  const toDate = values.absToDate.trim() === "" ? fromDate : parseDateInput(values.absToDate);
  if (values.absToDate.trim() !== "" && !toDate) errors.absToDate = "Le dernier jour doit être une date réelle, ou restez vide";
  const toTime = values.absToTime.trim() === "" ? null : parseTimeInput(values.absToTime);
  if (toTime === undefined) errors.absToTime = "L'heure de fin doit être une heure réelle, par exemple 17:00, ou restez vide";
  const reason = values.absReason.trim();
  if (reason.length > 200) errors.absReason = "200 caractères au maximum";
  if (Object.keys(errors).length > 0 || !fromDate || !fromTime || !toDate || toTime === undefined) return { ok: false, errors };
  const startsAt = parisToInstant(fromDate, fromTime);
  const endsAt = toTime === null ? parisToInstant(addDays(toDate, 1), "00:00") : parisToInstant(toDate, toTime);
  if (endsAt <= startsAt) return { ok: false, errors: { absToDate: "La fin de l'absence doit être après son début" } };
  return { ok: true, data: { startsAt: new Date(startsAt), endsAt: new Date(endsAt), reason } };
}
