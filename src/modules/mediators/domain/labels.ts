// French words for weekdays, times, dates and motif settings, shared by validation messages and views.
import { firstOfMonth } from "../../../lib/format.js";
import { localDateToUtcMidnight, type LocalDate } from "../../../lib/paris-time.js";
import { minutesOfDay } from "./time-input.js";

/** ISO weekday (1 = lundi … 7 = dimanche) → French name. */
export const weekdayNames: Readonly<Record<number, string>> = {
  1: "lundi",
  2: "mardi",
  3: "mercredi",
  4: "jeudi",
  5: "vendredi",
  6: "samedi",
  7: "dimanche",
};

export const placeKinds = ["sur_place", "telephone", "domicile", "visio"] as const;
export type PlaceKind = (typeof placeKinds)[number];

export const placeKindLabels: Readonly<Record<PlaceKind, string>> = {
  sur_place: "Sur place, dans le lieu",
  telephone: "Par téléphone",
  domicile: "Au domicile de la personne",
  visio: "En visioconférence",
};

export const bookableByLabels: Readonly<Record<"agents" | "everyone", string>> = {
  agents: "Les agents seulement",
  everyone: "Tout le monde, y compris en ligne",
};

/** "lundi, mardi et jeudi". */
export function weekdayList(weekdays: readonly number[]): string {
  const names = [...weekdays].sort((a, b) => a - b).map((d) => weekdayNames[d] ?? String(d));
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} et ${names.at(-1)}`;
}

/** "9 h", "14 h 30" from "09:00" or "14:30:00". */
export function timeLabel(time: string): string {
  const minutes = minutesOfDay(time);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h}\u00a0h` : `${h}\u00a0h\u00a0${String(m).padStart(2, "0")}`;
}

const dateFormat = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", weekday: "long", day: "numeric", month: "long", year: "numeric" });

/** "mardi 2 mars 2027", "lundi 1er mars 2027" for a calendar date. */
export function dateLabel(date: LocalDate): string {
  return firstOfMonth(dateFormat.format(localDateToUtcMidnight(date)));
}

/** "lundi et mardi", "mardi, une semaine sur deux", "mardi, une semaine sur 3". */
export function recurrenceLabel(weekdays: readonly number[], everyNWeeks: number): string {
  if (everyNWeeks === 1) return weekdayList(weekdays);
  if (everyNWeeks === 2) return `${weekdayList(weekdays)}, une semaine sur deux`;
  return `${weekdayList(weekdays)}, une semaine sur ${everyNWeeks}`;
}

/** "30 minutes", "4 heures", "2 jours", "1 h 30" for a duration in minutes. */
export function durationLabel(minutes: number): string {
  if (minutes % 1440 === 0 && minutes > 0) return minutes === 1440 ? "1 jour" : `${minutes / 1440} jours`;
  if (minutes % 60 === 0 && minutes > 0) return minutes === 60 ? "1 heure" : `${minutes / 60} heures`;
  if (minutes > 60) return `${Math.floor(minutes / 60)}\u00a0h\u00a0${String(minutes % 60).padStart(2, "0")}`;
  return minutes <= 1 ? `${minutes} minute` : `${minutes} minutes`;
}
