/**
 * Opening hours of a place, written in OpenStreetMap `opening_hours` syntax (the standard's `horaires`), read
 * in Europe/Paris time and told in plain French.
 *
 * Time zone: the `opening_hours` library reads and builds `Date`s through their *local* getters and setters
 * (getDay, getHours, setDate …), i.e. in the time zone of the process. We never let it see a real instant:
 * `toEngineDate` turns an instant into a Date whose local fields are the Paris wall clock of that instant, and
 * `fromEngineDate` turns the Dates the library returns back into instants by reading their local fields as a
 * Paris wall time (with the booking module's DST policy). Results are therefore the same whatever TZ the
 * process runs in. One residual limit: a Paris wall time that does not exist in the *process* zone (inside its
 * own spring-forward gap, usually 02:00–03:00 on one night a year) is shifted by the library; running the
 * server with TZ=UTC or TZ=Europe/Paris removes even that.
 */
import OpeningHoursEngine from "opening_hours";
import {
  addDays,
  instantToParis,
  parisToInstant,
  type LocalDate,
} from "../../../lib/paris-time.js";
import { formatFrenchTime, joinFrench, WEEKDAYS, type Weekday } from "./french-words.js";

export { WEEKDAYS, type Weekday } from "./french-words.js";

/** Where the place is, for regional public holidays (e.g. "Moselle", "La Réunion"); national ones by default. */
export interface OpeningHoursOptions {
  region?: string;
}

/** The region the opening-hours library knows a commune's own public holidays by ("PH"), from its INSEE code. */
export function holidayRegionOfCommune(insee: string | null | undefined): OpeningHoursOptions {
  const region = { "57": "Moselle", "67": "Bas-Rhin", "68": "Haut-Rhin" }[(insee ?? "").slice(0, 2)];
  return region ? { region } : {};
}

export interface ParsedOpeningHours {
  /** The value to store: the input, or its canonical OSM form when the library had to correct it. */
  normalized: string;
  mentionsPublicHolidays: boolean;
  engine: OpeningHoursEngine;
}

export type OpeningHoursParse = { ok: true; hours: ParsedOpeningHours } | { ok: false; reason: string };

export interface OpeningSlot {
  start: string;
  end: string;
  comment?: string;
}

export interface DayHours {
  weekday: Weekday;
  date: LocalDate;
  today: boolean;
  publicHoliday: boolean;
  slots: OpeningSlot[];
  text: string;
}

export interface WeekHours {
  /** Lundi first; each weekday is its next occurrence from today (today included). */
  days: DayHours[];
  /** Present when the value has a PH rule, e.g. "Fermé les jours fériés". */
  publicHolidays?: string;
}

// Mode and severity left to the library defaults; `tag_key` makes it parse time ranges as for shops.
const ENGINE_CONF = {
  mode: undefined,
  tag_key: "opening_hours",
  map_value: undefined,
  warnings_severity: undefined,
  locale: "fr",
};
const EXAMPLE = "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00";
const parseCache = new Map<string, OpeningHoursParse>();
const PARSE_CACHE_LIMIT = 5_000;

/** Parses an OSM `opening_hours` value for a place in France; never throws, gives a French reason instead. */
export function parseOpeningHours(value: string, options: OpeningHoursOptions = {}): OpeningHoursParse {
  const key = `${options.region ?? ""}\u0000${value}`;
  const cached = parseCache.get(key);
  if (cached) return cached;
  const result = parseUncached(value, options);
  // The library takes ~0.3 ms per value (it recompiles its correction table each time); imports repeat values.
  if (parseCache.size >= PARSE_CACHE_LIMIT) parseCache.clear();
  parseCache.set(key, result);
  return result;
}

function parseUncached(value: string, options: OpeningHoursOptions): OpeningHoursParse {
  // The library has no French school holidays without a school zone, and logs that case to stderr: refuse it first.
  if (mentionsKeyword(value, "SH")) {
    const reason = "les vacances scolaires (SH) ne sont pas prises en charge\u00a0: indiquez les dates d'ouverture";
    return { ok: false, reason };
  }
  const nominatim = { lat: 46.6, lon: 2.4, address: { country_code: "fr", state: options.region ?? "" } };
  try {
    const engine = new OpeningHoursEngine(value, nominatim, ENGINE_CONF);
    const normalized = engine.getWarnings().length > 0 ? engine.prettifyValue() : value;
    return { ok: true, hours: { normalized, mentionsPublicHolidays: mentionsKeyword(value, "PH"), engine } };
  } catch (error) {
    return { ok: false, reason: explainSyntaxError(String(error)) };
  }
}

