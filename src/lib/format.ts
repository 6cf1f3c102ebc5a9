// French formatting of dates, times and numbers, in Europe/Paris.
const TZ = "Europe/Paris";

const dayFmt = new Intl.DateTimeFormat("fr-FR", { timeZone: TZ, weekday: "long", day: "numeric", month: "long" });
const dayYearFmt = new Intl.DateTimeFormat("fr-FR", { timeZone: TZ, weekday: "long", day: "numeric", month: "long", year: "numeric" });
const timeParts = new Intl.DateTimeFormat("fr-FR", { timeZone: TZ, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const shortFmt = new Intl.DateTimeFormat("fr-FR", { timeZone: TZ, day: "2-digit", month: "2-digit", year: "numeric" });

/** "14 h 30", "9 h" — French typography for a time of day. */
export function formatTime(d: Date): string {
  const parts = timeParts.formatToParts(d);
  const h = Number(parts.find((p) => p.type === "hour")?.value ?? "0");
  const m = parts.find((p) => p.type === "minute")?.value ?? "00";
  return m === "00" ? `${h}\u00a0h` : `${h}\u00a0h\u00a0${m}`;
}

const MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre";
const FIRST_OF_MONTH = new RegExp(`(^|\\s)1 (${MONTHS})`, "u");

/** French writes the first day of a month as an ordinal: "1 novembre" → "1er novembre". */
export function firstOfMonth(text: string): string {
  return text.replace(FIRST_OF_MONTH, "$11er $2");
}

/** "mardi 3 mars", "lundi 1er novembre" (with the year when `withYear`). */
export function formatDay(d: Date, withYear = false): string {
  return firstOfMonth((withYear ? dayYearFmt : dayFmt).format(d));
}

/** "mardi 3 mars à 14 h 30". */
export function formatDateTime(d: Date, withYear = false): string {
  return `${formatDay(d, withYear)} à ${formatTime(d)}`;
}

/** "03/03/2027". */
export function formatShortDate(d: Date): string {
  return shortFmt.format(d);
}

const numberFmt = new Intl.NumberFormat("fr-FR");

/** "12 345" with a narrow no-break space, French style. */
export function formatNumber(n: number): string {
  return numberFmt.format(n);
}

/** A counted noun in French: "0 commune", "1 commune", "12 communes" (plural from 2, as French counts). */
export function plural(n: number, one: string, many: string): string {
  return `${formatNumber(n)} ${n >= 2 ? many : one}`;
}
