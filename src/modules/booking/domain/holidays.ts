import getJoursFeries from "@socialgouv/jours-feries";
import { type LocalDate, localDateToUtcMidnight } from "../../../lib/paris-time.js";

/**
 * French public holidays (jours fériés) of metropolitan France, as Paris local dates.
 *
 * Lundi de Pentecôte is included: it is still a legal holiday even where it is worked as the
 * "journée de solidarité". Alsace-Moselle adds Vendredi saint and Saint-Étienne. Overseas
 * departments (other holidays, other time zones) are out of scope.
 */

export interface FrenchHoliday {
  date: LocalDate;
  /** French name as given by @socialgouv/jours-feries, e.g. "Lundi de Pâques". */
  name: string;
}

export interface HolidayOptions {
  /** Add the two holidays of Bas-Rhin, Haut-Rhin and Moselle. */
  alsaceMoselle?: boolean;
}

/** The holidays that apply at a place, from its commune's INSEE code (Bas-Rhin 67, Haut-Rhin 68, Moselle 57). */
export function holidayOptionsForCommune(insee: string | null | undefined): HolidayOptions {
  return { alsaceMoselle: /^(57|67|68)/.test(insee ?? "") };
}

const HALF_DAY_MS = 43_200_000;

/**
 * The package builds `new Date(year, month, day)` in the server's own time zone and derives the
 * Easter holidays by adding 24-hour multiples, so after a daylight-saving change of that zone the
 * result sits one hour off midnight (23:00 the day before, e.g. with TZ=Australia/Sydney).
 * Reading the local date twelve hours later lands on the intended day whatever TZ is set.
 */
function toLocalDate(packageDate: Date): LocalDate {
  const noon = new Date(packageDate.getTime() + HALF_DAY_MS);
  const month = String(noon.getMonth() + 1).padStart(2, "0");
  const day = String(noon.getDate()).padStart(2, "0");
  return `${noon.getFullYear()}-${month}-${day}`;
}

/** Public holidays of the years fromYear..toYear (inclusive), sorted by date. */
export function frenchHolidays(
  fromYear: number,
  toYear: number,
  options: HolidayOptions = {},
): FrenchHoliday[] {
  const holidays: FrenchHoliday[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    const byName = getJoursFeries(year, { alsace: options.alsaceMoselle ?? false });
    for (const [name, date] of Object.entries(byName)) {
      holidays.push({ date: toLocalDate(date), name });
    }
  }
  return holidays.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Set of holiday dates between two local dates (inclusive), ready for computeSlots' `holidays`. */
export function holidayDatesBetween(
  from: LocalDate,
  to: LocalDate,
  options: HolidayOptions = {},
): Set<LocalDate> {
  const fromYear = new Date(localDateToUtcMidnight(from)).getUTCFullYear();
  const toYear = new Date(localDateToUtcMidnight(to)).getUTCFullYear();
  return new Set(
    frenchHolidays(fromYear, toYear, options)
      .map((holiday) => holiday.date)
      .filter((date) => date >= from && date <= to),
  );
}
