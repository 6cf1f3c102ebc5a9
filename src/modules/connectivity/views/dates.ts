// Calendar dates (YYYY-MM-DD) in French words, without time zones: "31 décembre 2028".
const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

/** "31 décembre 2028" (and "1er" for the first day). */
export function formatLongDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return `${d === 1 ? "1er" : d}\u00a0${MONTHS[m - 1]}\u00a0${y}`;
}
