/**
 * Europe/Paris wall time <-> UTC instants, using only the built-in `Intl` time-zone data.
 *
 * Vocabulary:
 * - a LocalDate is a Paris calendar date "YYYY-MM-DD", a LocalTime a Paris wall-clock time "HH:MM";
 * - an instant is a number of milliseconds since the Unix epoch (UTC), as stored in the database.
 *
 * Daylight-saving days (policy of Temporal's "compatible" disambiguation and of RFC 5545):
 * - spring forward (last Sunday of March, 02:00 -> 03:00): a wall time in the gap does not exist; it is
 *   read with the offset in force before the gap, which moves it forward by the gap's length
 *   (02:30 -> 03:30 CEST);
 * - fall back (last Sunday of October, 03:00 -> 02:00): a wall time in the overlap happens twice; the
 *   earlier instant is chosen (02:30 -> 02:30 CEST, not 02:30 CET).
 */

export type LocalDate = string;
export type LocalTime = string;

export interface ParisWallTime {
  date: LocalDate;
  time: LocalTime;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const DATE_PATTERN = /^([1-9]\d{3})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^(\d{2}):(\d{2})$/;

const parisFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: "Europe/Paris",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** Parses a "YYYY-MM-DD" date into the epoch ms of its midnight read as UTC; throws on an impossible date. */
export function localDateToUtcMidnight(date: LocalDate): number {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new RangeError(`Invalid local date "${date}" (expected YYYY-MM-DD)`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`Invalid local date "${date}"`);
  }
  return ms;
}

/** Parses "HH:MM" (00:00 to 23:59) into minutes since midnight; throws on anything else. */
export function localTimeToMinutes(time: LocalTime): number {
  const match = TIME_PATTERN.exec(time);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (!match || hours > 23 || minutes > 59) {
    throw new RangeError(`Invalid local time "${time}" (expected HH:MM between 00:00 and 23:59)`);
  }
  return hours * 60 + minutes;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

function utcMidnightToLocalDate(ms: number): LocalDate {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Paris wall-clock fields of an instant, packed as epoch ms "as if the wall time were UTC". */
function wallFromParts(instant: number): number {
  let year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  for (const part of parisFormat.formatToParts(instant)) {
    const value = Number(part.value);
    if (part.type === "year") year = value;
    else if (part.type === "month") month = value;
    else if (part.type === "day") day = value;
    else if (part.type === "hour") hour = value;
    else if (part.type === "minute") minute = value;
    else if (part.type === "second") second = value;
  }
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

// Paris's offset per UTC hour, memoised: Intl's formatToParts costs microseconds and slot computation asks
// thousands of times per search. An hour whose first and last seconds disagree (a change inside it, as in 1911)
// is not memoised (null): those instants go through Intl each time.
const HOUR_MS = 3_600_000;
const offsetByHour = new Map<number, number | null>();
const OFFSET_CACHE_LIMIT = 50_000;

function parisWallMs(instant: number): number {
  const hour = Math.floor(instant / HOUR_MS);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    const first = hour * HOUR_MS;
    const last = first + HOUR_MS - 1000;
    const atFirst = wallFromParts(first) - first;
    offset = atFirst === wallFromParts(last) - last ? atFirst : null;
    if (offsetByHour.size >= OFFSET_CACHE_LIMIT) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  if (offset === null) return wallFromParts(instant);
  return instant - (((instant % 1000) + 1000) % 1000) + offset;
}

function parisOffsetMs(instant: number): number {
  const wholeSecond = instant - (((instant % 1000) + 1000) % 1000);
  return parisWallMs(wholeSecond) - wholeSecond;
}

/** Offset of Europe/Paris from UTC at an instant, in minutes (60 in winter, 120 in summer). */
export function parisOffsetMinutes(instant: number): number {
  return parisOffsetMs(instant) / MINUTE_MS;
}

// Memo for parisToInstant: slot computation converts the same few (date, time) pairs for every
// mediator. The function is pure, so caching only saves Intl calls; the bound keeps memory flat.
const instantCache = new Map<string, number>();
const INSTANT_CACHE_LIMIT = 20_000;

/** UTC instant (ms) of a Paris wall time; gap times move forward, overlap times take the earlier instant. */
export function parisToInstant(date: LocalDate, time: LocalTime): number {
  const key = `${date}T${time}`;
  const cached = instantCache.get(key);
  if (cached !== undefined) return cached;
  const wall = localDateToUtcMidnight(date) + localTimeToMinutes(time) * MINUTE_MS;
  // Paris changes offset at most once within two days, so the offsets one day either side are
  // the only candidates.
  const offsetBefore = parisOffsetMs(wall - DAY_MS);
  const offsetAfter = parisOffsetMs(wall + DAY_MS);
  const matching = [wall - offsetBefore, wall - offsetAfter].filter(
    (candidate) => parisWallMs(candidate) === wall,
  );
  // No match: the wall time is in the spring gap; the offset before the gap pushes it forward.
  const instant = matching.length > 0 ? Math.min(...matching) : wall - offsetBefore;
  if (instantCache.size >= INSTANT_CACHE_LIMIT) instantCache.clear();
  instantCache.set(key, instant);
  return instant;
}

/** Paris wall date and time ("HH:MM", seconds dropped) of a UTC instant. */
export function instantToParis(instant: number): ParisWallTime {
  const wall = parisWallMs(instant);
  const date = utcMidnightToLocalDate(wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS));
  const minutes = Math.floor((((wall % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS);
  return { date, time: `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}` };
}

/** Paris calendar date of a UTC instant. */
export function parisDateOf(instant: number): LocalDate {
  return instantToParis(instant).date;
}

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  const sundayZero = new Date(localDateToUtcMidnight(date)).getUTCDay();
  return sundayZero === 0 ? 7 : sundayZero;
}

/** The local date `days` calendar days after (or before, if negative) `date`. */
export function addDays(date: LocalDate, days: number): LocalDate {
  return utcMidnightToLocalDate(localDateToUtcMidnight(date) + days * DAY_MS);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((localDateToUtcMidnight(to) - localDateToUtcMidnight(from)) / DAY_MS);
}
