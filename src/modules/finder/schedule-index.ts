// The public schedules (public motifs, plages at published places) held in each app process's memory
// (decision 0056, domain/schedule-index.ts), read through `maillage_public_schedules` (migration 0027) and read
// again when the places' or the schedules' version moved (statement triggers on places, communes, plages,
// exceptional plages, motifs and mediators; when it is looked at: versioned-keeper.ts). What changes all the
// time, the mediators' appointments and absences, is asked per result page: `loadBusy`.
import { sql } from "drizzle-orm";
import { queryPreparedArrays, type Database } from "../../db/client.js";
import { withPublic, withPublicSnapshot } from "../../db/tenant.js";
import { addDays, type LocalDate } from "../../lib/paris-time.js";
import { groupBy } from "../../lib/collections.js";
import { ACTIVE_STATUSES, busyWindow } from "../booking/booking.queries.js";
import type { MediatorBusy } from "../booking/domain/slots.js";
import { buildScheduleIndex, type ScheduleIndex } from "./domain/schedule-index.js";
import { createVersionedKeeper, type VersionedKeeper } from "./versioned-keeper.js";

type Raw = [
  motifs: [id: number, territoryId: number, name: string, service: string, durationMinutes: number, minNoticeMinutes: number, horizonDays: number, placeIds: number[]][],
  plages: [mediatorId: number, placeId: number, weekdays: number[], startTime: string, endTime: string, validFrom: string, validUntil: string | null, everyNWeeks: number][],
  exceptional: [mediatorId: number, placeId: number, day: string, startTime: string, endTime: string][],
];

type PublicDatabase = Pick<Database, "db" | "publicDb">;

async function readVersion(database: PublicDatabase): Promise<string> {
  const [row] = await withPublic(database, (db) => queryPreparedArrays<[string]>(db, sql`select version::text || '.' || schedules::text from finder_data_version`));
  return row?.[0] ?? "0";
}

// Both drivers parse json columns; the guard keeps a driver configured otherwise working.
const parsed = <T>(value: T | string): T => (typeof value === "string" ? (JSON.parse(value) as T) : value);

/** Reads the version with the schedules, on one snapshot: they agree whichever server answers. */
async function load(database: PublicDatabase, from: LocalDate): Promise<{ version: string; value: ScheduleIndex }> {
  const [row] = await withPublicSnapshot(database, (db) =>
    queryPreparedArrays<[string, ...Raw]>(db, sql`select (select version::text || '.' || schedules::text from finder_data_version), s.* from maillage_public_schedules(${from}::date) s`),
  );
  const [version, ...columns] = row!;
  const [motifs, plages, exceptional] = columns.map(parsed) as Raw;
  const value = buildScheduleIndex(from, {
    motifs: motifs.map(([id, territoryId, name, service, durationMinutes, minNoticeMinutes, horizonDays, placeIds]) => ({ id, territoryId, name, service, durationMinutes, minNoticeMinutes, horizonDays, placeIds })),
    weekly: plages.map(([mediatorId, placeId, weekdays, startTime, endTime, validFrom, validUntil, everyNWeeks]) => ({
      mediatorId: String(mediatorId),
      placeId: String(placeId),
      weekdays,
      startTime,
      endTime,
      validFrom,
      validUntil,
      everyNWeeks,
    })),
    exceptional: exceptional.map(([mediatorId, placeId, date, startTime, endTime]) => ({ mediatorId: String(mediatorId), placeId: String(placeId), date, startTime, endTime })),
  });
  return { version, value };
}

export type ScheduleKeeper = VersionedKeeper<ScheduleIndex>;

/**
 * Keeps the public schedules of one database current for this process. `today` is the app's Paris date: exceptional
 * plages are read from the day before on, and read again should the clock go back.
 */
export function createScheduleKeeper(
  database: PublicDatabase,
  { checkEveryMs, today, nowMs }: { checkEveryMs: number; today: () => LocalDate; nowMs?: () => number },
): ScheduleKeeper {
  return createVersionedKeeper({
    readVersion: () => readVersion(database),
    // A day of margin: a search begun a moment before midnight still asks for that day.
    load: () => load(database, addDays(today(), -1)),
    isStale: (index) => addDays(today(), -1) < index.from,
    checkEveryMs,
    ...(nowMs ? { nowMs } : {}),
  });
}

/**
 * When these mediators are busy (absences, active appointments) around the Paris dates [from, to], by mediator, on
 * the public connections: `maillage_public_busy` answers for mediators holding a plage at a published place only.
 */
export async function loadBusy(database: PublicDatabase, { mediatorIds, from, to }: { mediatorIds: readonly string[]; from: LocalDate; to: LocalDate }): Promise<Map<string, MediatorBusy[]>> {
  if (mediatorIds.length === 0) return new Map();
  const { windowStart, windowEnd, earliestStart } = busyWindow(from, to);
  const rows = await withPublic(database, (db) =>
    queryPreparedArrays<[number, number, number]>(
      db,
      sql`select * from maillage_public_busy(${sql.param(mediatorIds.map(Number))}::int[], ${windowStart}::timestamptz, ${windowEnd}::timestamptz,
            ${earliestStart}::timestamptz, ${sql.param([...ACTIVE_STATUSES])}::text[])`,
    ),
  );
  return groupBy(
    rows.map(([mediatorId, start, end]) => ({ mediatorId: String(mediatorId), start: Number(start), end: Number(end) })),
    (range) => range.mediatorId,
  );
}
