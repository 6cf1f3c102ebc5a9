// Reads dates and times as people type them (or as browsers send them) into the LocalDate / LocalTime forms.
import { localDateToUtcMidnight, type LocalDate, type LocalTime } from "../../../lib/paris-time.js";

const TIME_PATTERN = /^(\d{1,2})(?:\s*[:hH.]\s*(\d{2})?)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const FRENCH_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** "9:00", "09:00", "9h", "9 h 30", "14h30", "14" → "HH:MM"; undefined when it is not a time of day. */
export function parseTimeInput(value: string): LocalTime | undefined {
  const match = TIME_PATTERN.exec(value.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? "0");
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}

/** "2027-03-02" (date field) or "2/3/2027" (typed by hand) → "2027-03-02"; undefined when impossible. */
export function parseDateInput(value: string): LocalDate | undefined {
  const trimmed = value.trim();
  const iso = ISO_DATE.exec(trimmed);
  const french = FRENCH_DATE.exec(trimmed);
  const parts = iso ? [iso[1]!, iso[2]!, iso[3]!] : french ? [french[3]!, french[2]!.padStart(2, "0"), french[1]!.padStart(2, "0")] : undefined;
  if (!parts) return undefined;
  const date = parts.join("-");
  try {
    localDateToUtcMidnight(date);
    return date;
  } catch {
    return undefined;
  }
}

/** Minutes since midnight of a "HH:MM" or "HH:MM:SS" time (as the database returns it). */
export function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(":");
  return Number(hours) * 60 + Number(minutes);
}

/** "09:00:00" (database) → "09:00" (form field). */
export function shortTime(time: string): LocalTime {
  return time.slice(0, 5);
}
