// French words for statistics keys that are not in the national vocabulary (statuses, months, empty keys).
import type { AppointmentStatus } from "./statistics.js";

export const statusLabels: Record<AppointmentStatus, string> = {
  a_venir: "À venir",
  honore: "Honorés",
  absent: "Absences",
  annule_personne: "Annulés par la personne",
  annule_service: "Annulés par le service",
};

const monthNames = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

/** "mars 2027" for "2027-03". */
export function monthLabel(key: string): string {
  const [year, month] = key.split("-").map(Number) as [number, number];
  return `${monthNames[month - 1] ?? key} ${year}`;
}

/** "03/27" for "2027-03", under a column of a chart. */
export function monthShort(key: string): string {
  return `${key.slice(5, 7)}/${key.slice(2, 4)}`;
}

/** A share (0..1) as a French percentage with one decimal at most: "25 %", "33,3 %"; "—" when unknown. */
export function percent(share: number | null): string {
  if (share === null) return "—";
  return `${new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 }).format(share * 100)}\u00a0%`;
}

/** A share as a number of percent rounded to one decimal (exports); null when unknown. */
export function percentNumber(share: number | null): number | null {
  return share === null ? null : Math.round(share * 1000) / 10;
}

/** "03/03/2027" for "2027-03-03". */
export function shortDay(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

/** "45 min", "1 h", "1 h 30" (no-break spaces). */
export function durationLabel(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m}\u00a0min`;
  return m === 0 ? `${h}\u00a0h` : `${h}\u00a0h\u00a0${String(m).padStart(2, "0")}`;
}
