// Calendar-date helpers for the Schools rules. Dates are ISO strings "YYYY-MM-DD" (no time, no zone):
// the inventory deals in days, and keeping strings avoids time-zone shifts. No clock is read here.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
/** Average length of a year in days, used to express ages in years. */
export const DAYS_PER_YEAR = 365.25;

/** Whether a string is a real calendar date written YYYY-MM-DD (2023-02-30 is not). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** Number of days in a month (1-12) of a given year. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Day number since 1970-01-01 of an ISO date (throws on an invalid date: callers validate first). */
export function toDayNumber(isoDate: string): number {
  if (!isIsoDate(isoDate)) throw new RangeError(`date invalide : ${isoDate}`);
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

/** Adds whole years to an ISO date; 29 February becomes 28 February in a non-leap year. */
export function addYears(isoDate: string, years: number): string {
  if (!isIsoDate(isoDate)) throw new RangeError(`date invalide : ${isoDate}`);
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const year = y + years;
  const day = Math.min(d, daysInMonth(year, m));
  return `${String(year).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Calendar year of an ISO date. */
export function yearOf(isoDate: string): number {
  return Number(isoDate.slice(0, 4));
}

/** Age in years (fractional) between two ISO dates; negative when `from` is after `to`. */
export function yearsBetween(from: string, to: string): number {
  return (toDayNumber(to) - toDayNumber(from)) / DAYS_PER_YEAR;
}

/** ISO date of a day number since 1970-01-01 (inverse of toDayNumber). */
export function fromDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * The latest acquisition date whose end of life (acquisition + `years`, see addYears) falls on or before
 * `asOf`: an item is past its end of life exactly when acquired on or before this date. Lets the database
 * compare dates instead of adding intervals to every row.
 */
export function endOfLifeCutoff(asOf: string, years: number): string {
  let day = toDayNumber(addYears(asOf, -years));
  // addYears turns 29 February into 28 February, so the cutoff may be a day off either way.
  while (addYears(fromDayNumber(day), years) > asOf) day -= 1;
  while (addYears(fromDayNumber(day + 1), years) <= asOf) day += 1;
  return fromDayNumber(day);
}