function explainSyntaxError(libraryMessage: string): string {
  // The library's French message points at the faulty token ("Mo-Fr 25:00 <--- (…)"); keep it when short.
  const hint = libraryMessage.length <= 160 && !libraryMessage.includes("\n") ? ` (${libraryMessage})` : "";
  return `n'est pas au format OpenStreetMap opening_hours, par exemple «\u00a0${EXAMPLE}\u00a0»${hint}`;
}

// Keywords outside quoted comments ("PH", "SH").
function mentionsKeyword(value: string, keyword: string): boolean {
  return new RegExp(`\\b${keyword}\\b`).test(value.replace(/"[^"]*"/g, ""));
}

function parsedOrThrow(hours: string | ParsedOpeningHours): ParsedOpeningHours {
  if (typeof hours !== "string") return hours;
  const parsed = parseOpeningHours(hours);
  if (!parsed.ok) throw new RangeError(`Horaires «\u00a0${hours}\u00a0» ${parsed.reason}`);
  return parsed.hours;
}

/** A Date whose local fields show the Paris wall clock of `instant` (what the library expects). */
export function toEngineDate(instant: Date): Date {
  const { date, time } = instantToParis(instant.getTime());
  return localMidnight(date, 0, time);
}

/** The instant meant by a library Date, its local fields being read as a Paris wall time. */
export function fromEngineDate(engineDate: Date): Date {
  const time = `${pad(engineDate.getHours())}:${pad(engineDate.getMinutes())}`;
  return new Date(parisToInstant(engineDateToLocalDate(engineDate), time) + engineDate.getSeconds() * 1000);
}

function localMidnight(date: LocalDate, plusDays = 0, time = "00:00"): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const [hours, minutes] = time.split(":").map(Number) as [number, number];
  return new Date(year, month - 1, day + plusDays, hours, minutes);
}

function engineDateToLocalDate(engineDate: Date): LocalDate {
  return `${engineDate.getFullYear()}-${pad(engineDate.getMonth() + 1)}-${pad(engineDate.getDate())}`;
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/** Whether the place is open at `now`, read in Europe/Paris time ("unknown"/"sur rendez-vous" counts as not open). */
export function isOpenNow(hours: string | ParsedOpeningHours, now: Date): boolean {
  return parsedOrThrow(hours).engine.getState(toEngineDate(now));
}

/** The next instant after `now` when the place opens or closes, within `horizonDays`; undefined if none. */
export function nextChange(hours: string | ParsedOpeningHours, now: Date, horizonDays = 8): Date | undefined {
  const from = toEngineDate(now);
  const until = new Date(from.getFullYear(), from.getMonth(), from.getDate() + horizonDays);
  const change = parsedOrThrow(hours).engine.getNextChange(from, until);
  return change ? fromEngineDate(change) : undefined;
}

/** Hours of the coming seven days (from `now`'s Paris date), one entry per weekday lundi → dimanche, in French. */
export function weekHoursInFrench(hours: string | ParsedOpeningHours, now: Date): WeekHours {
  const parsed = parsedOrThrow(hours);
  const today = instantToParis(now.getTime()).date;
  const days = Array.from({ length: 7 }, (_, offset) => describeDay(parsed, addDays(today, offset), offset === 0));
  days.sort((a, b) => WEEKDAYS.indexOf(a.weekday) - WEEKDAYS.indexOf(b.weekday));
  const publicHolidays = parsed.mentionsPublicHolidays ? describePublicHolidays(parsed, today) : undefined;
  return publicHolidays ? { days, publicHolidays } : { days };
}

function describeDay(parsed: ParsedOpeningHours, date: LocalDate, today: boolean): DayHours {
  const from = localMidnight(date);
  const weekday = WEEKDAYS[(from.getDay() + 6) % 7] as Weekday;
  const publicHoliday =
    parsed.mentionsPublicHolidays && parsed.engine.getPublicHolidayContext(localMidnight(date, 0, "12:00")).isHoliday;
  const slots = slotsOfDay(parsed.engine, date);
  const text = `${slotsText(slots)}${publicHoliday ? " (jour férié)" : ""}`;
  return { weekday, date, today, publicHoliday, slots, text };
}

// Slots that start on `date`; a slot running past midnight keeps its real end ("20 h – 2 h") and is not
// repeated on the next day. A day open from midnight to midnight is one "00:00–24:00" slot.
function slotsOfDay(engine: OpeningHoursEngine, date: LocalDate): OpeningSlot[] {
  const from = localMidnight(date);
  const to = localMidnight(date, 1);
  const openBefore = engine.getState(localMidnight(date, -1, "23:59")) || engine.getUnknown(localMidnight(date, -1, "23:59"));
  const slots: OpeningSlot[] = [];
  for (const [start, end, unknown, rawComment] of engine.getOpenIntervals(from, localMidnight(date, 2))) {
    // Comments come from the value only on "unknown" slots; on open ones the library puts a holiday's name.
    const comment = unknown ? rawComment : undefined;
    if (start.getTime() >= to.getTime()) continue;
    const continuesFromYesterday = start.getTime() === from.getTime() && openBefore;
    if (continuesFromYesterday && end.getTime() < to.getTime()) continue;
    const wholeDay = start.getTime() === from.getTime() && end.getTime() >= to.getTime();
    const endTime = wholeDay || end.getTime() === to.getTime() ? "24:00" : `${pad(end.getHours())}:${pad(end.getMinutes())}`;
    const slot: OpeningSlot = { start: `${pad(start.getHours())}:${pad(start.getMinutes())}`, end: endTime };
    slots.push(comment ? { ...slot, comment } : slot);
  }
  return slots;
}

function slotsText(slots: OpeningSlot[]): string {
  if (slots.length === 0) return "fermé";
  const [first] = slots;
  if (slots.length === 1 && first?.start === "00:00" && first.end === "24:00" && !first.comment) {
    return "ouvert 24\u00a0h sur 24";
  }
  return joinFrench(
    slots.map((slot) => {
      const range = `${formatFrenchTime(slot.start)} – ${formatFrenchTime(slot.end)}`;
      return slot.comment ? `${range} (${slot.comment})` : range;
    }),
  );
}

function describePublicHolidays(parsed: ParsedOpeningHours, today: LocalDate): string | undefined {
  for (let offset = 0; offset <= 366; offset++) {
    const date = addDays(today, offset);
    if (!parsed.engine.getPublicHolidayContext(localMidnight(date, 0, "12:00")).isHoliday) continue;
    const slots = slotsOfDay(parsed.engine, date);
    return slots.length === 0 ? "Fermé les jours fériés" : `Les jours fériés\u00a0: ${slotsText(slots)}`;
  }
  return undefined;
}

/** One line for a place card: "Ouvert jusqu'à 12 h", "Fermé, ouvre demain à 9 h", "Fermé". */
export function openingStatusInFrench(hours: string | ParsedOpeningHours, now: Date): { open: boolean; text: string } {
  const parsed = parsedOrThrow(hours);
  const engineNow = toEngineDate(now);
  const open = parsed.engine.getState(engineNow);
  const change = nextChange(parsed, now);
  if (parsed.engine.getUnknown(engineNow)) {
    const comment = parsed.engine.getComment(engineNow);
    return { open: false, text: comment ? comment.charAt(0).toUpperCase() + comment.slice(1) : "Horaires à confirmer" };
  }
  if (!change) return { open, text: open ? "Ouvert 24\u00a0h sur 24" : "Fermé" };
  const { day, at } = describeWhen(now, change);
  if (open) return { open, text: day ? `Ouvert jusqu'à ${day} ${at}` : `Ouvert jusqu'à ${at}` };
  return { open, text: day ? `Fermé, ouvre ${day} à ${at}` : `Fermé, ouvre à ${at}` };
}

// `day` is empty for today, "demain" or a weekday name (the change is at most a week away).
function describeWhen(now: Date, instant: Date): { day: string; at: string } {
  const today = instantToParis(now.getTime()).date;
  const { date, time } = instantToParis(instant.getTime());
  const at = formatFrenchTime(time);
  if (date === today) return { day: "", at };
  if (date === addDays(today, 1)) return { day: "demain", at };
  return { day: WEEKDAYS[(localMidnight(date).getDay() + 6) % 7] as Weekday, at };
}

/** Hours open over the seven days from `now`'s Paris day at midnight ("sur rendez-vous" and unknown count as closed). */
export function weeklyOpenHours(hours: string | ParsedOpeningHours, now: Date): number {
  const from = toEngineDate(now);
  const start = new Date(from.getFullYear(), from.getMonth(), from.getDate());
  const end = new Date(from.getFullYear(), from.getMonth(), from.getDate() + 7);
  const [open] = parsedOrThrow(hours).engine.getOpenDuration(start, end);
  return open / 3_600_000;
}

/** "Fermé, ouvre à 9 h" → "ouvre à 9 h", "Ouvert jusqu'à 12 h" → "jusqu'à 12 h": for pages whose tag says open or closed. */
export function withoutOpenState(text: string): string {
  return text.replace(/^(?:Ouvert|Fermé)(?:,\s*|\s+|$)/u, "");
}
